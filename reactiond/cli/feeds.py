"""`reactiond feeds create|list|rotate|revoke`: private calendar feeds; thin commands over
the same functions as `/feeds/…`."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Annotated, TypeVar
from urllib.parse import urlsplit

import typer

from reactiond.cli.common import fail, row_id, settings, with_store
from reactiond.cli.text import t
from reactiond.exports.feeds import (
    Feed,
    IssuedFeed,
    create_feed,
    feed_filter,
    list_feeds,
    no_feed,
    revoke_feed,
    rotate_feed,
)
from reactiond.records.errors import RecordsError
from reactiond.settings import Settings
from reactiond.store.interface import Store, Transaction

T = TypeVar("T")

feeds_app = typer.Typer(help=t("app.feeds"), no_args_is_help=True)
Reactor = Annotated[str | None, typer.Option(help=t("opt.export.reactor"))]


def default_base_url(s: Settings) -> str:
    host = s.host if ":" not in s.host else f"[{s.host}]"
    return f"http://{host}:{s.port}"


BaseUrl = Annotated[
    str | None,
    typer.Option(help=t("opt.feeds.base_url")),
]
FeedId = Annotated[int, row_id(t("arg.feed_id"), lambda feed_id: _said(no_feed(feed_id)))]


def _check_base_url(base_url: str | None) -> None:
    """Before a feed is made: its URL is shown only once, so it must be usable."""
    if base_url is None:
        return
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(
            f"--base-url {base_url!r} is not an http(s) URL: give how calendar apps reach"
            " reactiond, e.g. --base-url https://reactiond.example"
        )


def _issued(issued: IssuedFeed, base_url: str | None, verb: str) -> None:
    from reactiond.web.api_auth import is_loopback  # the web layer: aiohttp, for one check

    url = issued.url(base_url or default_base_url(settings()))
    typer.echo(t(f"ok.feeds.{verb}", id=issued.feed.id, name=issued.feed.name))
    typer.echo(url)
    typer.echo(t("ok.feeds.url_once", id=issued.feed.id), err=True)
    host = urlsplit(url).hostname or ""
    if is_loopback(host):
        # The default is the bind address, loopback unless configured otherwise: a URL
        # that only this machine can open, which a phone's calendar silently never loads.
        typer.echo(t("ok.feeds.loopback", host=host, id=issued.feed.id), err=True)


def _said(exc: RecordsError) -> str:
    return f"{exc.error}; {exc.hint}"


def _call(fn: Callable[[Transaction], T], *, create: bool = False) -> T:

    async def run(store: Store) -> T:
        return await store.write(fn)

    try:
        return with_store(run, create=create)
    except RecordsError as exc:
        raise fail(_said(exc)) from exc


@feeds_app.command("create", help=t("cmd.feeds.create"))
def feeds_create(
    name: Annotated[str, typer.Argument(help=t("arg.feeds.name"))],
    reactor: Reactor = None,
    kind: Annotated[str | None, typer.Option(help=t("opt.feeds.kind"))] = None,
    base_url: BaseUrl = None,
    window_days: Annotated[
        int | None, typer.Option(help=t("opt.feeds.window_days"), show_default=False)
    ] = None,
) -> None:
    """Create a feed and print its URL (shown once)."""

    _check_base_url(base_url)

    try:
        filter_ = feed_filter(reactor, kind, window_days)
    except RecordsError as exc:
        raise fail(_said(exc)) from exc
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

    async def run(store: Store) -> list[Feed]:
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
