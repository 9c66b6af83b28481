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
rendered again, whatever the size (the components are kept in the store:
exports/calendar_cache.py). A CSV row goes from the store's tuple to the CSV writer with
no record built for it. The ETag is computed before the windows are read; a record
changed meanwhile gives a new ETag at the next poll.

A feed shows a window by default: the last `feed_window_days` (90) days and everything
ahead, and recurring events whatever their start; a feed may set its own
(`reactiond feeds create --window-days N`, 0 for every record). The calendar export
(`/export/calendar.ics`) holds every record with a date.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
from dataclasses import replace
from datetime import UTC, datetime

from aiohttp import web

from reactiond.exports.calendar_cache import RENDERER, read_window, render_window
from reactiond.exports.csvfile import csv_header
from reactiond.exports.feeds import Feed, feed_for_token
from reactiond.exports.icsfile import CALENDAR_TAIL, calendar_head
from reactiond.exports.selection import (
    CalendarSelection,
    CalendarStamp,
    calendar_queries,
    calendar_stamp,
    calendar_zones,
    csv_window,
    export_query,
    parse_calendar_filters,
    window_start,
)
from reactiond.records.errors import RecordNotFound
from reactiond.records.kinds import kind_names, spec_for
from reactiond.records.query import RecordQuery
from reactiond.store.feeds_repo import RenderedComponent, save_components
from reactiond.store.interface import Store
from reactiond.web.api_common import ApiContext, answers_errors, single_params
from reactiond.web.errors import json_error

ICS_TYPE = "text/calendar"
# Rendered components are kept in batches of this many (one write each).
KEEP_BATCH = 2000


def export_routes(ctx: ApiContext) -> list[web.RouteDef]:
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
        while True:  # a window per short read, written as CSV in the reader's thread
            text, after = await ctx.store.read(functools.partial(csv_window, q=query))
            await response.write(text.encode("utf-8"))
            if after is None:
                break
            query = replace(query, after=after)
        await response.write_eof()
        return response

    @answers_errors
    async def ics_view(request: web.Request) -> web.StreamResponse:
        selection = parse_calendar_filters(single_params(request))
        return await _calendar(request, ctx, "reactiond", selection, None)

    return [
        web.get("/export/calendar.ics", ics_view),
        web.get("/export/{kind}.csv", csv_view),
    ]


def feed_routes(ctx: ApiContext) -> list[web.RouteDef]:
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
        days = feed.window_days
        if days is None:
            days = ctx.settings.feed_window_days
        selection = replace(feed.selection, since=window_start(ctx.clock(), days))
        return await _calendar(request, ctx, feed.name, selection, feed.created_at)

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
    # Off the loop: a zone's first VTIMEZONE is worked out by icalendar from the tz
    # database (tens of ms of Python per zone) and only then remembered.
    head = await asyncio.to_thread(calendar_head, name, zones)
    await response.prepare(request)
    await response.write(head)
    fresh: list[RenderedComponent] = []
    for first in calendar_queries(selection):
        query: RecordQuery | None = first
        while query is not None:
            window = await ctx.store.read(functools.partial(read_window, q=query))
            # Only the records without a kept component are rendered, off the loop.
            body, rendered = await asyncio.to_thread(render_window, query, window)
            await response.write(body)
            fresh += rendered
            if len(fresh) >= KEEP_BATCH:
                await _keep(ctx.store, fresh)
                fresh = []
            query = None if window.after is None else replace(query, after=window.after)
    await response.write(CALENDAR_TAIL)
    await response.write_eof()
    await _keep(ctx.store, fresh)
    return response


async def _keep(store: Store, rendered: list[RenderedComponent]) -> None:
    if rendered:
        await store.write_bulk(lambda tx: save_components(tx, rendered))


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
