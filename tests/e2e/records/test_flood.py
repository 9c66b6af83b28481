"""A sender above the flood limit is deferred, not dropped, and shows in queue stats."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from reactiond.app import Daemon
from tests.e2e.daemon import running_daemon
from tests.e2e.records.conftest import ES_MESSAGE, Conversation, reaction, text_message
from tests.e2e.replies.conftest import Clock


@pytest.fixture
async def flooded(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with (
        running_daemon(tmp_path, clock=Clock(), reaction_flood_per_minute=3) as d,
        aiohttp.ClientSession() as http,
    ):
        yield Conversation(d, http)


async def test_surplus_reactions_are_deferred_not_dropped(flooded: Conversation) -> None:
    for i in range(5):
        msg = text_message(ES_MESSAGE, f"FLOOD-{i}", f"Tarea número {i}")
        await flooded.post(msg)
        await flooded.post(reaction(msg, "✅", f"FLOOD-R-{i}", sent_ms=1_736_872_000_000 + i))
    await flooded.settle()
    daemon: Daemon = flooded.daemon
    assert len(await flooded.records("tasks")) == 3
    stats = await daemon.store.queue_stats(time.time())
    assert stats.deferred == 2
    deferred = [j for j in await flooded.jobs() if j.status == "queued"]
    assert all("flood" in (j.last_error or "") for j in deferred)


async def test_deferred_reactions_run_when_their_time_comes(flooded: Conversation) -> None:
    for i in range(5):
        msg = text_message(ES_MESSAGE, f"FLOOD-{i}", f"Tarea número {i}")
        await flooded.post(msg)
        await flooded.post(reaction(msg, "✅", f"FLOOD-R-{i}", sent_ms=1_736_872_000_000 + i))
    await flooded.settle()
    # A minute later (brought forward here rather than slept through):
    clock = flooded.daemon.clock
    assert isinstance(clock, Clock)
    clock.advance(121)  # past every window the surplus waits
    flooded.daemon.wakeup()
    await flooded.settle()
    assert len(await flooded.records("tasks")) == 5
