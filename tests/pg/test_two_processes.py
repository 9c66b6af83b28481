"""Two reactiond processes on one PostgreSQL database, as two machines behind a load
balancer would run: webhooks land on either, a reaction makes its record once and its
reply leaves once, and a process SIGKILLed in the middle of its jobs loses nothing — its
leases run out and the other process finishes its work (jobs and the outbox sender)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import psycopg
import pytest

from tests.e2e.process import DaemonProcess
from tests.e2e.records.conftest import ES_MESSAGE, reaction, text_message
from tests.fake_evolution import FakeEvolution
from tests.fixtures import INSTANCE, REPO
from tests.waiting import eventually

SECRET = "two-processes-secret"
REACTIONS = 6


@pytest.fixture
async def fake() -> AsyncIterator[FakeEvolution]:
    server = FakeEvolution()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def processes(tmp_path: Path, pg_url: str, fake: FakeEvolution) -> Iterator[list[DaemonProcess]]:
    env = {
        "REACTIOND_DATABASE_URL": pg_url,
        "REACTIOND_EVOLUTION_URL": fake.url,
        "REACTIOND_EVOLUTION_API_KEY": fake.api_key,
        # A killed worker's jobs come back after this long, its outbox after that one.
        "REACTIOND_JOB_LEASE_SECONDS": "6",
        "REACTIOND_PARSE_TIMEOUT_SECONDS": "5",
        "REACTIOND_TASK_LEASE_SECONDS": "2",
        # A reaction to a message not seen asks Evolution at once (slow, in the tests):
        # a job stays running for seconds, long enough to be caught mid-job.
        "REACTIOND_UNSEEN_MESSAGE_RETRIES": "0",
        "REACTIOND_LOG_LEVEL": "info",
    }
    started = [DaemonProcess(tmp_path / name, SECRET, **env) for name in ("a", "b")]
    yield started
    for p in started:
        p.stop_quietly()


# Raw SQL: read from outside both processes; no store read gives an attempt's worker.
def rows(url: str, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
    with psycopg.connect(url) as conn:
        return list(conn.execute(sql, params).fetchall())


async def post(port: int, payload: dict[str, Any]) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"http://127.0.0.1:{port}/webhook/{INSTANCE}",
            data=json.dumps(payload).encode(),
            headers={"X-Reactiond-Secret": SECRET},
        ) as resp,
    ):
        assert resp.status == 200, await resp.text()


def conversation(fake: FakeEvolution) -> list[dict[str, Any]]:
    """REACTIONS reactions, each to its own message that Evolution has but reactiond has
    not seen: each job asks Evolution for its message (findMessages), which the test makes
    slow, so that jobs are caught running."""
    reactions = []
    for i in range(REACTIONS):
        message = text_message(
            ES_MESSAGE, f"PGMSG{i:04d}", f"Pagar luz CFE ${100 + i} vence 15 enero"
        )
        fake.keep_message(message)
        reactions.append(reaction(message, "✅", f"PGREACT{i:04d}", sent_ms=1736871060000 + i))
    return reactions


class RoleProcess(DaemonProcess):
    """`reactiond run --role ROLE`; a worker serves no port, so READY=1 is all it says."""

    def __init__(self, data_dir: Path, role: str, **env: str) -> None:
        super().__init__(data_dir, SECRET, **env)
        self.role = role

    def start(self, timeout: float = 60.0) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "reactiond", "run", "--role", self.role],
                cwd=REPO,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        ready = self.notify.wait_for("READY=1", timeout)
        for line in ready.splitlines():
            if line.startswith("STATUS=listening on "):
                self.port = int(line.rsplit(":", 1)[1])


@pytest.mark.slow
async def test_a_web_process_takes_the_webhook_and_a_worker_process_does_the_rest(
    tmp_path: Path, pg_url: str, fake: FakeEvolution
) -> None:
    env = {
        "REACTIOND_DATABASE_URL": pg_url,
        "REACTIOND_EVOLUTION_URL": fake.url,
        "REACTIOND_EVOLUTION_API_KEY": fake.api_key,
    }
    web = RoleProcess(tmp_path / "web", "web", **env)
    worker = RoleProcess(tmp_path / "worker", "worker", **env)
    try:
        web.start()
        worker.start()
        assert web.port and not worker.port  # the worker listens nowhere
        message = text_message(ES_MESSAGE, "ROLEMSG", "Pagar luz CFE $321 vence 15 enero")
        await post(web.port, message)
        await post(web.port, reaction(message, "✅", "ROLEREACT", sent_ms=1736871060000))
        sent = await fake.wait_for_sends(1, within=60)
        assert "321" in str(sent[0].body["text"])
        assert rows(pg_url, "SELECT message_id FROM tasks") == [("ROLEMSG",)]
        owners = rows(pg_url, "SELECT worker FROM job_attempts")
        assert worker.proc is not None and owners
        assert all(f":{worker.proc.pid}/" in w for (w,) in owners)
        assert web.terminate() == 0 and worker.terminate() == 0
    finally:
        web.stop_quietly()
        worker.stop_quietly()


@pytest.mark.slow
async def test_a_worker_killed_mid_job_loses_nothing_and_doubles_nothing(
    processes: list[DaemonProcess], fake: FakeEvolution, pg_url: str
) -> None:
    a, b = processes
    reactions = conversation(fake)
    a.start()
    b.start()
    fake.slow(3.0)  # every Evolution call: a job waits on findMessages
    for i, r in enumerate(reactions):  # the load balancer sends them to either process
        await post((a if i % 2 == 0 else b).port, r)

    assert a.proc is not None
    mine = f"%:{a.proc.pid}/%"

    async def a_is_mid_job() -> bool:
        running = rows(
            pg_url, "SELECT id FROM jobs WHERE status = 'running' AND lease_owner LIKE %s", (mine,)
        )
        return bool(running)

    await eventually(a_is_mid_job, what="process a running a job", step=0.01)
    a.kill()
    fake.healthy()

    async def all_replied() -> bool:
        done = rows(pg_url, "SELECT COUNT(*) FROM jobs WHERE status = 'done'")[0][0]
        sent = rows(pg_url, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'")[0][0]
        return done == REACTIONS and sent == REACTIONS

    await eventually(all_replied, what="every job done and every reply sent by b", within=90)

    tasks = rows(pg_url, "SELECT message_id FROM tasks ORDER BY message_id")
    assert [t[0] for t in tasks] == [f"PGMSG{i:04d}" for i in range(REACTIONS)]  # once each
    taken_over = rows(
        pg_url,
        "SELECT COUNT(*) FROM job_attempts WHERE outcome = 'lease-expired' AND worker LIKE %s",
        (mine,),
    )[0][0]
    assert taken_over >= 1, rows(pg_url, "SELECT * FROM job_attempts ORDER BY job_id, attempt")
    confirmations = [r for r in fake.sends if r.path.startswith("/message/sendText/")]
    texts = [str(r.body["text"]) for r in confirmations]
    assert len(texts) == REACTIONS, texts  # each reply sent once: one per amount
    for i in range(REACTIONS):
        assert sum(str(100 + i) in t for t in texts) == 1, texts
    assert b.terminate() == 0


@pytest.mark.slow
async def test_a_worker_paused_past_its_lease_cannot_commit_late(
    processes: list[DaemonProcess], fake: FakeEvolution, pg_url: str
) -> None:
    """SIGSTOP stands for a frozen VM or a network cut: the process keeps its database
    session but not its leases. Resumed, its commit of the job it lost is refused."""
    a, b = processes
    reactions = conversation(fake)
    a.start()
    b.start()
    fake.slow(3.0)
    for i, r in enumerate(reactions):
        await post((a if i % 2 == 0 else b).port, r)
    assert a.proc is not None
    mine = f"%:{a.proc.pid}/%"

    async def a_is_mid_job() -> list[tuple[Any, ...]]:
        return rows(
            pg_url, "SELECT id FROM jobs WHERE status = 'running' AND lease_owner LIKE %s", (mine,)
        )

    [(job_id,), *_] = await eventually(a_is_mid_job, what="process a running a job", step=0.01)
    a.proc.send_signal(signal.SIGSTOP)
    try:

        async def taken_over() -> bool:
            done = rows(pg_url, "SELECT status, lease_owner FROM jobs WHERE id = %s", (job_id,))
            return done[0][0] == "done"

        await eventually(taken_over, what="b finishing the job a froze in", within=90)
    finally:
        a.proc.send_signal(signal.SIGCONT)
    fake.healthy()

    async def all_replied() -> bool:
        done = rows(pg_url, "SELECT COUNT(*) FROM jobs WHERE status = 'done'")[0][0]
        sent = rows(pg_url, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'")[0][0]
        return done == REACTIONS and sent == REACTIONS

    await eventually(all_replied, what="every job done and every reply sent", within=90)
    tasks = rows(pg_url, "SELECT message_id FROM tasks ORDER BY message_id")
    assert [t[0] for t in tasks] == [f"PGMSG{i:04d}" for i in range(REACTIONS)]  # none doubled
    attempts = rows(
        pg_url,
        "SELECT worker, outcome FROM job_attempts WHERE job_id = %s ORDER BY attempt",
        (job_id,),
    )
    done_by = [w for w, outcome in attempts if outcome == "done"]
    assert len(done_by) == 1 and str(a.proc.pid) not in done_by[0], attempts
    assert any(str(a.proc.pid) in w and o == "lease-expired" for w, o in attempts), attempts
    texts = [str(r.body["text"]) for r in fake.sends if r.path.startswith("/message/sendText/")]
    assert len(texts) == REACTIONS, texts
    assert a.terminate() == 0 and b.terminate() == 0


@pytest.mark.slow
async def test_the_outbox_sender_killed_mid_send_does_not_send_twice(
    tmp_path: Path, pg_url: str, fake: FakeEvolution
) -> None:
    """Issue 18, item 3: the process holding the outbox is SIGKILLed while Evolution is
    sending a reply (the request arrived; the answer and the `sent` commit never will).
    The row was claimed (`sending`, "maybe sent at …") before the request left, so the
    process taking the outbox over asks Evolution (findMessages) and finds it: one reply.
    Before the claim, the other process sent the pending row again: two replies."""
    env = {
        "REACTIOND_DATABASE_URL": pg_url,
        "REACTIOND_EVOLUTION_URL": fake.url,
        "REACTIOND_EVOLUTION_API_KEY": fake.api_key,
        "REACTIOND_TASK_LEASE_SECONDS": "2",
        # A send that may be out is looked up 2 s after it started (twice this).
        "REACTIOND_EVOLUTION_SEND_TIMEOUT_SECONDS": "1",
    }
    a = DaemonProcess(tmp_path / "a", SECRET, **env)
    b = DaemonProcess(tmp_path / "b", SECRET, **env)
    try:
        a.start()
        assert a.proc is not None
        holder = f"%:{a.proc.pid}:%"

        async def a_holds_the_outbox() -> bool:
            return bool(
                rows(
                    pg_url,
                    "SELECT 1 FROM task_leases WHERE task = 'outbox' AND holder LIKE %s",
                    (holder,),
                )
            )

        await eventually(a_holds_the_outbox, what="process a holding the outbox")
        b.start()
        fake.slow_sends(0.8)  # Evolution sends (and saves) it 0.8 s after the request
        message = text_message(ES_MESSAGE, "KILLMSG", "Pagar luz CFE $777 vence 15 enero")
        await post(a.port, message)
        await post(a.port, reaction(message, "✅", "KILLREACT", sent_ms=1736871060000))

        def send_requests() -> list[Any]:
            return [r for r in fake.requests if r.path.startswith("/message/sendText/")]

        async def send_arrived() -> bool:
            return bool(send_requests())

        await eventually(send_arrived, what="the reply's request at Evolution", step=0.005)
        a.kill()  # mid-send: Evolution has not answered yet
        killed_at = len(fake.requests)

        async def settled() -> bool:
            return rows(pg_url, "SELECT status FROM outbox") == [("sent",)]

        await eventually(settled, what="the reply settled by process b", within=60)
        assert len(send_requests()) == 1, [r.body for r in send_requests()]
        lookups = [r for r in fake.requests[killed_at:] if r.path.startswith("/chat/findMessages/")]
        assert lookups  # b asked Evolution instead of sending
        assert b.terminate() == 0
    finally:
        a.stop_quietly()
        b.stop_quietly()
