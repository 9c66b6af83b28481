"""`reactiond parse`: one message through a parser, or `--batch` JSON lines (the same
function `/api/parse` and the parser pool call)."""

from __future__ import annotations

import json
import os
from datetime import datetime
from typing import Annotated, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from reactiond.cli.batch import run_batch_command
from reactiond.cli.common import fail
from reactiond.cli.text import t


def _fail(message: str) -> NoReturn:
    # `reactiond:` and exit 1, like every other command (it said `error:` and exit 2).
    raise fail(message)


def parse_command(
    parser: Annotated[
        str | None, typer.Argument(help=t("arg.parse.parser"), show_default=False)
    ] = None,
    text: Annotated[
        str | None, typer.Argument(help=t("arg.message_text"), show_default=False)
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(help=t("opt.parse.now")),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(help=t("opt.parse.tz")),
    ] = None,
    lang: Annotated[str | None, typer.Option(help=t("opt.parse.lang"))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=t("opt.parse.json"))] = False,
    batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help=t("opt.parse.batch"),
        ),
    ] = False,
) -> None:
    """Parse one message with a parser and show what it understood."""
    if batch:  # `reactiond parse --batch` alone starts in batch.py without Typer: the same
        code = run_batch_command()
        if code:
            raise typer.Exit(code)
        return
    if parser is None or text is None:
        _fail(t("err.parse.missing"))
    if lang is not None and lang not in ("es", "en", "pt", "fr"):
        _fail(t("err.unknown_lang", lang=lang))
    zone = tz or os.environ.get("REACTIOND_DEFAULT_TZ") or "UTC"
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        _fail(t("err.unknown_tz", zone=zone))
    try:
        when = datetime.fromisoformat(now) if now else datetime.now(ZoneInfo(zone))
    except ValueError:
        _fail(t("err.parse.bad_now", now=now))
    from reactiond.nlp import parse

    try:
        result = parse(text, parser, now=when, tz=zone, lang=lang)
    except ValueError as e:
        _fail(str(e))
    payload = result.prediction("cli")
    if as_json:
        payload.pop("id")
        if result.reason:
            payload["reason"] = result.reason
        if result.unsure:
            payload["unsure"] = [u.as_json() for u in result.unsure]
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
    if result.unsure:
        guesses = [
            t(
                f"parse.unsure.{u.why}",
                field=u.field if u.item is None else f"{u.field} #{u.item + 1}",
            )
            for u in result.unsure
        ]
        typer.echo(t("parse.unsure", fields="; ".join(guesses)))
