"""`GET /api/stream`: Server-Sent Events from the durable event log.

Each event is one `event_log` row: `id:` is its row id, `event:` its type
(record.created, record.updated, record.cancelled, job.failed, reply.dead), `data:` its
JSON. A client that reconnects with `Last-Event-ID` (browsers do it by themselves) gets
every event after that id that the bounded log still holds; if some were pruned in the
meantime it first gets a `stream.gap` event saying how many. New events are pushed as
soon as the transaction that wrote them commits (the engine's `EventBus`), not on a
polling timer; a comment line every `heartbeat` seconds keeps proxies from
closing an idle connection.

Query parameters: `types=record.created,reply.dead` keeps only those types;
`last_event_id=N` does what the header does (for clients that cannot set headers);
`token=…` carries the API token for browsers' EventSource, which cannot send headers.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass

import structlog
from aiohttp import web

from reactiond.engine.event_bus import EventBus
from reactiond.store import events
from reactiond.store.events import LoggedEvent
from reactiond.store.interface import Store, StoreUnavailable, Transaction
from reactiond.web.api_auth import token_matches
from reactiond.web.errors import json_error

log = structlog.get_logger("reactiond.stream")


@dataclass(frozen=True)
class StreamSettings:
    heartbeat: float = 15.0
    batch: int = 500
    retry_ms: int = 3000  # how long browsers wait before reconnecting


def format_event(event: LoggedEvent) -> bytes:
    data = json.dumps(
        {"id": event.id, "type": event.type, "at": event.created_at, **event.data},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    # json.dumps never emits a raw newline, so `data:` stays one line.
    return f"id: {event.id}\nevent: {event.type}\ndata: {data}\n\n".encode()


def parse_last_event_id(value: str | None) -> int | None:
    """The id to resume after; None for a new client. Raises ValueError for what no stream
    of ours could have sent (ids are whole numbers), rather than silently starting from now
    and losing what the client meant to catch up on."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if len(text) > 19:  # SQLite's ids are signed 64-bit: 19 digits at most
        raise ValueError(f"id of {len(text)} characters")
    parsed = int(text)
    if not 0 <= parsed <= 2**63 - 1:
        raise ValueError(f"id {parsed} out of range")
    return parsed


class EventStream:
    """Serves the event log to every connected client, woken by the engine's event bus."""

    def __init__(
        self,
        store: Store,
        bus: EventBus,
        settings: StreamSettings | None = None,
        *,
        token: str | Callable[[], str | None] | None = None,
    ) -> None:
        self.store = store
        self.bus = bus
        self.settings = settings or StreamSettings()
        # A getter is read per request: the daemon's token changes on SIGHUP.
        self.token: Callable[[], str | None] = token if callable(token) else lambda: token

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/api/stream", self.handle)]

    def _authorized(self, request: web.Request) -> bool:
        token = self.token()
        if token is None:
            return True
        if token_matches(request.headers.get("Authorization"), token):
            return True
        given = request.query.get("token")  # EventSource cannot send headers
        return given is not None and hmac.compare_digest(
            given.encode("utf-8", "surrogateescape"), token.encode("utf-8")
        )

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if not self._authorized(request):
            response = json_error(
                401,
                "missing or wrong API token",
                "send `Authorization: Bearer <REACTIOND_API_TOKEN>` (or ?token= for EventSource)",
            )
            response.headers["WWW-Authenticate"] = 'Bearer realm="reactiond"'
            return response
        types_param = request.query.get("types")
        types = {t.strip() for t in types_param.split(",") if t.strip()} if types_param else None
        unknown = sorted((types or set()) - set(events.EVENT_TYPES))
        if unknown:
            return json_error(
                400,
                f"unknown event type {unknown[0]!r} in types",
                f"use some of {', '.join(events.EVENT_TYPES)}, separated by commas",
            )
        given = request.headers.get("Last-Event-ID") or request.query.get("last_event_id")
        try:
            resume = parse_last_event_id(given)
        except ValueError:
            return json_error(
                400,
                f"Last-Event-ID {given!r} is not an event id",
                "send the id of the last event received (a whole number), or none to start "
                "from now",
            )
        try:
            last, gap = await self.store.read(lambda tx: _starting_point(tx, resume))
        except StoreUnavailable as exc:
            return json_error(503, exc.reason, exc.hint)

        stream = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream; charset=utf-8",
                "Cache-Control": "no-cache",
                "X-Accel-Buffering": "no",  # nginx: do not buffer the stream
            }
        )
        await stream.prepare(request)
        bound = log.bind(resume_from=resume, start_after=last)
        bound.debug("stream_opened")
        with self.bus.listening() as waiter:
            try:
                await stream.write(f"retry: {self.settings.retry_ms}\n\n".encode())
                if gap:
                    await stream.write(
                        f"event: stream.gap\ndata: {json.dumps({'missed': gap})}\n\n".encode()
                    )
                await self._pump(stream, waiter, last, types)
            except (ConnectionResetError, asyncio.CancelledError):
                pass
            finally:
                bound.debug("stream_closed")
        return stream

    async def _pump(
        self,
        response: web.StreamResponse,
        waiter: asyncio.Event,
        last: int,
        types: set[str] | None,
    ) -> None:
        while not self.bus.closing:
            waiter.clear()
            try:
                batch = await self.store.read(
                    functools.partial(events.events_after, after_id=last, limit=self.settings.batch)
                )
            except StoreUnavailable as exc:
                log.warning("stream_read_failed", why=exc.reason)
                batch = []
            for event in batch:
                last = event.id
                if types is None or event.type in types:
                    await response.write(format_event(event))
            if len(batch) >= self.settings.batch:
                continue  # more waiting: catch up before sleeping
            if await self.bus.wait(waiter, self.settings.heartbeat):
                continue
            await response.write(b": heartbeat\n\n")


def _starting_point(tx: Transaction, resume: int | None) -> tuple[int, int]:
    """(the id to stream after, how many events were pruned past the client's last id)."""
    if resume is None:
        return events.last_event_id(tx), 0  # a new client gets what happens from now on
    oldest = events.oldest_event_id(tx)
    if oldest is None or resume >= oldest - 1:
        return resume, 0
    return resume, oldest - 1 - resume
