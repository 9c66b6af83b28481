"""The `reactiond` command: thin Typer commands over the same functions the HTTP API calls."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


@app.command("parse")
def parse_command(
    parser: Annotated[
        str | None, typer.Argument(help="task, calendar, bill or note.", show_default=False)
    ] = None,
    text: Annotated[
        str | None, typer.Argument(help="The message text.", show_default=False)
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(help="When the message was sent (ISO 8601; default: the current time)."),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(help="Time zone (default: $REACTIOND_DEFAULT_TZ or UTC)."),
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="Force the language: es, en or pt (default: detect).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help="Read JSONL cases {id, parser, text, now, tz} on stdin; "
            "write one prediction per line on stdout.",
        ),
    ] = False,
) -> None:
    """Parse one message with a parser and show what it understood."""
    if batch:
        from reactiond.nlp.batch import run_batch

        run_batch(sys.stdin, sys.stdout, sys.stderr)
        return
    if parser is None or text is None:
        _fail("give PARSER and TEXT, e.g. reactiond parse task 'buy milk tomorrow', or --batch")
        return
    zone = tz or os.environ.get("REACTIOND_DEFAULT_TZ") or "UTC"
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        _fail(f"unknown time zone {zone!r}: use an IANA name such as Europe/Madrid")
    try:
        when = datetime.fromisoformat(now) if now else datetime.now(ZoneInfo(zone))
    except ValueError:
        _fail(f"--now {now!r} is not an ISO 8601 date-time, e.g. 2026-01-08T09:15")
        return
    from reactiond.nlp import parse

    try:
        result = parse(text, parser, now=when, tz=zone, lang=lang)
    except ValueError as e:
        _fail(str(e))
        return
    payload = result.prediction("cli")
    if as_json:
        payload.pop("id")
        if result.reason:
            payload["reason"] = result.reason
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    status = "ok" if result.success else f"refused ({result.reason})"
    typer.echo(f"{result.parser} [{result.language}] {status}")
    for key, value in (payload.get("data") or {}).items():
        if value in (None, [], ""):
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        if key == "bills" and isinstance(value, list):
            for bill in value:
                typer.echo(
                    f"  bill: {bill.get('vendor') or '-'}  {bill['amount']} {bill['currency']}"
                    + (f"  due {bill['due']}" if bill.get("due") else "")
                )
            continue
        typer.echo(f"  {key}: {shown}")


def main() -> None:
    app()
