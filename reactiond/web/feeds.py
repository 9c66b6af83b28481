"""`/export/{kind}.csv`, `/export/calendar.ics` (behind the API token) and
`/feeds/{token}.ics` (the token in the URL is the credential: calendar apps cannot send
headers). Feeds answer 304 to a client whose copy is current (If-None-Match, else
If-Modified-Since), so polling every few minutes costs almost nothing: the ETag comes
from SQL aggregates over the matching records, and nothing is loaded or rendered for a
304. Rendering (slow with many records) runs off the event loop, and the last few
calendars rendered are kept, keyed by their ETag.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from datetime import UTC, datetime
from importlib import metadata

import icalendar
from aiohttp import web

from reactiond.exports.csvfile import render_csv
from reactiond.exports.feeds import Feed, feed_for_token
from reactiond.exports.icsfile import render_ics
from reactiond.exports.selection import (
    CalendarRecords,
    CalendarSelection,
    CalendarStamp,
    calendar_records,
    calendar_stamp,
    export_records,
    parse_calendar_filters,
)
from reactiond.records.errors import RecordNotFound
from reactiond.records.kinds import kind_names, spec_for
from reactiond.store.interface import Transaction
from reactiond.web.api_common import ApiContext, answers_errors, single_params
from reactiond.web.errors import json_error

ICS_TYPE = "text/calendar"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "0"


# A new reactiond or icalendar may render the same records differently: new ETags.
RENDERER = f"reactiond {_version('reactiond')} icalendar {icalendar.__version__}"


class RenderedCalendars:
    """The last few calendars rendered, by ETag (bounded in count and bytes)."""

    def __init__(self, max_items: int = 16, max_bytes: int = 64 * 1024 * 1024) -> None:
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._max_items = max_items
        self._max_bytes = max_bytes

    def get(self, etag: str) -> bytes | None:
        body = self._items.get(etag)
        if body is not None:
            self._items.move_to_end(etag)
        return body

    def put(self, etag: str, body: bytes) -> None:
        if len(body) > self._max_bytes:
            return
        self._items[etag] = body
        self._items.move_to_end(etag)
        while len(self._items) > self._max_items or self._size() > self._max_bytes:
            self._items.popitem(last=False)

    def _size(self) -> int:
        return sum(len(b) for b in self._items.values())


def export_routes(ctx: ApiContext, cache: RenderedCalendars) -> list[web.RouteDef]:
    @answers_errors
    async def csv_view(request: web.Request) -> web.StreamResponse:
        name = request.match_info["kind"]
        spec = spec_for(name)
        if spec is None:
            raise RecordNotFound(
                f"nothing to export as {name!r}", f"use /export/<kind>.csv with {kind_names()}"
            )
        params = single_params(request)
        records = await ctx.store.read(lambda tx: export_records(tx, spec, params))
        text = await asyncio.to_thread(render_csv, spec, records)
        return web.Response(
            body=text.encode("utf-8"),
            content_type="text/csv",
            charset="utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="reactiond-{spec.kind.value}.csv"'
            },
        )

    @answers_errors
    async def ics_view(request: web.Request) -> web.StreamResponse:
        selection = parse_calendar_filters(single_params(request))
        return await _calendar(request, ctx, cache, "reactiond", selection, None)

    return [
        web.get("/export/calendar.ics", ics_view),
        web.get("/export/{kind}.csv", csv_view),
    ]


def feed_routes(ctx: ApiContext, cache: RenderedCalendars) -> list[web.RouteDef]:
    @answers_errors
    async def feed_view(request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        feed: Feed | None = await ctx.store.read(lambda tx: feed_for_token(tx, token))
        if feed is None:
            return json_error(
                404,
                "no such feed",
                "the feed was revoked or rotated; ask for its new URL "
                "(`reactiond feeds rotate ID` shows it)",
            )
        return await _calendar(request, ctx, cache, feed.name, feed.selection, feed.created_at)

    return [web.get("/feeds/{token}.ics", feed_view)]


def _etag(name: str, selection: CalendarSelection, stamp: CalendarStamp) -> str:
    seed = f"{RENDERER}\n{name}\n{selection!r}\n{stamp.seed}"
    return hashlib.sha256(seed.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _last_modified(stamp: CalendarStamp, created_at: float | None) -> datetime | None:
    stamps = [t for t in (stamp.last_modified, created_at) if t is not None]
    if not stamps:
        return None
    return datetime.fromtimestamp(max(stamps), UTC).replace(microsecond=0)


async def _calendar(
    request: web.Request,
    ctx: ApiContext,
    cache: RenderedCalendars,
    name: str,
    selection: CalendarSelection,
    created_at: float | None,
) -> web.StreamResponse:
    stamp: CalendarStamp = await ctx.store.read(lambda tx: calendar_stamp(tx, selection))
    etag = _etag(name, selection, stamp)
    last_modified = _last_modified(stamp, created_at)
    if _not_modified(request, etag, last_modified):
        return _headers(web.Response(status=304), etag, last_modified)
    body = cache.get(etag)
    if body is None:

        def load(tx: Transaction) -> tuple[CalendarStamp, CalendarRecords]:
            return calendar_stamp(tx, selection), calendar_records(tx, selection)

        # One snapshot: the ETag describes exactly the records rendered.
        stamp, records = await ctx.store.read(load)
        etag = _etag(name, selection, stamp)
        last_modified = _last_modified(stamp, created_at)
        body = await asyncio.to_thread(
            render_ics, name=name, events=records.events, bills=records.bills, tasks=records.tasks
        )
        cache.put(etag, body)
    response = web.Response(body=body, content_type=ICS_TYPE, charset="utf-8")
    return _headers(response, etag, last_modified)


def _headers(response: web.Response, etag: str, last_modified: datetime | None) -> web.Response:
    response.etag = etag
    if last_modified is not None:
        response.last_modified = last_modified
    # Clients may keep a copy but must ask again (cheaply, with a 304) before using it.
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _not_modified(request: web.Request, etag: str, last_modified: datetime | None) -> bool:
    if_none_match = request.if_none_match
    if if_none_match is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
        # Weak comparison, as RFC 9110 asks for If-None-Match.
        return any(e.value in (etag, "*") for e in if_none_match)
    since = request.if_modified_since
    return since is not None and last_modified is not None and last_modified <= since
