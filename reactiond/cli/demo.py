"""`reactiond demo`: a short es/en/pt conversation through a throw-away daemon."""

from __future__ import annotations

import asyncio

import typer

from reactiond.logs import configure_logging


def demo() -> None:
    """Play a short es/en/pt conversation through a throw-away daemon and show the records
    and replies it makes. Needs no Evolution and leaves nothing behind."""
    from reactiond.demo import run_demo

    configure_logging("error", "console")  # the story is the output, not the log
    asyncio.run(run_demo(typer.echo))
