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

from reactiond.cli_text import t
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

export_app = typer.Typer(help=t("app.export"), no_args_is_help=True)
feeds_app = typer.Typer(help=t("app.feeds"), no_args_is_help=True)

Output = Annotated[Path | None, typer.Option("--output", "-o", help=t("opt.output"))]
Reactor = Annotated[str | None, typer.Option(help=t("opt.export.reactor"))]
Chat = Annotated[str | None, typer.Option(help=t("opt.export.chat"))]


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
    from reactiond.cli import fail, with_store

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

    async def run(store: SqliteStore) -> str:
        records = await store.read(lambda tx: export_records(tx, spec, params))
        return render_csv(spec, records)

    try:
        text = with_store(run)
    except RecordsError as exc:
        from reactiond.cli_records import for_the_cli

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
    from reactiond.cli import fail, with_store

    params = {k: v for k, v in {"kind": kind, "reactor": reactor, "chat": chat}.items() if v}
    try:
        selection = parse_calendar_filters(params)
    except RecordsError as exc:
        from reactiond.cli_records import for_the_cli  # `--kind bills`, not the API's kind=bills

        raise fail(for_the_cli(f"{exc.error}; {exc.hint}")) from exc

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
    typer.Option(help=t("opt.feeds.base_url")),
]
FeedId = Annotated[int, typer.Argument(help=t("arg.feed_id"), show_default=False)]


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
    from urllib.parse import urlsplit

    from reactiond.cli import settings
    from reactiond.web.api_auth import is_loopback

    url = issued.url(base_url or default_base_url(settings()))
    typer.echo(t(f"ok.feeds.{verb}", id=issued.feed.id, name=issued.feed.name))
    typer.echo(url)
    typer.echo(t("ok.feeds.url_once", id=issued.feed.id), err=True)
    host = urlsplit(url).hostname or ""
    if is_loopback(host):
        # The default is the bind address, loopback unless configured otherwise: a URL
        # that only this machine can open, which a phone's calendar silently never loads.
        typer.echo(t("ok.feeds.loopback", host=host, id=issued.feed.id), err=True)


def _call(fn: Callable[[Transaction], T], *, create: bool = False) -> T:
    from reactiond.cli import fail, with_store

    async def run(store: SqliteStore) -> T:
        return await store.write(fn)

    try:
        return with_store(run, create=create)
    except RecordsError as exc:
        raise fail(f"{exc.error}; {exc.hint}") from exc


@feeds_app.command("create", help=t("cmd.feeds.create"))
def feeds_create(
    name: Annotated[str, typer.Argument(help=t("arg.feeds.name"))],
    reactor: Reactor = None,
    kind: Annotated[str | None, typer.Option(help=t("opt.feeds.kind"))] = None,
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

    issued = _call(write, create=True)  # a feed may be set up before the first start
    _issued(issued, base_url, "created")


@feeds_app.command("list", help=t("cmd.feeds.list"))
def feeds_list(
    as_json: Annotated[bool, typer.Option("--json", help=t("opt.json"))] = False,
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
        typer.echo(t("ok.feeds.none"))
        return
    for f in feeds:
        state = t("out.feeds.revoked") if f.revoked_at is not None else t("out.feeds.live")
        filters = ", ".join(f"{k}={v}" for k, v in f.filter.items()) or t("out.feeds.everything")
        typer.echo(f"{f.id:>4}  {state:<7}  {f.name}  ({filters})")


@feeds_app.command("rotate", help=t("cmd.feeds.rotate"))
def feeds_rotate(feed_id: FeedId, base_url: BaseUrl = None) -> None:
    """Give a feed a new URL; the old one stops working at once."""
    _check_base_url(base_url)

    def write(tx: Transaction) -> IssuedFeed:
        return rotate_feed(tx, feed_id)

    issued = _call(write)
    _issued(issued, base_url, "rotated")


@feeds_app.command("revoke", help=t("cmd.feeds.revoke"))
def feeds_revoke(feed_id: FeedId) -> None:
    """Stop a feed: its URL answers 404 from now on."""
    now = time.time()

    def write(tx: Transaction) -> Feed:
        return revoke_feed(tx, feed_id, now)

    _call(write)
    typer.echo(t("ok.feeds.revoked", id=feed_id))
