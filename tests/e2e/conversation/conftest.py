"""A real daemon and the fake Evolution (the replies suite's fixtures), and helpers to
play a WhatsApp conversation with reactiond through its webhook."""

from __future__ import annotations

import copy
import time
from typing import Any

from reactiond.app import Daemon
from reactiond.domain import Job, RecordTable
from reactiond.store.outbox import OutboxRow
from tests import store_reads
from tests.e2e.records.conftest import ES_MESSAGE, OWNER_REACTION, reaction, text_message
from tests.e2e.replies.conftest import (  # noqa: F401  (fixtures used by this package)
    _fresh_logging,
    client,
    fake,
    make_daemon,
)
from tests.e2e.replies.test_replies_end_to_end import post, sent_now
from tests.fixtures import fixture

OWNER = "5215512345678"
OWNER_JID = f"{OWNER}@s.whatsapp.net"
LUCIA_JID = "5215587654321@s.whatsapp.net"


def message(message_id: str, text: str, base: str = ES_MESSAGE) -> dict[str, Any]:
    return sent_now(text_message(base, message_id, text))


async def react(
    daemon: Daemon, target: dict[str, Any], emoji: str, rid: str, *, base: str = OWNER_REACTION
) -> None:
    now_ms = int(time.time() * 1000)
    await post(daemon, reaction(target, emoji, rid, sent_ms=now_ms, base=base))


def edited(message_id: str, text: str, *, at_ms: int | None = None) -> dict[str, Any]:
    """messages.edited as Evolution sends it (the key as the editor sees it)."""
    p = copy.deepcopy(fixture("messages.edited.text-edit"))
    p["data"]["key"]["id"] = message_id
    p["data"]["editedMessage"] = {"conversation": text}
    p["data"]["timestampMs"] = str(at_ms if at_ms is not None else int(time.time() * 1000))
    return p


def deleted(message_id: str) -> dict[str, Any]:
    p = copy.deepcopy(fixture("messages.delete.revoke"))
    p["data"]["id"] = message_id
    return p


async def records(daemon: Daemon, table: RecordTable) -> list[dict[str, Any]]:
    """Every record of `table`, oldest first, through the store's listing read."""
    return await store_reads.records(daemon.store, table)


async def jobs(daemon: Daemon, kind: str | None = None, status: str | None = None) -> list[Job]:
    """Every job (of `kind`, in `status`), oldest first."""
    return [j for j in await store_reads.jobs(daemon.store, kind) if status in (None, j.status)]


async def replies(daemon: Daemon, key_prefix: str = "") -> list[OutboxRow]:
    """Every reply queued (whose dedupe key starts with `key_prefix`), oldest first."""
    found = await store_reads.replies(daemon.store)
    return [r for r in found if r.dedupe_key.startswith(key_prefix)]


async def jobs_idle(daemon: Daemon) -> bool:
    now = daemon.clock()
    return not [
        j
        for j in await jobs(daemon)
        if j.kind != "reminder"
        and (j.status == "running" or (j.status == "queued" and j.run_at <= now))
    ]


def owner_says(message_id: str, text: str, *, quoting: str | None = None) -> dict[str, Any]:
    """The owner writing in their own chat ("message yourself"), maybe quoting a message."""
    p = message(message_id, text)
    key = p["data"]["key"]
    key.update(remoteJid=OWNER_JID, fromMe=True)
    key.pop("remoteJidAlt", None)
    p["data"]["pushName"] = "Ana"
    if quoting is not None:
        p["data"]["contextInfo"] = {"stanzaId": quoting, "participant": OWNER_JID}
    return p


def contact_says(message_id: str, text: str, *, quoting: str | None = None) -> dict[str, Any]:
    """Lucía writing in her chat with the owner, maybe quoting a message."""
    p = message(message_id, text)
    if quoting is not None:
        p["data"]["contextInfo"] = {"stanzaId": quoting, "participant": OWNER_JID}
    return p


async def sent_id(daemon: Daemon, key_prefix: str, nth: int = 0) -> str:
    """The WhatsApp id of a reply reactiond sent (once the send is recorded)."""
    found: list[str] = []

    async def recorded() -> bool:
        got = await replies(daemon, key_prefix)
        found[:] = [str(r.sent_message_id) for r in got if r.status == "sent"]
        return len(found) > nth

    from tests.waiting import eventually

    await eventually(recorded, what=f"a sent reply {key_prefix}…")
    return found[nth]


def ours(sent: str) -> dict[str, Any]:
    """A message reactiond sent to the owner's own chat, as a reaction's target."""
    return {"data": {"key": {"remoteJid": OWNER_JID, "fromMe": True, "id": sent}}}


async def tick(
    daemon: Daemon, sent: str, emoji: str, rid: str, *, base: str = OWNER_REACTION,
    later_ms: int = 0,
) -> None:  # fmt: skip
    now_ms = int(time.time() * 1000) + later_ms
    await post(daemon, reaction(ours(sent), emoji, rid, sent_ms=now_ms, base=base))


async def replies_queued(daemon: Daemon) -> int:
    """Every reply reactiond queued, sent or not: what a test that expects none counts
    (a send still in flight would slip past a count of the fake's sends)."""
    return len(await replies(daemon))
