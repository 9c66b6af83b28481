"""Removing a reaction long after it was made leaves its record alone."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.daemon import running_daemon
from tests.e2e.records.conftest import ES_MESSAGE, Conversation, reaction
from tests.fixtures import fixture

T0 = 1_736_872_000_000


@pytest.fixture
async def short_window(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with (
        running_daemon(tmp_path, reaction_undo_window_seconds=60) as d,
        aiohttp.ClientSession() as http,
    ):
        yield Conversation(d, http)


async def test_removal_inside_the_window_cancels(short_window: Conversation) -> None:
    msg = fixture(ES_MESSAGE)
    await short_window.post(msg)
    await short_window.post(reaction(msg, "✅", "R-ADD", sent_ms=T0))
    await short_window.settle()
    await short_window.post(reaction(msg, "", "R-DEL", sent_ms=T0 + 59_000))
    await short_window.settle()
    assert [t["status"] for t in await short_window.records("tasks")] == ["cancelled"]


async def test_removal_after_the_window_keeps_the_record(short_window: Conversation) -> None:
    msg = fixture(ES_MESSAGE)
    await short_window.post(msg)
    await short_window.post(reaction(msg, "✅", "R-ADD", sent_ms=T0))
    await short_window.settle()
    await short_window.post(reaction(msg, "", "R-DEL", sent_ms=T0 + 61_000))
    await short_window.settle()
    assert [t["status"] for t in await short_window.records("tasks")] == ["open"]
