"""`reactiond export csv|ics` and `reactiond feeds create|list|rotate|revoke`: thin
commands over the same functions as `/export/…` and `/feeds/…`."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from reactiond.exports.csvfile import render_csv
from reactiond.exports.feeds import (
    Feed,
    IssuedFeed,
    create_feed,
    feed_filter,
    list_feeds,
    revoke_feed,
    rotate_feed,
)
from reactiond.exports.icsfile import render_ics
from reactiond.exports.selection import (
    calendar_records,
    export_records,
    parse_calendar_filters,
)
from reactiond.records.errors import RecordsError
from reactiond.records.kinds import kind_names, spec_for
from reactiond.settings import Settings
from reactiond.store.interface import Transaction
from reactiond.store.sqlite.store import SqliteStore

T = TypeVar("T")

export_app = typer.Typer(help="Write records as CSV or iCalendar.", no_args_is_help=True)
feeds_app = typer.Typer(
    help="Calendar feeds: secret URLs that calendar apps subscribe to.", no_args_is_help=True
)

Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
]
Reactor = Annotated[str | None, typer.Option(help="Only this reactor: a phone number or JID.")]
Chat = Annotated[str | None, typer.Option(help="Only this chat: a JID or phone number.")]


def _write(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        from reactiond.cli import fail

        try:
            output.write_bytes(data)
        except OSError as e:
            raise fail(
                f"cannot write {output}: {e.strerror}; give a path in a writable directory"
            ) from e
        typer.echo(f"wrote {output}", err=True)


@export_app.command("csv")
def export_csv(
    kind: Annotated[str, typer.Argument(help="tasks, calendar-events (or events), bills, notes")],
    status: Annotated[str | None, typer.Option(help="Status, or several with commas.")] = None,
    since: Annotated[
        str | None,
        typer.Option("--from", help="Due (start, for events) on or after: 2026-01-15[T09:30]."),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--to", help="Due (start) on or before this day or time.")
    ] = None,
    reactor: Reactor = None,
    chat: Chat = None,
    search: Annotated[str | None, typer.Option("--search", "-q", help="Text to look for.")] = None,
    sort: Annotated[
        str | None, typer.Option(help="id, created, updated, due or start; -x descending.")
    ] = None,
    output: Output = None,
) -> None:
    """All matching records of one kind as CSV (UTF-8, one header row, ISO dates)."""
    from reactiond.cli import fail, with_store

    spec = spec_for(kind)
    if spec is None:
        raise fail(f"unknown kind {kind!r}: use {kind_names()}")
    params = {
        k: v
        for k, v in {
            "status": status,
            "reactor": reactor,
            "chat": chat,
            "q": search,
            "sort": sort,
        }.items()
        if v
    }
    if since or until:
        if spec.when_name is None:
            raise fail(f"{spec.kind.value} have no date to filter on: leave out --from/--to")
        if since:
            params[f"{spec.when_name}_from"] = since
        if until:
            params[f"{spec.when_name}_to"] = until

    async def run(store: SqliteStore) -> str:
        records = await store.read(lambda tx: export_records(tx, spec, params))
        return render_csv(spec, records)

    try:
        text = with_store(run)
    except RecordsError as exc:
        from reactiond.cli_records import for_the_cli

        raise fail(for_the_cli(f"{exc.error}; {exc.hint}")) from exc
    _write(text.encode("utf-8"), output)


@export_app.command("ics")
def export_ics(
    kind: Annotated[
        str | None, typer.Option(help="Only calendar-events, bills or tasks (default: all).")
    ] = None,
    reactor: Reactor = None,
    chat: Chat = None,
    output: Output = None,
) -> None:
    """Events, bills (all-day on their due date) and dated tasks as one iCalendar file."""
    from reactiond.cli import fail, with_store

    params = {k: v for k, v in {"kind": kind, "reactor": reactor, "chat": chat}.items() if v}
    try:
        selection = parse_calendar_filters(params)
    except RecordsError as exc:
        raise fail(f"{exc.error}; {exc.hint}") from exc

    async def run(store: SqliteStore) -> bytes:
        found = await store.read(lambda tx: calendar_records(tx, selection))
        return render_ics(
            name="reactiond", events=found.events, bills=found.bills, tasks=found.tasks
        )

    _write(with_store(run), output)


# -- feeds ---------------------------------------------------------------------------


def default_base_url(s: Settings) -> str:
    host = s.host if ":" not in s.host else f"[{s.host}]"
    return f"http://{host}:{s.port}"


BaseUrl = Annotated[
    str | None,
    typer.Option(
        help="How calendar apps reach reactiond, e.g. https://me.example (default: the bind)."
    ),
]


def _check_base_url(base_url: str | None) -> None:
    """Before a feed is made: its URL is shown only once, so it must be usable."""
    from urllib.parse import urlsplit

    from reactiond.cli import fail

    if base_url is None:
        return
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(
            f"--base-url {base_url!r} is not an http(s) URL: give how calendar apps reach"
            " reactiond, e.g. --base-url https://reactiond.example"
        )


def _issued(issued: IssuedFeed, base_url: str | None, verb: str) -> None:
    from reactiond.cli import settings

    url = issued.url(base_url or default_base_url(settings()))
    typer.echo(f"feed {issued.feed.id} ({issued.feed.name}) {verb}; subscribe to:")
    typer.echo(url)
    typer.echo(
        "This URL is shown only now: keep it. `reactiond feeds rotate "
        f"{issued.feed.id}` makes a new one (and stops this one).",
        err=True,
    )


def _call(fn: Callable[[Transaction], T]) -> T:
    from reactiond.cli import fail, with_store

    async def run(store: SqliteStore) -> T:
        return await store.write(fn)

    try:
        return with_store(run)
    except RecordsError as exc:
        raise fail(f"{exc.error}; {exc.hint}") from exc


@feeds_app.command("create")
def feeds_create(
    name: Annotated[str, typer.Argument(help="Who or what it is for, e.g. 'Ana' or 'Bills'.")],
    reactor: Reactor = None,
    kind: Annotated[str | None, typer.Option(help="Only calendar-events, bills or tasks.")] = None,
    base_url: BaseUrl = None,
) -> None:
    """Create a feed and print its URL (shown once)."""
    from reactiond.cli import fail

    _check_base_url(base_url)

    try:
        filter_ = feed_filter(reactor, kind)
    except RecordsError as exc:
        raise fail(f"{exc.error}; {exc.hint}") from exc
    now = time.time()

    def write(tx: Transaction) -> IssuedFeed:
        return create_feed(tx, name, filter_, now)

    issued = _call(write)
    _issued(issued, base_url, "created")


@feeds_app.command("list")
def feeds_list(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Feeds with their filters (URLs are not kept: rotate a feed to get a new one)."""
    from reactiond.cli import with_store

    async def run(store: SqliteStore) -> list[Feed]:
        return await store.read(list_feeds)

    feeds = with_store(run)
    if as_json:
        typer.echo(json.dumps([f.as_json() for f in feeds], ensure_ascii=False))
        return
    if not feeds:
        typer.echo("no feeds; `reactiond feeds create NAME` makes one")
        return
    for f in feeds:
        state = "revoked" if f.revoked_at is not None else "live"
        filters = ", ".join(f"{k}={v}" for k, v in f.filter.items()) or "everything"
        typer.echo(f"{f.id:>4}  {state:<7}  {f.name}  ({filters})")


@feeds_app.command("rotate")
def feeds_rotate(feed_id: int, base_url: BaseUrl = None) -> None:
    """Give a feed a new URL; the old one stops working at once."""
    _check_base_url(base_url)

    def write(tx: Transaction) -> IssuedFeed:
        return rotate_feed(tx, feed_id)

    issued = _call(write)
    _issued(issued, base_url, "rotated")


@feeds_app.command("revoke")
def feeds_revoke(feed_id: int) -> None:
    """Stop a feed: its URL answers 404 from now on."""
    now = time.time()

    def write(tx: Transaction) -> Feed:
        return revoke_feed(tx, feed_id, now)

    _call(write)
    typer.echo(f"feed {feed_id} revoked")
