from reactiond.cli import main

main()
