"""Issue 18, item 5: PostgreSQL restarted under a steady load of reactions, with one web
process and two worker processes on it. While it is down the webhook answers 503, never
200 for something it did not store, and Evolution delivers those again (here: the load
posts them again). The processes reconnect by themselves, and every reaction makes its
record once and its reply leaves once: counted in the database and at Evolution."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from reactiond.store.postgres.store import PgStore
from tests import store_reads
from tests.e2e.records.conftest import ES_MESSAGE, reaction, text_message
from tests.fake_evolution import FakeEvolution
from tests.fixtures import INSTANCE
from tests.pg.test_two_processes import SECRET, RoleProcess
from tests.postgres import PgCluster
from tests.waiting import eventually

REACTIONS = 30
PACE = 0.02  # the load's own rate between deliveries (about 25 webhooks a second)


@pytest.fixture
async def fake() -> AsyncIterator[FakeEvolution]:
    server = FakeEvolution()
    await server.start()
    yield server
    await server.stop()


class Load:
    """Reaction after reaction, each message then its reaction, delivered as Evolution
    does: again after a refusal, until it is acknowledged."""

    def __init__(self, http: aiohttp.ClientSession, port: int) -> None:
        self.http = http
        self.url = f"http://127.0.0.1:{port}/webhook/{INSTANCE}"
        self.answers: list[int] = []

    async def deliver(self, payload: dict[str, Any]) -> None:
        while True:
            async with self.http.post(
                self.url, data=json.dumps(payload).encode(), headers={"X-Reactiond-Secret": SECRET}
            ) as resp:
                self.answers.append(resp.status)
                if resp.status == 200:
                    return
                assert resp.status == 503, await resp.text()
            await asyncio.sleep(PACE)

    async def run(self) -> None:
        for i in range(REACTIONS):
            message = text_message(
                ES_MESSAGE, f"RSTMSG{i:04d}", f"Pagar luz CFE ${500 + i} vence 15 enero"
            )
            await self.deliver(message)
            await self.deliver(
                reaction(message, "✅", f"RSTREACT{i:04d}", sent_ms=1736871060000 + i)
            )
            await asyncio.sleep(PACE)


@pytest.mark.slow
async def test_postgres_restarted_under_load_loses_nothing_and_doubles_nothing(
    tmp_path: Path, pg_url: str, pg_cluster: PgCluster, fake: FakeEvolution
) -> None:
    env = {
        "REACTIOND_DATABASE_URL": pg_url,
        "REACTIOND_EVOLUTION_URL": fake.url,
        "REACTIOND_EVOLUTION_API_KEY": fake.api_key,
        "REACTIOND_TASK_LEASE_SECONDS": "2",
        # What the outage cut with its commit answered or not comes back in seconds here,
        # not the minutes of the defaults: a job claimed with a completion whose answer
        # was lost, when its lease runs out; a reply whose claim was, when it is looked
        # up at Evolution, twice the send timeout after it.
        "REACTIOND_JOB_LEASE_SECONDS": "4",
        "REACTIOND_EVOLUTION_SEND_TIMEOUT_SECONDS": "1",
    }
    web = RoleProcess(tmp_path / "web", "web", **env)
    workers = [RoleProcess(tmp_path / f"worker{k}", "worker", **env) for k in (1, 2)]
    started = [web, *workers]
    try:
        for p in started:
            p.start()
        assert web.port
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http:
            load = Load(http, web.port)
            running = asyncio.create_task(load.run())

            async def under_way() -> bool:
                return load.answers.count(200) >= REACTIONS // 2 or running.done()

            await eventually(under_way, what="half of the load acknowledged")
            await asyncio.to_thread(pg_cluster.stop)  # fast: every session cut mid-work
            try:

                async def refused() -> bool:
                    return 503 in load.answers or running.done()

                await eventually(refused, what="a webhook refused while PostgreSQL is down")
            finally:
                await asyncio.to_thread(pg_cluster.start)
            await running

        assert set(load.answers) == {200, 503}, load.answers  # never 200 unstored, never 500

        store = PgStore(pg_url)  # counted from outside the three processes
        await store.open()
        try:

            async def all_replied() -> bool:
                replies = await store_reads.replies(store)
                return [r.status for r in replies] == ["sent"] * REACTIONS

            await eventually(all_replied, what="every reply sent after the restart", within=90)
            tasks = await store_reads.records(store, "tasks")
        finally:
            await store.close()
        assert sorted(t["message_id"] for t in tasks) == [
            f"RSTMSG{i:04d}" for i in range(REACTIONS)
        ]  # once each
        texts = [str(r.body["text"]) for r in fake.sends if r.path.startswith("/message/sendText/")]
        assert len(texts) == REACTIONS, texts
        for i in range(REACTIONS):
            assert sum(f"{500 + i}" in t for t in texts) == 1, texts  # each reply once
        for p in started:  # reconnected by themselves, and stop cleanly
            assert p.terminate() == 0, p.log.read_text()[-2000:]
    finally:
        for p in started:
            p.stop_quietly()
