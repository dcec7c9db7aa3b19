"""`python -m audio`: the command line."""

from audio.cli import main

main()
