from reactiond.cli.entry import main

main()
