"""PostgreSQL going away under a running daemon: webhooks are refused (503, so that
Evolution delivers them again) while it is down, never acknowledged unstored, and the
daemon reconnects by itself when it is back."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import aiohttp
from structlog.testing import capture_logs

from reactiond.store.interface import StoreUnavailable
from reactiond.store.postgres.store import PgStore
from tests import store_reads
from tests.e2e.daemon import SECRET, base_url, running_daemon
from tests.e2e.records.conftest import ES_MESSAGE, reaction, text_message
from tests.fake_evolution import FakeEvolution
from tests.fixtures import INSTANCE, fixture, with_ids
from tests.postgres import PgCluster
from tests.waiting import eventually


async def post(http: aiohttp.ClientSession, url: str, payload: dict[str, Any]) -> int:
    async with http.post(
        f"{url}/webhook/{INSTANCE}",
        data=json.dumps(payload).encode(),
        headers={"X-Reactiond-Secret": SECRET},
    ) as resp:
        return resp.status


async def test_webhooks_are_refused_while_postgres_is_down_and_taken_after(
    tmp_path: Path, pg_url: str, pg_cluster: PgCluster
) -> None:
    message = fixture("messages.upsert.text-conversation.es")
    acked: list[str] = []
    async with (
        running_daemon(tmp_path, database_url=pg_url) as daemon,
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http,
    ):
        url = base_url(daemon)
        assert await post(http, url, with_ids(message, "before")) == 200
        acked.append("before")
        pg_cluster.stop()
        try:
            assert await post(http, url, with_ids(message, "down")) == 503
        finally:
            pg_cluster.start()

        async def taken() -> bool:
            return await post(http, url, with_ids(message, "after")) == 200

        await eventually(taken, what="a webhook taken once PostgreSQL is back")
        acked.append("after")

        async def stored(suffix: str) -> bool:
            key = str(with_ids(message, suffix)["data"]["key"]["id"])
            return await store_reads.message(daemon.store, INSTANCE, key) is not None

        assert [await stored(k) for k in acked] == [True] * len(acked)
        assert not await stored("down")


async def test_a_page_and_the_api_say_503_while_postgres_is_down(
    tmp_path: Path, pg_url: str, pg_cluster: PgCluster
) -> None:
    """Not a 500: a page answers HTML saying what to check, the API its JSON."""
    async with (
        running_daemon(tmp_path, database_url=pg_url) as daemon,
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http,
    ):
        url = base_url(daemon)
        pg_cluster.stop()
        try:  # at once: each waits out the pool's connection timeout

            async def get(path: str) -> tuple[int, str, str]:
                async with http.get(url + path) as r:
                    return r.status, r.content_type, await r.text()

            page, api = await asyncio.gather(get("/queue"), get("/api/rules"))
        finally:
            pg_cluster.start()
    assert page[:2] == (503, "text/html") and "REACTIOND_DATABASE_URL" in page[2]
    assert api[:2] == (503, "application/json")
    assert "REACTIOND_DATABASE_URL" in json.loads(api[2])["hint"]


async def test_while_postgres_refuses_connections_requests_do_not_wait_out_the_pool(
    tmp_path: Path, pg_url: str, pg_cluster: PgCluster
) -> None:
    """The first request after the server went away waits the pool's timeout and learns
    that its connections are refused; the next ones say so at once (the store is marked
    down), until a transaction has a connection again."""
    message = fixture("messages.upsert.text-conversation.es")
    async with (
        running_daemon(tmp_path, database_url=pg_url) as daemon,
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http,
    ):
        url = base_url(daemon)
        store = daemon.store
        assert isinstance(store, PgStore)
        pg_cluster.stop()
        try:
            assert await post(http, url, with_ids(message, "first")) == 503
            assert store.server_down
            async with http.get(url + "/api/rules") as r:
                said = await r.json()
            assert r.status == 503 and "does not accept connections" in said["error"]
            assert store.server_down
        finally:
            pg_cluster.start()

        async def taken() -> bool:
            return await post(http, url, with_ids(message, "after")) == 200

        await eventually(taken, what="a webhook taken once PostgreSQL is back")
        assert not store.server_down


async def test_a_job_cut_by_an_outage_runs_as_soon_as_postgres_is_back_not_a_lease_later(
    tmp_path: Path, pg_url: str, pg_cluster: PgCluster
) -> None:
    """The reaction's job is waiting on Evolution (its message unseen, asked for at once)
    when the server goes away; what it then writes fails. Once the server is back the job
    is recorded or queued again within seconds, not when its minute-long lease runs out."""
    fake = FakeEvolution()
    await fake.start()
    message = text_message(ES_MESSAGE, "OUTAGEMSG", "Pagar luz CFE $432 vence 15 enero")
    fake.keep_message(message)
    fake.slow(1.5)  # every Evolution call: the job is caught waiting on findMessages
    try:
        async with (
            running_daemon(
                tmp_path,
                database_url=pg_url,
                evolution_url=fake.url,
                evolution_api_key=fake.api_key,
                unseen_message_retries=0,
                job_lease_seconds=60,
            ) as daemon,
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http,
        ):
            with capture_logs() as logs:
                react = reaction(message, "✅", "OUTAGEREACT", sent_ms=1736871060000)
                assert await post(http, base_url(daemon), react) == 200

                async def asking_evolution() -> bool:
                    return any("findMessages" in r.path for r in fake.requests)

                await eventually(asking_evolution, what="the job asking Evolution")
                await asyncio.to_thread(pg_cluster.stop)
                try:

                    async def cut() -> bool:
                        return any(e["event"] == "job_not_finished" for e in logs)

                    await eventually(cut, what="the job failing to write with the server down")
                finally:
                    await asyncio.to_thread(pg_cluster.start)
                fake.healthy()

                async def recorded() -> bool:
                    try:
                        return bool(await store_reads.records(daemon.store, "tasks"))
                    except StoreUnavailable:
                        return False  # the pool not connected again yet

                # A deadline well inside the job's 60 s lease: the lease is not what
                # brings it back.
                await eventually(recorded, what="the task, once PostgreSQL is back", within=30)
            [task] = await store_reads.records(daemon.store, "tasks")
            assert task["message_id"] == "OUTAGEMSG"
            assert any(e["event"] == "job_recorded_after_the_store_came_back" for e in logs)
    finally:
        await fake.stop()
