"""`reactiond tasks|events|bills|notes …`: thin commands over `reactiond.records`, the
functions the records API calls."""

# No `from __future__ import annotations`: Typer reads the list options' help, built
# per kind inside a closure, from evaluated annotations.

import inspect
import json
import time
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar
from zoneinfo import ZoneInfo

import typer

from reactiond.cli.common import (
    fail,
    for_the_cli,
    more_than_shown,
    row_id,
    settings,
    with_store,
)
from reactiond.cli.table import table
from reactiond.cli.text import t
from reactiond.records.errors import RecordsError
from reactiond.records.kinds import KindSpec, spec_for
from reactiond.records.query import MAX_LIMIT, Page, list_records, parse_query, sort_names
from reactiond.records.reader_zone import in_zone, reader_zone
from reactiond.store.interface import Store

T = TypeVar("T")

# What a listing shows per kind, in order (--json has every field).
COLUMNS: dict[str, tuple[str, ...]] = {
    "task": ("id", "status", "due", "priority", "title"),
    "event": ("id", "status", "start", "duration_minutes", "title"),
    "bill": ("id", "status", "due", "amount", "currency", "vendor"),
    "note": ("id", "status", "created_at", "title"),
}
HELP = {name: t(f"app.{name}") for name in ("tasks", "events", "bills", "notes")}


def run(fn: Callable[[Store], Awaitable[T]]) -> T:
    try:
        return with_store(fn)
    except RecordsError as exc:
        raise fail(for_the_cli(str(exc))) from exc


def _spec(name: str) -> KindSpec:
    spec = spec_for(name)
    assert spec is not None, name
    return spec


def _missing(name: str) -> Callable[[str], str]:
    """What `run` says of an id no record of that kind has."""

    def said(record_id: str) -> str:
        # records.change brings pydantic's models: a quarter second `tasks list` needs not.
        from reactiond.records.change import no_record

        return for_the_cli(str(no_record(_spec(name), record_id)))

    return said


def list_params(
    spec: KindSpec,
    *,
    status: str | None,
    date_from: str | None,
    date_to: str | None,
    reactor: str | None,
    chat: str | None,
    text: str | None,
    sort: str | None,
    limit: int,
) -> dict[str, str]:
    """CLI options → the query parameters the API takes (one set of rules for both)."""
    params = {"limit": str(limit)}
    for key, value in (
        ("status", status),
        ("reactor", reactor),
        ("chat", chat),
        ("q", text),
        ("sort", sort),
    ):
        if value:
            params[key] = value
    if date_from or date_to:
        if spec.when_name is None:
            raise fail(t("err.records.no_date", kind=spec.kind.value))
        if date_from:
            params[f"{spec.when_name}_from"] = date_from
        if date_to:
            params[f"{spec.when_name}_to"] = date_to
    return params


def _list_command(name: str) -> Callable[..., None]:
    spec = _spec(name)
    sorts = [n for n in sort_names(spec) if not n.startswith("-")]

    def list_(
        status: Annotated[
            str | None,
            typer.Option(help=t("opt.records.status", statuses=", ".join(spec.statuses))),
        ] = None,
        date_from: Annotated[str | None, typer.Option("--from", help=t("opt.records.from"))] = None,
        date_to: Annotated[str | None, typer.Option("--to", help=t("opt.records.to"))] = None,
        reactor: Annotated[str | None, typer.Option(help=t("opt.records.reactor"))] = None,
        chat: Annotated[str | None, typer.Option(help=t("opt.records.chat"))] = None,
        text: Annotated[str | None, typer.Option(help=t("opt.records.text"))] = None,
        search: Annotated[
            str | None,
            typer.Option("--search", "-q", hidden=True, help=t("opt.records.text")),
        ] = None,
        sort: Annotated[
            str | None,
            typer.Option(help=t("opt.records.sort", choices=", ".join(sorts))),
        ] = None,
        tz: Annotated[str | None, typer.Option(help=t("opt.records.tz"))] = None,
        limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help=t("opt.limit"))] = 100,
        as_json: Annotated[bool, typer.Option("--json", help=t("opt.json"))] = False,
    ) -> None:
        params = list_params(
            spec,
            status=status,
            date_from=date_from,
            date_to=date_to,
            reactor=reactor,
            chat=chat,
            text=text or search,  # `export csv` said --search: both work, --text is shown
            sort=sort,
            limit=limit,
        )

        async def load(st: Store) -> Page:
            query = parse_query(spec, params)
            return await st.read(lambda tx: list_records(tx, query))

        reader = _zone(tz)
        page = run(load)
        items = [in_zone(r.model_dump(mode="json"), reader) for r in page.items]
        if as_json:
            typer.echo(json.dumps(items, ensure_ascii=False))
        elif not items:
            typer.echo(t(f"ok.{name}.none"))
        else:
            cols = COLUMNS[spec.singular]
            rows = [[t(f"col.{c}") for c in cols], *([_cell(i, c) for c in cols] for i in items)]
            numbers = frozenset(n for n, c in enumerate(cols) if c in ("id", "amount"))
            for line in table(rows, right=numbers):
                typer.echo(line)
        if page.next_cursor is not None:
            command = f"reactiond {name} list"
            more_than_shown(len(items), limit=limit, most=MAX_LIMIT, command=command)

    list_.__doc__ = f"List {name} with filters (soonest first where they have a date)."
    if spec.when_name is None:
        # Notes have no date: --from/--to could only ever fail, so they are not offered.
        signature = inspect.signature(list_)
        list_.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[
                p for p in signature.parameters.values() if p.name not in ("date_from", "date_to")
            ]
        )
    return list_


def _zone(name: str | None) -> ZoneInfo | None:
    try:
        return reader_zone(name)
    except RecordsError as exc:
        raise fail(t("err.unknown_tz", zone=name)) from exc


def _cell(item: dict[str, Any], col: str) -> str:
    value = item.get(col)
    return "-" if value is None else str(value)


def sub_apps() -> dict[str, typer.Typer]:
    apps = {}
    for name in ("tasks", "events", "bills", "notes"):
        sub = typer.Typer(help=HELP[name], no_args_is_help=True)
        sub.command("list", help=t(f"cmd.{name}.list"))(_list_command(name))
        apps[name] = sub

    @apps["tasks"].command("done", help=t("cmd.tasks.done"))
    def task_done(
        task_id: Annotated[int, row_id(t("arg.task_id"), _missing("tasks"))],
    ) -> None:
        """Mark an open task done."""
        # Changing a record reschedules its reminders (the engine): not for `tasks list`.
        from reactiond.engine.record_changes import mark_task_done

        now = time.time()
        task = run(lambda st: st.write(lambda tx: mark_task_done(tx, task_id, now)))
        typer.echo(t("ok.tasks.done", id=task.id, title=task.title))

    @apps["tasks"].command("reopen", help=t("cmd.tasks.reopen"))
    def task_reopen(
        task_id: Annotated[int, row_id(t("arg.task_id"), _missing("tasks"))],
    ) -> None:
        """Open a done or cancelled task again; its reminders are planned again."""
        from reactiond.engine.record_changes import reopen_task
        from reactiond.engine.reminders import ReminderConfig

        now = time.time()
        # The daemon's reminder settings, as the API's PATCH passes them: a task that had
        # none planned yet gets them as at its creation.
        reminders = ReminderConfig.from_settings(settings())
        task = run(lambda st: st.write(lambda tx: reopen_task(tx, task_id, now, reminders)))
        typer.echo(t("ok.tasks.reopened", id=task.id, title=task.title))

    @apps["bills"].command("paid", help=t("cmd.bills.paid"))
    def bill_paid(
        bill_id: Annotated[int, row_id(t("arg.bill_id"), _missing("bills"))],
    ) -> None:
        """Mark a pending bill paid."""
        from reactiond.engine.record_changes import mark_bill_paid

        now = time.time()
        bill = run(lambda st: st.write(lambda tx: mark_bill_paid(tx, bill_id, now)))
        typer.echo(
            t(
                "ok.bills.paid",
                id=bill.id,
                vendor=bill.vendor or "",
                amount=bill.amount,
                currency=bill.currency,
            )
        )

    return apps


_APPS = sub_apps()
tasks_app = _APPS["tasks"]
events_app = _APPS["events"]
bills_app = _APPS["bills"]
notes_app = _APPS["notes"]
