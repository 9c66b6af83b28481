"""The `reactiond` command: thin Typer commands over the same functions the HTTP API calls."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="reactiond",
    help="Turn WhatsApp messages into tasks, events, bills and notes with one emoji.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """reactiond: one emoji turns a WhatsApp message into a record."""


def main() -> None:
    app()
