"""SIGKILL `python -m reactiond run` while reaction jobs run: after a restart every
reaction has made its record exactly once (no record lost, none doubled)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import apsw
import pytest

from tests.e2e.ops.support import NotifySocket
from tests.e2e.records.conftest import ES_MESSAGE, reaction, text_message
from tests.fixtures import INSTANCE, REPO
from tests.waiting import eventually

SECRET = "records-crash-secret"
MESSAGES = 400
KILL_AFTER_DONE = 40


class Process:
    def __init__(self, data_dir: Path) -> None:
        self.port = 0  # read back from READY=1: the daemon binds port 0
        self.notify = NotifySocket()
        self.data_dir = data_dir
        self.log = data_dir.parent / "daemon.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "REACTIOND_DATA_DIR": str(self.data_dir),
            "REACTIOND_PORT": "0",
            "REACTIOND_WEBHOOK_SECRET": SECRET,
            "REACTIOND_LOG_LEVEL": "warning",
            "REACTIOND_REACTION_FLOOD_PER_MINUTE": "100000",
            "REACTIOND_JOB_LEASE_SECONDS": "1",  # a killed worker's jobs come back fast
            "NOTIFY_SOCKET": self.notify.path,
        }
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "reactiond", "run"],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self.port = self.notify.wait_ready()
        except AssertionError:
            raise AssertionError(f"daemon not ready: {self.log.read_text()[-2000:]}") from None

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(30)
        self.notify.close()


# Raw SQL: the file as the SIGKILL left it, read-only, before any store opens (and mends) it.
def rows(data_dir: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = apsw.Connection(str(data_dir / "reactiond.db"), flags=apsw.SQLITE_OPEN_READONLY)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def payloads() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    messages, reactions = [], []
    for i in range(MESSAGES):
        msg = text_message(ES_MESSAGE, f"CRASH-{i}", f"Pagar luz CFE ${100 + i} vence 15 enero")
        messages.append(msg)
        reactions.append(reaction(msg, "💳", f"CRASH-R-{i}", sent_ms=1_736_872_000_000 + i))
    return messages, reactions


async def post_all(port: int, items: list[dict[str, Any]]) -> None:
    url = f"http://127.0.0.1:{port}/webhook/{INSTANCE}"
    async with aiohttp.ClientSession() as http:
        for start in range(0, len(items), 50):
            batch = items[start : start + 50]

            async def one(p: dict[str, Any]) -> None:
                async with http.post(
                    url, data=json.dumps(p), headers={"X-Reactiond-Secret": SECRET}
                ) as resp:
                    assert resp.status == 200

            await asyncio.gather(*(one(p) for p in batch))


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[Process]:
    p = Process(tmp_path / "data")
    yield p
    p.stop()


def done_jobs(data_dir: Path) -> int:
    return int(rows(data_dir, "SELECT COUNT(*) FROM jobs WHERE status = 'done'")[0][0])


async def wait_done(data_dir: Path, n: int, *, within: float, step: float) -> None:
    async def enough() -> bool:
        return done_jobs(data_dir) >= n

    await eventually(enough, what=f"{n} reaction jobs done", within=within, step=step)


@pytest.mark.slow
async def test_sigkill_while_reaction_jobs_run_loses_and_doubles_no_record(
    daemon: Process,
) -> None:
    messages, reactions = payloads()
    daemon.start()
    await post_all(daemon.port, messages)
    await post_all(daemon.port, reactions)
    await wait_done(daemon.data_dir, KILL_AFTER_DONE, within=30, step=0.005)
    daemon.kill()
    done_at_kill = done_jobs(daemon.data_dir)
    running = rows(daemon.data_dir, "SELECT COUNT(*) FROM jobs WHERE status = 'running'")[0][0]
    print(f"killed with {done_at_kill} of {MESSAGES} jobs done, {running} mid-run")
    assert KILL_AFTER_DONE <= done_at_kill < MESSAGES, "the kill did not land mid-work"

    daemon.start()
    await post_all(daemon.port, reactions[:100])  # Evolution redelivers some, too
    await wait_done(daemon.data_dir, MESSAGES, within=120, step=0.05)
    daemon.stop()

    bills = rows(daemon.data_dir, "SELECT message_id, COUNT(*) FROM bills GROUP BY message_id")
    assert {m for m, _ in bills} == {f"CRASH-{i}" for i in range(MESSAGES)}  # none lost
    assert {n for _, n in bills} == {1}  # none doubled
    actions = rows(daemon.data_dir, "SELECT COUNT(*), COUNT(DISTINCT message_id) FROM actions")
    assert actions == [(MESSAGES, MESSAGES)]
    replies = rows(daemon.data_dir, "SELECT COUNT(*), COUNT(DISTINCT action_id) FROM outbox")
    assert replies == [(MESSAGES, MESSAGES)]
    assert rows(daemon.data_dir, "PRAGMA integrity_check") == [("ok",)]
