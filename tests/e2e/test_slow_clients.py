"""Slow or silent clients cannot hold the daemon's connections (slowloris).

Before `REACTIOND_CLIENT_TIMEOUT_SECONDS`, a connection that sent nothing stayed open for
an hour (aiohttp's default), and one that stopped in the middle of a body for ever: a
few thousand of them, from anyone who can reach the webhook's port, used up the file
descriptors (4,096 under the unit file) and every later webhook was refused. Each test
here failed before (the connections were all still open)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from reactiond.app import Daemon
from tests.e2e.daemon import SECRET, base_url, running_daemon
from tests.fixtures import INSTANCE
from tests.waiting import eventually

TIMEOUT = 1.0  # seconds; the default is 60

Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


@pytest.fixture
async def daemon(tmp_path: Path) -> AsyncIterator[Daemon]:
    async with running_daemon(
        tmp_path, client_timeout_seconds=TIMEOUT, stream_heartbeat_seconds=0.3
    ) as d:
        yield d


async def _open(daemon: Daemon, first: bytes = b"") -> Connection:
    reader, writer = await asyncio.open_connection("127.0.0.1", daemon.port)
    if first:
        writer.write(first)
        await writer.drain()
    return reader, writer


async def _all_closed(connections: list[Connection]) -> list[bytes]:
    """What each connection got before the daemon closed it (waits until it has)."""
    return [await asyncio.wait_for(r.read(), 30) for r, _ in connections]


def _webhook_head(length: int, secret: str = SECRET) -> bytes:
    return (
        f"POST /webhook/{INSTANCE} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"X-Reactiond-Secret: {secret}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()


async def test_a_connection_that_sends_nothing_is_closed(daemon: Daemon) -> None:
    silent = [await _open(daemon) for _ in range(20)]
    assert await _all_closed(silent) == [b""] * 20


async def test_a_request_head_that_never_ends_is_closed(daemon: Daemon) -> None:
    half = [
        await _open(daemon, f"POST /webhook/{INSTANCE} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        for _ in range(20)
    ]
    assert await _all_closed(half) == [b""] * 20


async def test_an_idle_kept_alive_connection_is_closed(daemon: Daemon) -> None:
    reader, writer = await _open(daemon, b"GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    answer = await asyncio.wait_for(reader.read(), 30)  # the answer, then the close
    assert answer.startswith(b"HTTP/1.1 200")
    writer.close()


@pytest.mark.parametrize(
    "head",
    [
        _webhook_head(100_000),  # with the secret: the body is awaited
        _webhook_head(100_000, secret="wrong-but-the-body-comes-first"),
        b"PATCH /api/tasks/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n",
        # a chunk announced (64 bytes) and cut short
        b"PUT /api/talk HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n",
    ],
)
async def test_a_body_that_stops_halfway_gets_408_and_the_connection_closes(
    daemon: Daemon, head: bytes
) -> None:
    stalled = [await _open(daemon, head + b'{"event": "messages.upsert"') for _ in range(10)]
    answers = await _all_closed(stalled)
    assert all(a.startswith(b"HTTP/1.1 408") for a in answers), answers[0]
    assert b"REACTIOND_CLIENT_TIMEOUT_SECONDS" in answers[0]


async def test_webhooks_go_through_while_slow_clients_hold_connections(daemon: Daemon) -> None:
    stalled = [await _open(daemon, _webhook_head(100_000) + b"{") for _ in range(50)]
    silent = [await _open(daemon) for _ in range(50)]
    body = json.dumps({"event": "presence.update", "instance": INSTANCE, "data": {}}).encode()
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"{base_url(daemon)}/webhook/{INSTANCE}",
            data=body,
            headers={"X-Reactiond-Secret": SECRET, "Content-Type": "application/json"},
        ) as resp,
    ):
        assert resp.status == 200
    await _all_closed(stalled + silent)


async def test_the_event_stream_outlives_the_client_timeout(daemon: Daemon) -> None:
    """The bound is on sending a request, not on a long answer."""
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{base_url(daemon)}/api/stream") as resp,
    ):
        assert resp.status == 200
        loop = asyncio.get_running_loop()
        started = loop.time()

        async def long_past_the_timeout() -> bool:
            line = await asyncio.wait_for(resp.content.readline(), 30)
            assert line, "the stream was closed"
            return loop.time() - started > 3 * TIMEOUT

        await eventually(long_past_the_timeout, what="heartbeats for 3 client timeouts")
