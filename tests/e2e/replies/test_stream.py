"""GET /api/stream against a real daemon: push on commit, resume, heartbeats, bounds."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest

from reactiond.app import Daemon
from reactiond.store import events, outbox
from tests.e2e.replies.conftest import DaemonFactory
from tests.fake_evolution import FakeEvolution
from tests.waiting import PATIENCE, eventually


class SSE:
    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self.response = response

    async def next(self, within: float = PATIENCE) -> dict[str, Any]:
        """The next event or comment as a dict of its fields (`comment` for `: …` lines)."""
        fields: dict[str, Any] = {}
        async with asyncio.timeout(within):
            while True:
                raw = await self.response.content.readline()
                line = raw.decode().rstrip("\n")
                if not line:
                    if fields:
                        return fields
                    continue
                if line.startswith(":"):
                    return {"comment": line[1:].strip()}
                name, _, value = line.partition(": ")
                fields[name] = value

    async def next_event(self, within: float = PATIENCE) -> dict[str, Any]:
        """The next event, skipping comments; `within` bounds the whole wait, so a stream
        that only ever sends heartbeats fails the test instead of hanging it."""
        async with asyncio.timeout(within):
            while True:
                item = await self.next(within)
                if "event" in item:
                    item["data"] = json.loads(item["data"])
                    return item


@asynccontextmanager
async def open_stream(
    daemon: Daemon, *, headers: dict[str, str] | None = None, query: str = ""
) -> AsyncIterator[SSE]:
    url = f"http://127.0.0.1:{daemon.port}/api/stream{query}"
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as resp:
        assert resp.status == 200, await resp.text()
        assert resp.headers["Content-Type"].startswith("text/event-stream")
        sse = SSE(resp)
        assert (await sse.next())["retry"] == "3000"
        yield sse


def caught_up(daemon: Daemon) -> Callable[[], Awaitable[int]]:
    """A probe: how many streams have sent all there was and wait for the next commit."""

    async def waiting() -> int:
        return daemon.events.waiting

    return waiting


async def log(daemon: Daemon, type_: str, **data: Any) -> int:
    now = daemon.clock()
    return await daemon.store.write(lambda tx: events.log_event(tx, type_, data, now))


async def test_a_new_event_is_pushed_as_soon_as_it_is_committed(
    make_daemon: DaemonFactory,
) -> None:
    # With no heartbeat for an hour, the stream reads the log again only when a commit
    # wakes it: the event arriving at all proves the push (no wall-clock bound needed).
    daemon = await make_daemon(stream_heartbeat_seconds=3600)
    async with open_stream(daemon) as sse:
        await eventually(caught_up(daemon), what="the stream waiting for a commit")
        event_id = await log(daemon, "record.created", kind="task", id=7)
        event = await sse.next_event()
    assert event["id"] == str(event_id)
    assert event["event"] == "record.created"
    assert event["data"]["kind"] == "task" and event["data"]["id"] == 7


async def test_a_new_client_gets_only_what_happens_after_it_connects(
    make_daemon: DaemonFactory,
) -> None:
    daemon = await make_daemon()
    await log(daemon, "record.created", n=1)
    async with open_stream(daemon) as sse:
        await log(daemon, "record.created", n=2)
        assert (await sse.next_event())["data"]["n"] == 2


async def test_reconnecting_with_last_event_id_resumes_after_it_in_order(
    make_daemon: DaemonFactory,
) -> None:
    daemon = await make_daemon()
    ids = [await log(daemon, "record.created", n=n) for n in range(4)]
    async with open_stream(daemon, headers={"Last-Event-ID": str(ids[1])}) as sse:
        got = [await sse.next_event() for _ in range(2)]
    assert [e["id"] for e in got] == [str(ids[2]), str(ids[3])]
    assert [e["data"]["n"] for e in got] == [2, 3]


async def test_last_event_id_also_works_as_a_query_parameter(make_daemon: DaemonFactory) -> None:
    daemon = await make_daemon()
    first = await log(daemon, "record.created", n=0)
    await log(daemon, "record.updated", n=1)
    async with open_stream(daemon, query=f"?last_event_id={first}") as sse:
        assert (await sse.next_event())["data"]["n"] == 1


async def test_a_client_resuming_past_the_pruned_window_is_told_of_the_gap(
    make_daemon: DaemonFactory,
) -> None:
    daemon = await make_daemon()
    ids = [await log(daemon, "record.created", n=n) for n in range(5)]
    now = daemon.clock()
    await daemon.store.write(
        lambda tx: events.prune(tx, keep_rows=2, max_age_seconds=3600, now=now)
    )
    async with open_stream(daemon, headers={"Last-Event-ID": str(ids[0])}) as sse:
        gap = await sse.next_event()
        assert gap["event"] == "stream.gap" and gap["data"] == {"missed": 2}
        assert (await sse.next_event())["data"]["n"] == 3


async def test_heartbeats_keep_an_idle_stream_alive(make_daemon: DaemonFactory) -> None:
    daemon = await make_daemon(stream_heartbeat_seconds=0.05)
    async with open_stream(daemon) as sse:
        assert await sse.next() == {"comment": "heartbeat"}


async def test_types_filter_keeps_only_the_asked_types(make_daemon: DaemonFactory) -> None:
    daemon = await make_daemon()
    async with open_stream(daemon, query="?types=reply.dead") as sse:
        await log(daemon, "record.created", n=1)
        await log(daemon, "reply.dead", n=2)
        assert (await sse.next_event())["data"]["n"] == 2


async def test_a_dead_reply_appears_on_the_stream(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    fake.refuse_numbers.add("5215500000000")
    daemon = await make_daemon()
    async with open_stream(daemon) as sse:
        now = daemon.clock()
        await daemon.store.write(
            lambda tx: outbox.queue_text(
                tx,
                dedupe_key="k",
                instance="reactiond-demo",
                destination="5215500000000",
                text="hola",
                now=now,
            )
        )
        event = await sse.next_event()
    assert event["event"] == "reply.dead"
    assert "not on WhatsApp" in event["data"]["error"]


async def test_with_an_api_token_the_stream_needs_it(make_daemon: DaemonFactory) -> None:
    daemon = await make_daemon(api_token="t0ken-0123456789ab")
    url = f"http://127.0.0.1:{daemon.port}/api/stream"
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        assert resp.status == 401
        assert "REACTIOND_API_TOKEN" in (await resp.json())["hint"]
    async with open_stream(daemon, headers={"Authorization": "Bearer t0ken-0123456789ab"}):
        pass
    async with open_stream(daemon, query="?token=t0ken-0123456789ab"):
        pass


async def test_the_daemon_stops_promptly_with_a_stream_open(make_daemon: DaemonFactory) -> None:
    # No heartbeat for an hour: left alone, the stream would hold the server until the
    # web runner's shutdown timeout (5 s, see Daemon) cancels it. The daemon must end it
    # itself, so stop() takes well under that even on a loaded machine (~0.1 s when idle).
    daemon = await make_daemon(stream_heartbeat_seconds=3600)
    async with open_stream(daemon):
        started = time.perf_counter()
        await daemon.stop()
        assert time.perf_counter() - started < 5.0


async def test_an_unknown_event_type_in_types_is_refused_with_the_known_ones(
    make_daemon: DaemonFactory,
) -> None:
    daemon = await make_daemon()
    url = f"http://127.0.0.1:{daemon.port}/api/stream?types=record.created,record.craeted"
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        assert resp.status == 400
        body = await resp.json()
    assert "record.craeted" in body["error"]
    assert "reply.dead" in body["hint"]


@pytest.mark.parametrize(
    ("headers", "query"),
    [({"Last-Event-ID": "xyz"}, ""), ({}, "?last_event_id=-3"), ({}, "?last_event_id=1.5")],
)
async def test_a_resume_id_that_is_not_an_event_id_is_refused(
    make_daemon: DaemonFactory, headers: dict[str, str], query: str
) -> None:
    daemon = await make_daemon()
    url = f"http://127.0.0.1:{daemon.port}/api/stream{query}"
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as resp:
        assert resp.status == 400
        body = await resp.json()
    assert "not an event id" in body["error"]
    assert "whole number" in body["hint"]
