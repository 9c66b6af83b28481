"""The local JSON API: records (list, one, change), rules, the queue, analytics, health,
metrics, the live stream, exports, calendar feeds and the OpenAPI document, all behind
the API token: `api_part` is what the daemon serves.

Each handler is a thin door onto the same functions the CLI calls
(`reactiond.records.query`, `.change`, `.analytics`, `.feeds`, the store's queue)."""

from __future__ import annotations

from functools import cache
from importlib import metadata
from typing import Any

from aiohttp import web

from reactiond.engine.event_bus import EventBus
from reactiond.engine.record_changes import change_record
from reactiond.engine.reminders import ReminderConfig
from reactiond.json_input import JsonRefused, load_json
from reactiond.part import Part
from reactiond.records.errors import InvalidChange, InvalidFilter, RecordNotFound
from reactiond.records.kinds import SPECS, KindSpec
from reactiond.records.query import get_record, list_records, parse_query
from reactiond.records.reader_zone import READER_ZONE, in_zone, reader_zone
from reactiond.web.api_analytics import analytics_routes
from reactiond.web.api_auth import LiveToken, token_middleware
from reactiond.web.api_common import ApiContext, answers_errors, ok, path_id, single_params
from reactiond.web.api_outbox import outbox_routes
from reactiond.web.api_queue import queue_routes
from reactiond.web.api_trace import trace_routes
from reactiond.web.digests_api import digest_routes
from reactiond.web.feeds import export_routes, feed_routes
from reactiond.web.metrics import Metrics
from reactiond.web.monitoring import monitoring_routes
from reactiond.web.openapi import openapi_document
from reactiond.web.people_api import people_routes
from reactiond.web.rules_api import rules_routes
from reactiond.web.stream import EventStream, StreamSettings
from reactiond.web.talk_api import talk_routes


def record_routes(ctx: ApiContext) -> list[web.RouteDef]:
    routes: list[web.RouteDef] = []
    for spec in SPECS.values():
        routes += _routes_for(ctx, spec)
    return routes


def _routes_for(ctx: ApiContext, spec: KindSpec) -> list[web.RouteDef]:
    base = f"/api/{spec.kind.value}"
    listing = f"list them with GET {base}"

    @answers_errors
    async def list_view(request: web.Request) -> web.StreamResponse:
        params = single_params(request)
        zone = reader_zone(params.pop(READER_ZONE, None))
        q = parse_query(spec, params)
        page = await ctx.store.read(lambda tx: list_records(tx, q))
        return ok(
            {
                "items": [in_zone(r.model_dump(mode="json"), zone) for r in page.items],
                "next_cursor": page.next_cursor,
            }
        )

    @answers_errors
    async def one_view(request: web.Request) -> web.StreamResponse:
        record_id = path_id(request, spec.singular, listing)
        params = single_params(request)
        zone = reader_zone(params.pop(READER_ZONE, None))
        if params:
            raise InvalidFilter(
                f"unknown parameter {sorted(params)[0]!r}",
                f"the only parameter is {READER_ZONE} (a time zone such as Europe/Madrid)",
            )
        record = await ctx.store.read(lambda tx: get_record(tx, spec, record_id))
        if record is None:
            raise RecordNotFound(f"no {spec.singular} {record_id}", listing)
        return ok(in_zone(record.model_dump(mode="json"), zone))

    @answers_errors
    async def change_view(request: web.Request) -> web.StreamResponse:
        record_id = path_id(request, spec.singular, listing)
        body = await _json_body(request, spec)
        now = ctx.clock()
        reminders = ReminderConfig.from_settings(ctx.settings)
        record = await ctx.store.write(
            lambda tx: change_record(tx, spec, record_id, body, now, reminders)
        )
        return ok(record.model_dump(mode="json"))

    return [
        web.get(base, list_view),
        web.get(base + "/{id}", one_view),
        web.patch(base + "/{id}", change_view),
    ]


async def _json_body(request: web.Request, spec: KindSpec) -> Any:
    example = f'{{"status": "{spec.statuses[1]}"}}'
    try:
        return load_json(await request.read())
    except JsonRefused as exc:
        hint = f"send a JSON object such as {example}"
        error = "the body is not JSON" if exc.reason.startswith("not JSON") else exc.reason
        raise InvalidChange(error, hint) from exc


@cache
def _openapi() -> dict[str, Any]:
    """The document, built on its first request and kept for the process: it depends on
    nothing a daemon is given (building it, mostly pydantic's schemas, costs tens of ms of
    CPU, which every daemon start paid; a test process starts hundreds). Read only."""
    return openapi_document(_version())


def openapi_routes(token: LiveToken) -> list[web.RouteDef]:
    async def openapi_view(request: web.Request) -> web.StreamResponse:
        # What this daemon asks now: with a token, every call but those that say
        # otherwise (feeds, webhook, /livez) needs it; without one, nothing does. A client
        # (schemathesis' ignored_auth) then checks that a call without it is refused.
        required: list[dict[str, list[str]]] = (
            [{"bearerAuth": []}] if token.current is not None else [{}]
        )
        return ok({**_openapi(), "security": required})

    return [web.get("/api/openapi.json", openapi_view)]


def _version() -> str:
    try:
        return metadata.version("reactiond")
    except metadata.PackageNotFoundError:
        return "0"


def routes(ctx: ApiContext, metrics: Metrics, token: LiveToken) -> list[web.RouteDef]:
    """Every route of the API. (The token middleware decides who may call them.)"""
    return [
        *record_routes(ctx),
        *queue_routes(ctx),
        *outbox_routes(ctx),
        *monitoring_routes(ctx, metrics),
        *export_routes(ctx),
        *analytics_routes(ctx),
        *trace_routes(ctx),
        *openapi_routes(token),
        *feed_routes(ctx),  # the token in a feed's URL is its credential
    ]


def api_part(ctx: ApiContext, token: LiveToken, metrics: Metrics, events: EventBus) -> Part:
    """The API as a part of the daemon (the Daemon has already refused an exposed bind
    without a token, before anything listens)."""
    stream = EventStream(
        ctx.store,
        events,
        StreamSettings(heartbeat=ctx.settings.stream_heartbeat_seconds),
        token=token,
    )
    return Part(
        name="api",
        routes=(
            # Behind the API token like every /api/ path: web.api_auth's middleware decides.
            *rules_routes(ctx.store, ctx.settings, ctx.clock),
            # who gets the daily digest (issue 20)
            *digest_routes(ctx.store, ctx.settings, ctx.clock),
            # what reactiond takes part in, in the chat, and who may ask (issue 20)
            *talk_routes(ctx.store, ctx.settings, ctx.clock),
            # a person's zone and reply language, as the People page sets them (issue 19)
            *people_routes(ctx.store),
            *stream.routes(),
            *routes(ctx, metrics, token),
        ),
        # Always in place: a token configured on a later SIGHUP applies at once.
        middlewares=(token_middleware(token),),
        on_shutdown=(events.close,),  # open streams end, or shutdown would wait for them
    )
