"""`POST /webhook/{instance}` and `POST /webhook/{instance}/{event}`.

Answer 200 only after the events are committed; 401 for bad credentials (Evolution stops
retrying), 400 for what is not an Evolution event, 413 for oversize bodies, 503 when the
store cannot write (Evolution redelivers). Never 200 for anything not stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import structlog
from aiohttp import web

from reactiond.domain import InboundEvent, Message, Reaction
from reactiond.evolution.inbound import PayloadRejected, translate
from reactiond.json_input import JsonRefused, decode_text, load_json
from reactiond.part import Part
from reactiond.store.interface import IngestResult, StoreUnavailable
from reactiond.web.auth import check_webhook
from reactiond.web.errors import json_error
from reactiond.webhook_credentials import WebhookCredentials

log = structlog.get_logger("reactiond.webhook")


class Ingest(Protocol):
    """Where accepted events go: the store, or a stand-in in benchmarks."""

    async def ingest(
        self, instance: str, event: str, events: Sequence[InboundEvent], now: float
    ) -> IngestResult: ...


class WebhookObserver(Protocol):
    """Told about every webhook request once it is answered (metrics)."""

    def webhook_request(self, event: str, status: int) -> None: ...


EVENT_KEY = web.RequestKey("reactiond.event", str)  # the request's Evolution event


@dataclass(frozen=True)
class WebhookConfig:
    credentials: WebhookCredentials
    allowed_instances: frozenset[str]
    max_body_bytes: int
    # A picture's or document's bytes in the body (webhookBase64) longer than this are not
    # kept; its metadata is (issue 23).
    max_media_bytes: int | None = None


def webhook_part(
    sink: Ingest,
    config_source: Callable[[], WebhookConfig],
    observer: WebhookObserver | None = None,
) -> Part:
    """`POST /webhook/{instance}` as a part of the daemon (credentials of its own: the API
    token does not guard it)."""
    return Part(name="webhook", routes=tuple(webhook_routes(sink, config_source, observer)))


def webhook_routes(
    sink: Ingest,
    config_source: WebhookConfig | Callable[[], WebhookConfig],
    observer: WebhookObserver | None = None,
) -> list[web.RouteDef]:
    """`config_source` may be a function so that SIGHUP can swap secrets and instances."""

    async def receive(request: web.Request) -> web.Response:
        config = config_source() if callable(config_source) else config_source
        started = time.perf_counter()
        instance = request.match_info["instance"]
        event_in_url = request.match_info.get("event")
        bound = log.bind(instance=instance, path_event=event_in_url)

        if config.allowed_instances and instance not in config.allowed_instances:
            bound.warning("webhook_refused", status=403, why="instance not allowed")
            return json_error(
                403,
                f"instance '{instance}' is not allowed here",
                "add it to REACTIOND_ALLOWED_INSTANCES or fix the webhook URL in Evolution",
            )
        length = request.content_length
        if length is not None and length > config.max_body_bytes:
            bound.warning("webhook_refused", status=413, bytes=length)
            return _too_large(config.max_body_bytes)
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            bound.warning("webhook_refused", status=413)
            return _too_large(config.max_body_bytes)
        if len(body) > config.max_body_bytes:
            return _too_large(config.max_body_bytes)

        decision = check_webhook(config.credentials, request.headers, request.query, body)
        if not decision.ok:
            bound.warning("webhook_refused", status=401, why=decision.method)
            return json_error(
                401,
                "unauthorized webhook",
                "send the shared secret in the X-Reactiond-Secret header (set it in the "
                "instance webhook's headers: `reactiond evolution connect` does it), or "
                "?token=, or a valid Evolution JWT",
            )

        try:
            text = decode_text(body)
            payload = load_json(text)
        except JsonRefused as exc:
            bound.info("webhook_rejected", status=400, why=exc.reason)
            return json_error(400, f"body refused: {exc.reason}", "send Evolution's JSON payload")
        result = translate(
            payload,
            instance_from_url=instance,
            event_from_url=event_in_url,
            raw=text,
            max_media_bytes=config.max_media_bytes,
        )
        if isinstance(result, PayloadRejected):
            bound.info("webhook_rejected", status=400, why=result.reason)
            return json_error(
                400,
                f"not an Evolution event: {result.reason}",
                "point only Evolution API v2 webhooks at this URL",
            )
        request[EVENT_KEY] = result.event
        if config.allowed_instances and result.instance not in config.allowed_instances:
            # The URL passed the allow-list, but the body names the instance replies go to.
            bound.warning("webhook_refused", status=403, why="body instance not allowed")
            return json_error(
                403,
                f"the payload's instance '{result.instance}' is not allowed here",
                "add it to REACTIOND_ALLOWED_INSTANCES or fix the instance's webhook URL",
            )
        bound = bound.bind(wa_event=result.event, message_id=_message_id(result.events))
        try:
            outcome = await sink.ingest(result.instance, result.event, result.events, time.time())
        except StoreUnavailable as exc:
            bound.error("webhook_not_stored", status=503, why=exc.reason)
            return json_error(503, f"not stored: {exc.reason}", exc.hint)
        bound.info(
            "webhook_stored",
            status=200,
            stored=outcome.stored,
            duplicates=outcome.duplicates,
            ignored=outcome.ignored,
            jobs=outcome.jobs_enqueued,
            ms=round((time.perf_counter() - started) * 1000, 2),
        )
        return web.json_response(
            {
                "ok": True,
                "event": result.event,
                "stored": outcome.stored,
                "duplicates": outcome.duplicates,
                "ignored": outcome.ignored,
            }
        )

    async def observed(request: web.Request) -> web.Response:
        response = await receive(request)
        if observer is not None:
            # Only an event read from an authenticated, well-formed payload names the
            # series: a path anyone can make up must not grow the label set.
            observer.webhook_request(request.get(EVENT_KEY) or "unknown", response.status)
        return response

    return [
        web.post("/webhook/{instance}", observed),
        web.post("/webhook/{instance}/{event}", observed),
    ]


def _message_id(events: Sequence[InboundEvent]) -> str | None:
    for e in events:
        if isinstance(e, Message):
            return e.message_id
        if isinstance(e, Reaction):
            return e.reaction_id
        mid = getattr(e, "message_id", None)
        if isinstance(mid, str):
            return mid
    return None


def _too_large(limit: int) -> web.Response:
    return json_error(
        413,
        f"body larger than {limit} bytes",
        "turn off webhookBase64 in Evolution, or raise REACTIOND_MAX_BODY_BYTES",
    )
