from reactiond.cli.main import main

main()
