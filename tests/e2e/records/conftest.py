"""A real daemon, the fixture payloads, and helpers to play a conversation through the
webhook and wait for the reaction jobs to finish."""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from reactiond.app import Daemon
from reactiond.domain import Job, RecordTable
from reactiond.store import people_repo
from reactiond.store.outbox import OutboxRow
from reactiond.store.people_repo import Person
from tests import store_reads
from tests.e2e.daemon import SECRET, base_url, running_daemon
from tests.fixtures import INSTANCE, fixture
from tests.waiting import PATIENCE, eventually

HEADERS = {"X-Reactiond-Secret": SECRET}
ES_MESSAGE = "messages.upsert.text-conversation.es"
EN_MESSAGE = "messages.upsert.text-extended-normalized.en"
PT_MESSAGE = "messages.upsert.group-text.pt"
OWNER_REACTION = "messages.upsert.reaction-add"  # Ana (fromMe) on Lucía's message, 1:1
GROUP_REACTION_BY_OTHER = "messages.upsert.reaction-group-other-participant"  # Carla, group


def text_message(base: str, message_id: str, text: str) -> dict[str, Any]:
    """The fixture message with another id and text (same author, chat and send time)."""
    p = copy.deepcopy(fixture(base))
    p["data"]["key"]["id"] = message_id
    p["data"]["message"] = {"conversation": text}
    return p


def reaction(
    target: dict[str, Any],
    emoji: str,
    reaction_id: str,
    *,
    sent_ms: int,
    base: str = OWNER_REACTION,
) -> dict[str, Any]:
    """A reaction of the `base` fixture's reactor, in the target message's chat."""
    p = copy.deepcopy(fixture(base))
    tkey = target["data"]["key"]
    data = p["data"]
    data["key"]["id"] = reaction_id
    data["key"]["remoteJid"] = tkey["remoteJid"]
    if tkey["remoteJid"].endswith("@g.us") and data["key"].get("fromMe"):
        data["key"]["participant"] = p["sender"]
    rkey: dict[str, Any] = {"remoteJid": tkey["remoteJid"], "fromMe": False, "id": tkey["id"]}
    if "participant" in tkey:
        rkey["participant"] = tkey["participant"]
    data["message"]["reactionMessage"]["key"] = rkey
    data["message"]["reactionMessage"]["text"] = emoji
    data["message"]["reactionMessage"]["senderTimestampMs"] = sent_ms
    data["messageTimestamp"] = sent_ms // 1000
    return p


class Conversation:
    """Posts payloads to the running daemon and reads what the worker wrote."""

    def __init__(self, daemon: Daemon, http: aiohttp.ClientSession) -> None:
        self.daemon = daemon
        self.http = http

    async def post(self, payload: dict[str, Any]) -> dict[str, Any]:
        async with self.http.post(
            f"{base_url(self.daemon)}/webhook/{INSTANCE}",
            data=json.dumps(payload).encode(),
            headers=HEADERS,
        ) as resp:
            body: dict[str, Any] = await resp.json()
            assert resp.status == 200, body
            return body

    async def settle(self, within: float = PATIENCE) -> None:
        """Wait until no reaction job is runnable (by the daemon's clock) or running."""

        async def idle() -> bool:
            stats = await self.daemon.store.queue_stats(self.daemon.clock())
            runnable = stats.by_status.get("queued", 0) - stats.deferred
            return stats.by_status.get("running", 0) == 0 and runnable == 0

        await eventually(idle, what="no reaction job runnable or running", within=within)

    async def records(self, table: RecordTable) -> list[dict[str, Any]]:
        """Every record of `table`, oldest first, as the store's listing read gives it."""
        return await store_reads.records(self.daemon.store, table)

    async def replies(self) -> list[OutboxRow]:
        """Every reply in the outbox, oldest first."""
        return await store_reads.replies(self.daemon.store)

    async def people(self) -> list[Person]:
        return await self.daemon.store.read(people_repo.list_people)

    async def jobs(self, kind: str | None = None) -> list[Job]:
        """Every job (of `kind`), oldest first."""
        return await store_reads.jobs(self.daemon.store, kind)

    async def actions(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        """The actions taken on `message` (a webhook payload posted here), oldest first."""
        key = message["data"]["key"]["id"]
        return await store_reads.actions_on(self.daemon.store, INSTANCE, key)

    async def parses(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        """The NLP log's lines for the actions on `message`, oldest first."""
        key = message["data"]["key"]["id"]
        return await store_reads.parses_on(self.daemon.store, INSTANCE, key)

    async def api(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        async with self.http.request(method, base_url(self.daemon) + path, json=body) as resp:
            return resp.status, await resp.json()


@pytest.fixture
async def daemon(tmp_path: Path) -> AsyncIterator[Daemon]:
    async with running_daemon(
        tmp_path, unseen_message_retries=2, unseen_message_retry_seconds=0.05
    ) as d:
        yield d


@pytest.fixture
async def chat(daemon: Daemon) -> AsyncIterator[Conversation]:
    async with aiohttp.ClientSession() as http:
        yield Conversation(daemon, http)
