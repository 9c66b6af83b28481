"""Fetching a reacted-to message reactiond never saw, from Evolution's own store, before
the reaction job gives up on it.

Evolution keeps messages in its database when its message saving is on, and
`POST /chat/findMessages` returns them as records shaped like a `messages.upsert`
webhook's `data` (`key`, `pushName`, `message`, `messageType`, `messageTimestamp`, …).
So a found record is wrapped in a `messages.upsert` envelope and goes through the same
translation (`evolution.inbound.translate`) and the same store path as a webhook: one
message row, idempotent by its id. Any Evolution failure leaves things as they were: the
job then answers "I can't see that message", as it did before.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import structlog

from reactiond.domain import Message
from reactiond.evolution.client import EvolutionClient, EvolutionError
from reactiond.evolution.inbound import PayloadRejected, translate
from reactiond.store.interface import Store

log = structlog.get_logger("reactiond.fetch_message")

# The event name the stored message is counted under (`event_counters`), so that fetched
# messages are not mistaken for webhook deliveries.
FETCHED_EVENT = "messages.fetched"

EvolutionGetter = Callable[[], EvolutionClient | None]


def as_upsert(record: dict[str, Any], instance: str, owner_jid: str | None) -> dict[str, Any]:
    """A findMessages record as the `messages.upsert` webhook payload it would have been.
    `sender` is the instance owner's jid, which the translation needs for `fromMe`."""
    envelope: dict[str, Any] = {"event": "messages.upsert", "instance": instance, "data": record}
    if owner_jid:
        envelope["sender"] = owner_jid
    return envelope


def message_of(
    record: dict[str, Any], instance: str, message_id: str, owner_jid: str | None
) -> Message | None:
    """The domain message in a findMessages record, or None when the record is not a
    readable message with that id (e.g. it is itself a reaction)."""
    result = translate(as_upsert(record, instance, owner_jid), instance_from_url=instance)
    if isinstance(result, PayloadRejected):
        log.info("fetched_message_unreadable", message_id=message_id, why=result.reason)
        return None
    for event in result.events:
        if isinstance(event, Message) and event.message_id == message_id:
            return event
    return None


async def fetch_unseen_message(
    client: EvolutionClient,
    store: Store,
    instance: str,
    message_id: str,
    owner_jid: str | None,
    *,
    clock: Callable[[], float] = time.time,
) -> bool:
    """Ask Evolution for the message and store it; True when it is now in the store."""
    try:
        record = await client.find_message(instance, message_id)
    except EvolutionError as exc:
        log.info(
            "fetch_message_failed",
            message_id=message_id,
            error=type(exc).__name__,
            why=exc.message,
        )
        return False
    if record is None:
        log.info("fetch_message_not_found", message_id=message_id)
        return False
    message = message_of(record, instance, message_id, owner_jid)
    if message is None:
        return False
    await store.ingest(instance, FETCHED_EVENT, [message], clock())
    log.info("fetch_message_stored", message_id=message_id)
    return True
