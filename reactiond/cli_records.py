"""`reactiond tasks|events|bills|notes …`: thin commands over `reactiond.records`."""

# No `from __future__ import annotations`: Typer reads the list options' help, built
# per kind inside a closure, from evaluated annotations.

import json
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import typer

from reactiond import records
from reactiond.cli import fail, with_store
from reactiond.records import RecordFilter, RecordKind
from reactiond.store.interface import Store

T = TypeVar("T")

# What a listing shows per kind, in order (the JSON form has every column).
COLUMNS: dict[str, tuple[str, ...]] = {
    "tasks": ("id", "status", "due", "priority", "title"),
    "events": ("id", "status", "start", "duration_minutes", "title"),
    "bills": ("id", "status", "due", "amount", "currency", "vendor"),
    "notes": ("id", "status", "created", "title"),
}
HELP = {
    "tasks": "Tasks created by reactions: list them, mark them done.",
    "events": "Calendar events created by reactions.",
    "bills": "Bills created by reactions: list them, mark them paid.",
    "notes": "Notes created by reactions.",
}


def run(fn: Callable[[Store], Awaitable[T]]) -> T:
    try:
        return with_store(fn)
    except (records.RecordNotFound, records.RecordStateError, records.BadFilter) as exc:
        raise fail(str(exc)) from exc


def _list_command(kind: RecordKind) -> Callable[..., None]:
    def list_(
        status: Annotated[str | None, typer.Option(help=" | ".join(records.STATUSES[kind]))] = None,
        date_from: Annotated[
            str | None, typer.Option("--from", help="Due/start on or after YYYY-MM-DD.")
        ] = None,
        date_to: Annotated[
            str | None, typer.Option("--to", help="Due/start on or before YYYY-MM-DD.")
        ] = None,
        reactor: Annotated[
            str | None, typer.Option(help="Who reacted: phone number or JID.")
        ] = None,
        chat: Annotated[str | None, typer.Option(help="Chat JID.")] = None,
        text: Annotated[str | None, typer.Option(help="Words in the title/vendor.")] = None,
        tz: Annotated[
            str | None, typer.Option(help="Show times in this zone (default: each record's).")
        ] = None,
        limit: Annotated[int, typer.Option(min=1, max=10000)] = 100,
        as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    ) -> None:
        f = RecordFilter(status, date_from, date_to, reactor, chat, text, limit)
        rows = run(lambda st: records.list_records(st, kind, f, reader_tz=tz))
        if as_json:
            typer.echo(json.dumps(rows, ensure_ascii=False))
            return
        if not rows:
            typer.echo(f"no {kind}")
            return
        cols = COLUMNS[kind]
        typer.echo("  ".join(c.upper() for c in cols))
        for row in rows:
            typer.echo("  ".join(_cell(row, c) for c in cols))

    list_.__doc__ = f"List {kind}, soonest first, with filters."
    return list_


def _cell(row: dict[str, Any], col: str) -> str:
    if col == "created":
        from datetime import UTC, datetime

        return datetime.fromtimestamp(row["created_at"], UTC).strftime("%Y-%m-%d")
    value = row.get(col)
    return "-" if value is None else str(value)


def sub_apps() -> dict[str, typer.Typer]:
    apps = {}
    for kind in ("tasks", "events", "bills", "notes"):
        sub = typer.Typer(help=HELP[kind], no_args_is_help=True)
        sub.command("list")(_list_command(kind))
        apps[kind] = sub

    @apps["tasks"].command("done")
    def task_done(task_id: int) -> None:
        """Mark an open task done."""
        row = run(lambda st: records.mark_task_done(st, task_id))
        typer.echo(f"task {row['id']} done: {row['title']}")

    @apps["bills"].command("paid")
    def bill_paid(bill_id: int) -> None:
        """Mark a pending bill paid."""
        row = run(lambda st: records.mark_bill_paid(st, bill_id))
        typer.echo(
            f"bill {row['id']} paid: {row['vendor'] or ''} {row['amount']} {row['currency']}"
        )

    return apps
