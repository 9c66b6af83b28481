"""`POST /webhook/{instance}` and `POST /webhook/{instance}/{event}`.

Answer 200 only after the events are committed; 401 for bad credentials (Evolution stops
retrying), 400 for what is not an Evolution event, 413 for oversize bodies, 503 when the
store cannot write (Evolution redelivers). Never 200 for anything not stored.

Two bounds on a body (CONTRACT.md §1: webhookBase64 puts a media message's whole file in
it): `max_body_bytes` for anything, and the larger `max_media_body_bytes` only for a
sender whose secret or JWT passed before the body is read, and only when what makes the
body large is the message's own file (`data.message.base64`). A body no one vouched for,
or large for another reason, gets 413 at the usual bound, unread past it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import structlog
from aiohttp import web

from reactiond.domain import InboundEvent, Message, Reaction
from reactiond.evolution.inbound import (
    ID_KEYS,
    MAX_ID_CHARS,
    IdTooLong,
    PayloadRejected,
    Translation,
    translate,
)
from reactiond.json_input import JsonRefused, clean_text, decode_text, load_json
from reactiond.part import Part
from reactiond.store.interface import IngestResult, StoreUnavailable
from reactiond.web.auth import check_webhook, vouched_before_body
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
    # A message with its file in the body, from a sender vouched for by the headers, may
    # be this large (None: no larger than any body).
    max_media_body_bytes: int | None = None

    def limit(self, vouched: bool) -> int:
        """How much of a body is read at most."""
        if vouched and self.max_media_body_bytes is not None:
            return max(self.max_body_bytes, self.max_media_body_bytes)
        return self.max_body_bytes


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
        vouched = vouched_before_body(config.credentials, request.headers, request.query)
        limit = config.limit(vouched)
        length = request.content_length
        if length is not None and length > limit:
            bound.warning("webhook_refused", status=413, bytes=length, limit=limit)
            return _too_large(limit, config)
        body = await _read_at_most(request, limit)
        if body is None:
            bound.warning("webhook_refused", status=413, limit=limit)
            return _too_large(limit, config)

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
            text = decode_text(body, keep_surrogates=True)
            # An id keeps every character or the body is refused: two ids made one would
            # drop the second message as a duplicate of the first.
            payload = load_json(text, exact=ID_KEYS)
            text = clean_text(text)  # kept for replay: storable
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
        if isinstance(result, IdTooLong):
            # Evolution never sends one: whatever sent it should not send it again as it is.
            bound.warning("webhook_refused", status=400, why=result.reason)
            return json_error(
                400,
                f"body refused: {result.reason}",
                f"send ids as WhatsApp gives them (at most {MAX_ID_CHARS} characters); point "
                "only Evolution API v2 webhooks at this URL",
            )
        if isinstance(result, PayloadRejected):
            bound.info("webhook_rejected", status=400, why=result.reason)
            return json_error(
                400,
                f"not an Evolution event: {result.reason}",
                "point only Evolution API v2 webhooks at this URL",
            )
        if len(body) > config.max_body_bytes and not _large_for_its_file(
            payload, result, len(body), config.max_body_bytes
        ):
            # Vouched for, but large for another reason than a message's file.
            bound.warning("webhook_refused", status=413, bytes=len(body), why="not its file")
            return _too_large(config.max_body_bytes, config)
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


_READ_CHUNK = 64 * 1024


async def _read_at_most(request: web.Request, limit: int) -> bytes | None:
    """The body, or None as soon as it is longer than `limit` (the rest is not read: the
    connection closes after the answer). Read here rather than by `request.read()`,
    whose bound (`client_max_size`) is the API's, and stays the smaller one."""
    parts: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(_READ_CHUNK):
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
    return b"".join(parts)


def _large_for_its_file(payload: object, result: Translation, size: int, limit: int) -> bool:
    """Whether a body over `limit` is a message with its picture or document in it
    (webhookBase64), and within `limit` without that file."""
    data = payload.get("data") if isinstance(payload, dict) else None
    message = data.get("message") if isinstance(data, dict) else None
    encoded = message.get("base64") if isinstance(message, dict) else None
    if not isinstance(encoded, str) or size - len(encoded) > limit:
        return False
    return any(isinstance(e, Message) and e.media is not None for e in result.events)


def _too_large(limit: int, config: WebhookConfig) -> web.Response:
    # Evolution retries a 413 (CONTRACT.md §1) and then drops the event, caption and all:
    # the lasting fix is a smaller body, which reactiond does not need the file in.
    media = config.max_media_body_bytes
    raise_it = (
        f"raise REACTIOND_MAX_MEDIA_BODY_BYTES (now {media}; a message with its file, from "
        "a sender with the secret or JWT in the headers) or REACTIOND_MAX_BODY_BYTES"
        if media is not None
        else "raise REACTIOND_MAX_BODY_BYTES"
    )
    return json_error(
        413,
        f"body larger than {limit} bytes",
        "turn off webhookBase64 in Evolution (reactiond fetches a picture or document "
        "itself, with getBase64FromMediaMessage, when a reaction needs it), or " + raise_it,
    )
