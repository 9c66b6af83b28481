"""A reaction to a message reactiond never saw: once the retries for a late webhook are
spent, the worker asks Evolution (`findMessages`) for it, stores it like a webhook
message and makes the record; when Evolution has no such message, or is down, the reply
is "I can't see that message" as before."""

# Raw SQL here: the per-event counters, which no surface shows.
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from reactiond.replies.texts import cannot_see_message
from reactiond.store.interface import Transaction
from tests import store_reads
from tests.e2e.daemon import running_daemon
from tests.e2e.records.conftest import ES_MESSAGE, OWNER_REACTION, Conversation
from tests.fake_evolution import FakeEvolution
from tests.fixtures import INSTANCE, fixture

TARGET_ID = fixture(ES_MESSAGE)["data"]["key"]["id"]


@pytest.fixture
async def fake() -> AsyncIterator[FakeEvolution]:
    server = FakeEvolution()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def chat(tmp_path: Path, fake: FakeEvolution) -> AsyncIterator[Conversation]:
    async with (
        running_daemon(
            tmp_path,
            unseen_message_retries=1,
            unseen_message_retry_seconds=0.05,
            evolution_url=fake.url,
            evolution_api_key=fake.api_key,
            evolution_timeout_seconds=1.0,
            outbox_backoff_max_seconds=0.05,
        ) as d,
        aiohttp.ClientSession() as http,
    ):
        yield Conversation(d, http)


async def finished(chat: Conversation) -> None:
    """Wait until the reaction job is done (its retries are due later than `settle` sees)."""
    for _ in range(250):
        rows = await chat.jobs("reaction")
        if rows and all(r.status == "done" for r in rows):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the reaction job did not finish")


async def fetched_count(chat: Conversation) -> list[dict[str, Any]]:
    """The stored count of fetched messages. Raw: no surface shows the per-event counters
    (queue stats show only the ignored events), so no store read returns them."""

    def q(tx: Transaction) -> list[dict[str, Any]]:
        sql = "SELECT SUM(count) AS count FROM event_counters WHERE event = 'messages.fetched'"
        return [dict(r) for r in tx.execute(sql)]

    return await chat.daemon.store.read(q)


def find_requests(fake: FakeEvolution) -> list[str]:
    return [
        str(r.body["where"]["key"]["id"])
        for r in fake.requests
        if r.path.startswith("/chat/findMessages/")
    ]


async def reply_kinds(chat: Conversation) -> list[str]:
    return [r.dedupe_key.split(":")[0] for r in await chat.replies()]


async def test_message_found_in_evolution_makes_the_record(
    chat: Conversation, fake: FakeEvolution
) -> None:
    fake.keep_message(fixture(ES_MESSAGE))
    await chat.post(fixture(OWNER_REACTION))
    await finished(chat)
    assert find_requests(fake) == [TARGET_ID]
    tasks = await chat.records("tasks")
    assert len(tasks) == 1 and "CFE" in tasks[0]["title"]
    assert await reply_kinds(chat) == ["action"]  # a confirmation, no "can't see"


async def test_fetched_message_is_stored_like_a_webhook_message(
    chat: Conversation, fake: FakeEvolution
) -> None:
    fake.keep_message(fixture(ES_MESSAGE))
    await chat.post(fixture(OWNER_REACTION))
    await finished(chat)
    stored = await store_reads.message(chat.daemon.store, INSTANCE, TARGET_ID)
    assert stored is not None
    assert {k: stored[k] for k in ("text", "sent_at", "from_me", "author_jid")} == {
        "text": "Pagar luz CFE $890 vence 15 enero",
        "sent_at": 1736871000,
        "from_me": 0,
        "author_jid": "5215587654321@s.whatsapp.net",
    }
    assert await fetched_count(chat) == [{"count": 1}]


async def test_message_unknown_to_evolution_gets_cannot_see_reply(
    chat: Conversation, fake: FakeEvolution
) -> None:
    await chat.post(fixture(OWNER_REACTION))
    await finished(chat)
    assert find_requests(fake) == [TARGET_ID]
    assert await chat.records("tasks") == []
    assert await reply_kinds(chat) == ["unseen"]
    body = (await chat.replies())[0].body
    # The owner's number is Mexican: the reply falls back to the number's language.
    assert body["text"] == cannot_see_message("es")


async def test_evolution_down_gets_cannot_see_reply(
    chat: Conversation, fake: FakeEvolution
) -> None:
    fake.keep_message(fixture(ES_MESSAGE))
    fake.failing(503, times=1)  # the findMessages call fails; the reply is sent after
    await chat.post(fixture(OWNER_REACTION))
    await finished(chat)
    assert find_requests(fake) == [TARGET_ID]
    assert await chat.records("tasks") == []
    assert await reply_kinds(chat) == ["unseen"]


async def test_evolution_is_asked_only_after_the_late_webhook_retries(
    chat: Conversation, fake: FakeEvolution
) -> None:
    fake.keep_message(fixture(ES_MESSAGE))
    await chat.post(fixture(OWNER_REACTION))
    await finished(chat)
    attempts = [a for j in await chat.jobs() for a in await chat.daemon.store.job_attempts(j.id)]
    assert len(attempts) == 2  # one retry for a late webhook, then the fetch
    assert len(find_requests(fake)) == 1
