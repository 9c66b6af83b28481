"""`reactiond demo`: a short es/en/pt/fr conversation through a throw-away daemon, told in
the CLI's language."""

from __future__ import annotations

import asyncio

import typer

from reactiond.logs import configure_logging


def demo() -> None:
    """Play a short es/en/pt conversation through a throw-away daemon and show the records
    and replies it makes. Needs no Evolution and leaves nothing behind."""
    from reactiond.demo import run_demo
    from reactiond.wording import LANGUAGE

    configure_logging("error", "console")  # the story is the output, not the log
    asyncio.run(run_demo(typer.echo, lang=LANGUAGE))
