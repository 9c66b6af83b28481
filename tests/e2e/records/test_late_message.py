"""A reaction that arrives before its message (Evolution retries reorder events) makes
its record once the message is there: on a retry, or, when the message comes later than
every retry (the reaction answered "I can't see that message"), by running again once
when it arrives."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from reactiond.records.trace import read_trace
from tests.e2e.daemon import running_daemon
from tests.e2e.records.conftest import ES_MESSAGE, Conversation
from tests.e2e.replies.conftest import Clock
from tests.fixtures import fixture
from tests.waiting import eventually


@asynccontextmanager
async def _hourly_retries(tmp_path: Path, retries: int) -> AsyncIterator[Conversation]:
    """A daemon whose unseen-message retries wait an hour on its own clock: a retry runs
    when the test moves the clock, however slow the machine is."""
    async with (
        running_daemon(
            tmp_path,
            clock=Clock(),
            unseen_message_retries=retries,
            unseen_message_retry_seconds=3600,
        ) as d,
        aiohttp.ClientSession() as http,
    ):
        yield Conversation(d, http)


@pytest.fixture
async def patient(tmp_path: Path) -> AsyncIterator[Conversation]:
    # The retry runs after the message is in.
    async with _hourly_retries(tmp_path, 3) as chat:
        yield chat


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


@pytest.fixture
async def gives_up(tmp_path: Path) -> AsyncIterator[Conversation]:
    # One retry: the test decides when it runs. No Evolution to ask for the message
    # (findMessages), as when it is not configured.
    async with _hourly_retries(tmp_path, 1) as chat:
        yield chat


async def test_a_message_later_than_every_retry_runs_its_reaction_again(
    gives_up: Conversation,
) -> None:
    chat = gives_up
    await chat.post(fixture("messages.upsert.reaction-add"))
    await chat.settle()  # first attempt: unseen, retried in an hour
    clock = chat.daemon.clock
    assert isinstance(clock, Clock)
    clock.advance(3600)
    chat.daemon.wakeup()

    async def gave_up() -> bool:
        return [j.status for j in await chat.jobs("reaction")] == ["done"]

    await eventually(gave_up, what="the reaction's job giving up on its message")
    assert [r.dedupe_key.split(":")[0] for r in await chat.replies()] == ["unseen"]
    assert await chat.records("tasks") == []

    message = fixture(ES_MESSAGE)
    await chat.post(message)

    async def task_made() -> list[dict[str, Any]]:
        return await chat.records("tasks")

    assert len(await eventually(task_made, what="the task made by the second run")) == 1
    await chat.settle()
    # The confirmation follows the "can't see" reply: it is what the person needs now.
    assert [r.dedupe_key.split(":")[0] for r in await chat.replies()] == ["unseen", "action"]
    _first, second = await chat.jobs("reaction")
    assert str(second.dedupe_key).startswith("reaction-late:") and second.status == "done"

    message_id = message["data"]["key"]["id"]
    trace = await chat.daemon.store.read(lambda tx: read_trace(tx, message_id))
    [reaction] = trace.reactions
    assert reaction.unseen_at is not None and reaction.run_again_at is not None
    assert reaction.job_id == second.id and reaction.why_none is None
    assert [a.outcome for a in reaction.actions] == ["created"]
