"""A reaction that arrives before its message (Evolution retries reorder events) makes
its record once the message is there."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.e2e.daemon import running_daemon
from tests.e2e.records.conftest import ES_MESSAGE, Conversation
from tests.e2e.replies.conftest import Clock
from tests.fixtures import fixture
from tests.waiting import eventually


@pytest.fixture
async def patient(tmp_path: Path) -> AsyncIterator[Conversation]:
    # The retry waits an hour on the daemon's clock: it runs when the test moves the clock,
    # after the message is in, however slow the machine is.
    async with (
        running_daemon(
            tmp_path,
            clock=Clock(),
            unseen_message_retries=3,
            unseen_message_retry_seconds=3600,
        ) as d,
        aiohttp.ClientSession() as http,
    ):
        yield Conversation(d, http)


async def test_reaction_before_its_message_creates_the_record(patient: Conversation) -> None:
    await patient.post(fixture("messages.upsert.reaction-add"))
    await patient.settle()  # first attempt: message unseen, retried in an hour
    [job] = await patient.jobs()
    assert (job.status, job.attempts) == ("queued", 1)
    await patient.post(fixture(ES_MESSAGE))
    clock = patient.daemon.clock
    assert isinstance(clock, Clock)
    clock.advance(3600)
    patient.daemon.wakeup()  # the worker's idle timer is not what this test is about

    async def task_made() -> list[dict[str, Any]]:
        return await patient.records("tasks")

    assert len(await eventually(task_made, what="the task made by the retry")) == 1
    await patient.settle()
    replies = await patient.replies()
    assert [r.dedupe_key.split(":")[0] for r in replies] == ["action"]  # no "can't see"
