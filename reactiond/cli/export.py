"""`reactiond export csv|ics`: thin commands over the same functions as `/export/…`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from reactiond.cli.common import fail, for_the_cli, with_store
from reactiond.cli.text import t
from reactiond.exports.csvfile import render_csv
from reactiond.exports.selection import (
    calendar_records,
    export_records,
    parse_calendar_filters,
)
from reactiond.records.errors import RecordsError
from reactiond.records.kinds import kind_names, spec_for
from reactiond.store.interface import Store

T = TypeVar("T")

export_app = typer.Typer(help=t("app.export"), no_args_is_help=True)

Output = Annotated[Path | None, typer.Option("--output", "-o", help=t("opt.output"))]
Reactor = Annotated[str | None, typer.Option(help=t("opt.export.reactor"))]
Chat = Annotated[str | None, typer.Option(help=t("opt.export.chat"))]


def _write(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            output.write_bytes(data)
        except OSError as e:
            raise fail(
                f"cannot write {output}: {e.strerror}; give a path in a writable directory"
            ) from e
        typer.echo(t("ok.export.wrote", path=output), err=True)


@export_app.command("csv", help=t("cmd.export.csv"))
def export_csv(
    kind: Annotated[str, typer.Argument(help=t("arg.export.kind"))],
    status: Annotated[str | None, typer.Option(help=t("opt.export.status"))] = None,
    since: Annotated[
        str | None,
        typer.Option("--from", help=t("opt.export.from")),
    ] = None,
    until: Annotated[str | None, typer.Option("--to", help=t("opt.export.to"))] = None,
    reactor: Reactor = None,
    chat: Chat = None,
    text: Annotated[str | None, typer.Option("--text", help=t("opt.export.search"))] = None,
    search: Annotated[  # its first name; `--text`, as the lists say, is the one shown
        str | None, typer.Option("--search", "-q", hidden=True, help=t("opt.export.search"))
    ] = None,
    sort: Annotated[str | None, typer.Option(help=t("opt.export.sort"))] = None,
    output: Output = None,
) -> None:
    """All matching records of one kind as CSV (UTF-8, one header row, ISO dates)."""

    spec = spec_for(kind)
    if spec is None:
        raise fail(t("err.export.unknown_kind", kind=kind, choices=kind_names()))
    params = {
        k: v
        for k, v in {
            "status": status,
            "reactor": reactor,
            "chat": chat,
            "q": text or search,
            "sort": sort,
        }.items()
        if v
    }
    if since or until:
        if spec.when_name is None:
            raise fail(t("err.export.no_date", kind=spec.kind.value))
        if since:
            params[f"{spec.when_name}_from"] = since
        if until:
            params[f"{spec.when_name}_to"] = until

    async def run(store: Store) -> str:
        records = await store.read(lambda tx: export_records(tx, spec, params))
        return render_csv(spec, records)

    try:
        text = with_store(run)
    except RecordsError as exc:
        raise fail(for_the_cli(f"{exc.error}; {exc.hint}")) from exc
    _write(text.encode("utf-8"), output)


@export_app.command("ics", help=t("cmd.export.ics"))
def export_ics(
    kind: Annotated[str | None, typer.Option(help=t("opt.export.kind"))] = None,
    reactor: Reactor = None,
    chat: Chat = None,
    output: Output = None,
) -> None:
    """Events, bills (all-day on their due date) and dated tasks as one iCalendar file."""
    from reactiond.exports.icsfile import render_ics  # icalendar: only for this command

    params = {k: v for k, v in {"kind": kind, "reactor": reactor, "chat": chat}.items() if v}
    try:
        selection = parse_calendar_filters(params)
    except RecordsError as exc:
        raise fail(for_the_cli(f"{exc.error}; {exc.hint}")) from exc

    async def run(store: Store) -> bytes:
        found = await store.read(lambda tx: calendar_records(tx, selection))
        return render_ics(
            name="reactiond", events=found.events, bills=found.bills, tasks=found.tasks
        )

    _write(with_store(run), output)
