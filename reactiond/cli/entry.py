"""The console entry point (`reactiond`, `python -m reactiond`)."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["parse", "--batch"]:
        # The hot path of scripts and the scorer: one process, many lines; no Typer.
        from reactiond.cli.batch import run_batch_command
        from reactiond.private_files import keep_private

        keep_private()
        try:
            code = run_batch_command()
        except BrokenPipeError:
            code = 0
        sys.exit(code)
    from reactiond.cli.main import main as commands

    commands()
