"""`/export/{kind}.csv`, `/export/calendar.ics` (behind the API token) and
`/feeds/{token}.ics` (the token in the URL is the credential: calendar apps cannot send
headers). Feeds answer 304 to a client whose copy is current (If-None-Match, else
If-Modified-Since), so polling every few minutes costs almost nothing: the ETag comes
from SQL aggregates over the matching records, and nothing is loaded or rendered for a
304.

Exports and feeds stream (issue 17): records are read a window at a time (each window
its own short read), rendered off the event loop and written to the response, so memory
stays bounded whatever the number of records and the loop keeps serving. Calendars keep
each record's rendered component by its version: after one change, one record is
rendered again. The ETag is computed before the windows are read; a record changed
meanwhile gives a new ETag at the next poll.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from importlib import metadata

import icalendar
from aiohttp import web

from reactiond.exports.csvfile import csv_header, csv_rows
from reactiond.exports.feeds import Feed, feed_for_token
from reactiond.exports.icsfile import (
    CALENDAR_TAIL,
    CalendarRecord,
    ComponentCache,
    calendar_head,
    render_components,
)
from reactiond.exports.selection import (
    CalendarSelection,
    CalendarStamp,
    calendar_queries,
    calendar_stamp,
    calendar_zones,
    export_query,
    parse_calendar_filters,
)
from reactiond.records.errors import RecordNotFound
from reactiond.records.kinds import kind_names, spec_for
from reactiond.records.model import Bill, CalendarEvent, Record, Task
from reactiond.records.query import Cursor, Page, RecordQuery, list_records
from reactiond.store.interface import Store
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


class RenderedCalendars(ComponentCache):
    """The daemon's rendered calendar components, by record and version (bounded in
    bytes), shared by the calendar export and every feed."""


async def windows(store: Store, query: RecordQuery) -> AsyncIterator[list[Record]]:
    """Every record `query` matches, a window (its `limit`) per short read."""
    while True:
        page: Page = await store.read(functools.partial(list_records, q=query))
        if page.items:
            yield page.items
        if page.next_cursor is None:
            return
        query = replace(query, after=Cursor.decode(page.next_cursor))


def export_routes(ctx: ApiContext, cache: RenderedCalendars) -> list[web.RouteDef]:
    @answers_errors
    async def csv_view(request: web.Request) -> web.StreamResponse:
        name = request.match_info["kind"]
        spec = spec_for(name)
        if spec is None:
            raise RecordNotFound(
                f"nothing to export as {name!r}", f"use /export/<kind>.csv with {kind_names()}"
            )
        query = export_query(spec, single_params(request))
        response = web.StreamResponse(
            headers={
                "Content-Disposition": f'attachment; filename="reactiond-{spec.kind.value}.csv"'
            },
        )
        response.content_type = "text/csv"
        response.charset = "utf-8"
        await response.prepare(request)
        await response.write(csv_header(spec).encode("utf-8"))
        async for window in windows(ctx.store, query):
            text = await asyncio.to_thread(csv_rows, spec, window)
            await response.write(text.encode("utf-8"))
        await response.write_eof()
        return response

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
    zones = await ctx.store.read(lambda tx: calendar_zones(tx, selection))
    response = _headers(web.StreamResponse(), etag, last_modified)
    response.content_type = ICS_TYPE
    response.charset = "utf-8"
    await response.prepare(request)
    await response.write(calendar_head(name, zones))
    for query in calendar_queries(selection):
        async for window in windows(ctx.store, query):
            records = [r for r in window if isinstance(r, CalendarEvent | Bill | Task)]
            await response.write(await asyncio.to_thread(_render, records, cache))
    await response.write(CALENDAR_TAIL)
    await response.write_eof()
    return response


def _render(records: list[CalendarRecord], cache: RenderedCalendars) -> bytes:
    return render_components(records, cache)


def _headers(
    response: web.StreamResponse, etag: str, last_modified: datetime | None
) -> web.StreamResponse:
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
