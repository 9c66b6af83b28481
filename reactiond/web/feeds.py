"""`/export/{kind}.csv`, `/export/calendar.ics` (behind the API token) and
`/feeds/{token}.ics` (the token in the URL is the credential: calendar apps cannot send
headers). Feeds answer 304 to a client whose copy is current (If-None-Match, else
If-Modified-Since), so polling every few minutes costs almost nothing."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from aiohttp import web

from reactiond.exports.csvfile import render_csv
from reactiond.exports.feeds import feed_for_token
from reactiond.exports.icsfile import render_ics
from reactiond.exports.selection import (
    CalendarRecords,
    calendar_records,
    export_records,
    parse_calendar_filters,
)
from reactiond.records.errors import RecordNotFound
from reactiond.records.kinds import kind_names, spec_for
from reactiond.store.interface import Transaction
from reactiond.web.api_common import ApiContext, answers_errors, single_params
from reactiond.web.errors import json_error

ICS_TYPE = "text/calendar"


def export_routes(ctx: ApiContext) -> list[web.RouteDef]:
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
        text = render_csv(spec, records)
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
        found = await ctx.store.read(lambda tx: calendar_records(tx, selection))
        return _calendar(request, found, "reactiond", None)

    return [
        web.get("/export/calendar.ics", ics_view),
        web.get("/export/{kind}.csv", csv_view),
    ]


def feed_routes(ctx: ApiContext) -> list[web.RouteDef]:
    @answers_errors
    async def feed_view(request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]

        def load(tx: Transaction) -> tuple[str, float, CalendarRecords] | None:
            feed = feed_for_token(tx, token)
            if feed is None:
                return None
            return feed.name, feed.created_at, calendar_records(tx, feed.selection)

        found = await ctx.store.read(load)
        if found is None:
            return json_error(
                404,
                "no such feed",
                "the feed was revoked or rotated; ask for its new URL "
                "(`reactiond feeds rotate ID` shows it)",
            )
        name, created_at, records = found
        return _calendar(request, records, name, created_at)

    return [web.get("/feeds/{token}.ics", feed_view)]


def _calendar(
    request: web.Request, records: CalendarRecords, name: str, created_at: float | None
) -> web.StreamResponse:
    body = render_ics(name=name, events=records.events, bills=records.bills, tasks=records.tasks)
    etag = hashlib.sha256(body).hexdigest()[:32]
    last_modified = records.last_modified
    if created_at is not None:
        created = datetime.fromtimestamp(created_at, UTC)
        last_modified = max(last_modified, created) if last_modified else created
    if last_modified is not None:
        last_modified = last_modified.replace(microsecond=0)
    if _not_modified(request, etag, last_modified):
        response = web.Response(status=304)
    else:
        response = web.Response(body=body, content_type=ICS_TYPE, charset="utf-8")
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
