"""A reaction that arrives before its message (Evolution retries reorder events) makes
its record once the message is there."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.daemon import running_daemon
from tests.e2e.records.conftest import ES_MESSAGE, Conversation
from tests.fixtures import fixture


@pytest.fixture
async def patient(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with (
        running_daemon(tmp_path, unseen_message_retries=3, unseen_message_retry_seconds=0.3) as d,
        aiohttp.ClientSession() as http,
    ):
        yield Conversation(d, http)


async def test_reaction_before_its_message_creates_the_record(patient: Conversation) -> None:
    await patient.post(fixture("messages.upsert.reaction-add"))
    await patient.settle()  # first attempt: message unseen, retried later
    await patient.post(fixture(ES_MESSAGE))
    for _ in range(100):  # the retry is due 0.3 s after the first attempt
        if await patient.query("SELECT * FROM tasks"):
            break
        await asyncio.sleep(0.02)
    assert len(await patient.query("SELECT * FROM tasks")) == 1
    replies = await patient.query("SELECT dedupe_key FROM outbox")
    assert [r["dedupe_key"].split(":")[0] for r in replies] == ["action"]  # no "can't see"
