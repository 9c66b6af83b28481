"""SIGKILL mid-load: everything acknowledged is kept exactly once, no job lost or doubled."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import apsw
import pytest

from tests.e2e.process import DaemonProcess
from tests.fixtures import INSTANCE, fixture, with_ids
from tests.waiting import eventually

SECRET = "crash-test-secret"
PAYLOADS = 3000
CLIENTS = 32
KILL_AFTER = 1000  # acknowledgements before the SIGKILL


def payloads() -> list[dict[str, Any]]:
    kinds = [
        fixture("messages.upsert.text-conversation.es"),
        fixture("messages.upsert.reaction-add"),
        fixture("messages.upsert.group-text.pt"),
        fixture("messages.upsert.reaction-group-other-participant"),
        fixture("messages.upsert.reaction-lid"),
    ]
    return [with_ids(kinds[i % len(kinds)], f"c{i}") for i in range(PAYLOADS)]


def delivery_key(p: dict[str, Any]) -> str:
    return str(p["data"]["key"]["id"])


async def deliver(
    port: int, items: list[dict[str, Any]], acked: set[str], stop_after: int | None
) -> None:
    """Send from concurrent clients; an item is acknowledged only by a 200."""
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    for p in items:
        queue.put_nowait(p)
    url = f"http://127.0.0.1:{port}/webhook/{INSTANCE}"
    timeout = aiohttp.ClientTimeout(total=10)

    async def client(session: aiohttp.ClientSession) -> None:
        while not queue.empty():
            if stop_after is not None and len(acked) >= stop_after:
                return
            p = queue.get_nowait()
            try:
                async with session.post(
                    url, data=json.dumps(p), headers={"X-Reactiond-Secret": SECRET}
                ) as resp:
                    if resp.status == 200:
                        acked.add(delivery_key(p))
            except (aiohttp.ClientError, TimeoutError):
                pass  # not acknowledged: Evolution would redeliver it

    async with aiohttp.ClientSession(timeout=timeout) as session:
        await asyncio.gather(*(client(session) for _ in range(CLIENTS)))


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[DaemonProcess]:
    d = DaemonProcess(tmp_path / "data", SECRET)
    yield d
    d.stop_quietly()


# Raw SQL: the file as the SIGKILL left it, read-only, before any store opens (and mends) it.
def db_rows(data_dir: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = apsw.Connection(str(data_dir / "reactiond.db"), flags=apsw.SQLITE_OPEN_READONLY)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


@pytest.mark.slow
async def test_sigkill_mid_load_loses_and_duplicates_nothing_acknowledged(
    daemon: DaemonProcess,
) -> None:
    items = payloads()
    acked: set[str] = set()
    daemon.start()

    sender = asyncio.create_task(deliver(daemon.port, items, acked, stop_after=None))

    async def enough_acked() -> bool:
        return len(acked) >= KILL_AFTER

    await eventually(enough_acked, what=f"{KILL_AFTER} acknowledged", step=0.005)
    daemon.kill()  # mid-load: requests are in flight and commits are in progress
    await sender
    acked_before_kill = set(acked)
    assert KILL_AFTER <= len(acked_before_kill) < PAYLOADS

    stored = {r[0] for r in db_rows(daemon.data_dir, "SELECT message_id FROM messages")}
    stored |= {r[0] for r in db_rows(daemon.data_dir, "SELECT reaction_id FROM reactions")}
    assert acked_before_kill <= stored, "an acknowledged event was lost"

    # Evolution redelivers everything that got no 200 (and may repeat some that did).
    daemon.start()
    unacked = [p for p in items if delivery_key(p) not in acked_before_kill]
    repeats = [p for p in items if delivery_key(p) in acked_before_kill][:200]
    await deliver(daemon.port, unacked + repeats, acked, stop_after=None)
    assert len(acked) == PAYLOADS
    assert daemon.terminate() == 0

    messages = db_rows(daemon.data_dir, "SELECT message_id FROM messages")
    reactions = db_rows(daemon.data_dir, "SELECT id, reaction_id FROM reactions")
    jobs = db_rows(daemon.data_dir, "SELECT payload FROM jobs WHERE kind = 'reaction'")
    assert len(messages) + len(reactions) == PAYLOADS  # each exactly once
    assert {r[0] for r in messages} | {r[1] for r in reactions} == {delivery_key(p) for p in items}
    job_targets = sorted(json.loads(j[0])["reaction"] for j in jobs)
    assert job_targets == sorted(r[0] for r in reactions)  # one job per reaction, no more
    integrity = db_rows(daemon.data_dir, "PRAGMA integrity_check")
    assert integrity == [("ok",)]
