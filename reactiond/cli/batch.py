"""`reactiond parse --batch`: JSON lines in, one prediction per line out (the corpus
scorer's format). The same function answers `reactiond parse --batch` in every form;
`entry.py` starts the exact command line `reactiond parse --batch` here without Typer (and
the pydantic its option parsing loads), so a pipeline's process pays for the parsers and
little else (bench/startup.py)."""

from __future__ import annotations

import sys

from reactiond.cli.text import t


def run_batch_command() -> int:
    """Answer every line of stdin; 0, or 1 after saying how many lines were not usable
    (every line was still answered)."""
    from reactiond.nlp.batch import run_batch

    bad = run_batch(sys.stdin, sys.stdout, sys.stderr)
    if not bad:
        return 0
    sys.stderr.write(f"reactiond: {t('err.parse.batch_failed', count=bad)}\n")
    return 1
