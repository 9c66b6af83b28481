"""`/api/health` and `/metrics` through the real server."""

from __future__ import annotations

import asyncio
import functools
import time
from pathlib import Path
from typing import Any

from aiohttp import web
from apisupport import NOW, Api, fixture_payload, start_api
from prometheus_client.parser import text_string_to_metric_families

from reactiond.domain import Job, NewJob
from reactiond.part import Part
from reactiond.store import records_repo
from reactiond.store.interface import Store, Transaction
from reactiond.store.sqlite.store import SqliteStore
from reactiond.web.health import DatabaseProbe, HealthLimits, check_database
from tests.store_writes import reply, reply_dead, reply_sent
from tests.waiting import PATIENCE, eventually

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def _samples(text: str) -> Samples:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


async def _scrape(api: Api) -> Samples:
    async with api.http.get(api.url + "/metrics") as r:
        assert r.status == 200
        assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        return _samples(await r.text())


async def test_health_is_200_on_a_fresh_instance(api: Api) -> None:
    status, body = await api.get("/api/health")
    assert status == 200
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert set(body["checks"]) == {
        "database",
        "evolution",
        "queue",
        "outbox",
        "dead_jobs",
        "webhook",
        "ocr",  # bills from pictures: a warning, never a failure, where Tesseract is missing
    }
    assert set(body["warnings"]) - {"ocr"} == {"evolution"}
    evolution = body["checks"]["evolution"]
    assert (evolution["ok"], evolution["configured"]) == (True, False)
    assert evolution["warning"] == "Evolution is not configured: replies are not sent"


async def test_health_reports_last_webhook_received(api: Api) -> None:
    async with api.http.post(
        api.url + "/webhook/reactiond-demo",
        data=fixture_payload("messages.upsert.text-conversation.es.json"),
        headers={
            "X-Reactiond-Secret": "webhook-secret-0123456789",
            "Content-Type": "application/json",
        },
    ) as r:
        assert r.status == 200
    _, body = await api.get("/api/health")
    assert body["checks"]["webhook"]["last_received_at"] is not None


async def test_health_is_503_naming_a_stalled_queue(tmp_path: Path) -> None:
    # The clock runs an hour past the job's due time; no handler claims "stalled" jobs.
    async for api in start_api(tmp_path, clock=lambda: NOW + 3600):
        await api.daemon.store.enqueue(NewJob("stalled", {}, run_at=NOW), NOW)
        status, body = await api.get("/api/health")
        assert status == 503
        assert body["failing"] == ["queue"]
        queue = body["checks"]["queue"]
        assert queue["oldest_pending_age_s"] == 3600.0
        assert queue["depth"] == 1
        assert "reactiond queue list" in queue["hint"]


async def test_health_counts_outbox_backlog_and_dead_jobs(api: Api) -> None:
    await api.daemon.store.write(lambda tx: reply(tx, "a", queued_at=NOW - 10, due_at=NOW))
    _, body = await api.get("/api/health")
    assert body["checks"]["outbox"]["backlog"] == 1
    assert body["checks"]["outbox"]["oldest_pending_age_s"] == 10.0
    assert body["checks"]["dead_jobs"]["count"] == 0


async def _fake_evolution(status: int) -> tuple[web.AppRunner, str]:
    async def root(_: web.Request) -> web.Response:
        return web.json_response({"status": status, "message": "Welcome"}, status=status)

    app = web.Application()
    app.router.add_get("/", root)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, f"http://127.0.0.1:{port}"


async def test_health_checks_evolution_when_configured(tmp_path: Path) -> None:
    runner, url = await _fake_evolution(200)
    try:
        async for api in start_api(tmp_path, evolution_url=url):
            status, body = await api.get("/api/health")
            assert status == 200
            assert body["checks"]["evolution"] == {
                "ok": True,
                "configured": True,
                "instances": {},  # none known yet: only whether Evolution answers
                "status": 200,
            }
    finally:
        await runner.cleanup()


async def test_health_is_503_when_evolution_is_down(tmp_path: Path) -> None:
    runner, url = await _fake_evolution(200)
    await runner.cleanup()  # nothing listens there any more
    async for api in start_api(tmp_path, evolution_url=url):
        status, body = await api.get("/api/health")
        assert status == 503
        assert body["failing"] == ["evolution"]
        assert "REACTIOND_EVOLUTION_URL" in body["checks"]["evolution"]["hint"]


async def test_database_check_fails_when_the_store_cannot_write(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite")
    await store.open()
    await store.close()
    check = await check_database(store, tmp_path, NOW, HealthLimits(), DatabaseProbe())
    assert not check.ok
    assert check.detail == "the store is not open"


class _CountedWrites:
    """A real store whose writes are counted (the probe's only way to the database)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.writes = 0

    async def write(self, fn: Any) -> Any:
        self.writes += 1
        return await self.store.write(fn)


async def _counted_store(tmp_path: Path) -> tuple[SqliteStore, _CountedWrites]:
    store = SqliteStore(tmp_path / "db.sqlite")
    await store.open()
    return store, _CountedWrites(store)


async def test_health_calls_within_the_freshness_share_one_probe_write(tmp_path: Path) -> None:
    store, counted = await _counted_store(tmp_path)
    clock = [100.0]
    probe = DatabaseProbe(fresh_s=5.0, clock=lambda: clock[0])
    try:
        for _ in range(3):
            await probe.takes_writes(counted, NOW)  # type: ignore[arg-type]
        clock[0] += 4.9
        await probe.takes_writes(counted, NOW)  # type: ignore[arg-type]
        assert counted.writes == 1
        clock[0] += 0.2  # 5.1 s after the write
        await probe.takes_writes(counted, NOW)  # type: ignore[arg-type]
        assert counted.writes == 2
    finally:
        await store.close()


async def test_concurrent_health_calls_wait_for_the_one_probe_in_flight(tmp_path: Path) -> None:
    store, counted = await _counted_store(tmp_path)
    probe = DatabaseProbe()
    try:
        await asyncio.gather(*(probe.takes_writes(counted, NOW) for _ in range(5)))  # type: ignore[arg-type]
        assert counted.writes == 1
    finally:
        await store.close()


async def test_a_failed_probe_is_not_kept_the_next_call_writes_again(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite")
    probe = DatabaseProbe()
    closed = await check_database(store, tmp_path, NOW, HealthLimits(), probe)
    assert not closed.ok
    await store.open()
    try:
        reopened = await check_database(store, tmp_path, NOW, HealthLimits(), probe)
        assert reopened.ok
    finally:
        await store.close()


async def test_metrics_count_webhook_requests_by_event_and_status(api: Api) -> None:
    headers = {
        "X-Reactiond-Secret": "webhook-secret-0123456789",
        "Content-Type": "application/json",
    }
    payload = fixture_payload("messages.upsert.text-conversation.es.json")
    for _ in range(2):
        async with api.http.post(
            api.url + "/webhook/reactiond-demo", data=payload, headers=headers
        ) as r:
            assert r.status == 200
    async with api.http.post(api.url + "/webhook/reactiond-demo", data=payload) as r:
        assert r.status == 401
    samples = await _scrape(api)
    key = "reactiond_webhook_requests_total"
    assert samples[(key, (("event", "messages.upsert"), ("status", "200")))] == 2
    assert samples[(key, (("event", "unknown"), ("status", "401")))] == 1


async def test_metrics_read_queue_nlp_and_replies_from_the_store(api: Api) -> None:
    store = api.daemon.store
    await store.enqueue(NewJob("waiting", {}, run_at=NOW - 5), NOW - 5)

    def rows(tx: Transaction) -> None:
        for parser, lang, ok in [("bill", "es", True), ("bill", "es", True), ("bill", "es", False)]:
            records_repo.insert_nlp_log(tx, None, parser, lang, ok, 0.9, None, 300, NOW)
        for key, status in [("a", "sent"), ("b", "sent"), ("c", "dead")]:
            queued = reply(tx, key, queued_at=NOW)
            if status == "sent":
                reply_sent(tx, queued, NOW)
            else:
                reply_dead(tx, queued, "x", NOW)

    await store.write(rows)
    samples = await _scrape(api)
    assert samples[("reactiond_queue_depth", ())] == 1
    assert samples[("reactiond_queue_oldest_age_seconds", ())] == 5
    assert samples[("reactiond_jobs", (("status", "queued"),))] == 1
    nlp = "reactiond_nlp_results_total"
    assert samples[(nlp, (("language", "es"), ("outcome", "success"), ("parser", "bill")))] == 2
    assert samples[(nlp, (("language", "es"), ("outcome", "failure"), ("parser", "bill")))] == 1
    assert samples[("reactiond_replies_sent_total", ())] == 2
    assert samples[("reactiond_replies_failed_total", ())] == 1


async def _scrape_once_counted(
    api: Api, key: tuple[str, tuple[tuple[str, str], ...]]
) -> Samples | None:
    samples = await _scrape(api)
    return samples if samples.get(key) else None


async def test_metrics_observe_job_runs_and_latency(tmp_path: Path) -> None:
    done = asyncio.Event()

    async def handler(job: Job) -> None:
        done.set()

    probe = Part(name="probe", handlers={"probe": handler})
    async for api in start_api(tmp_path, extra=[probe], clock=time.time):
        await api.daemon.store.enqueue(NewJob("probe", {}), time.time())
        await asyncio.wait_for(done.wait(), PATIENCE)
        run_key = ("reactiond_job_runs_total", (("kind", "probe"), ("outcome", "done")))

        # The completion commits, then the worker counts the run. A scrape reads the store
        # (jobs by status) before it renders the live counters, so the scrape that first
        # shows the run may hold a store reading from just before the commit: scrape again.
        await eventually(
            functools.partial(_scrape_once_counted, api, run_key),
            what="the probe job's run counted",
        )
        samples = await _scrape(api)
        assert samples[run_key] == 1
        assert samples[("reactiond_job_latency_seconds_count", (("kind", "probe"),))] == 1
        assert samples[("reactiond_jobs", (("status", "done"),))] == 1


async def test_two_daemons_do_not_share_counters(tmp_path: Path) -> None:
    async for first in start_api(tmp_path / "a"):
        async with first.http.post(first.url + "/webhook/x", data=b"{}") as r:
            assert r.status == 401
        async for second in start_api(tmp_path / "b"):
            samples = await _scrape(second)
            assert not [k for k in samples if k[0] == "reactiond_webhook_requests_total"]


async def test_made_up_event_names_in_refused_requests_do_not_become_labels(api: Api) -> None:
    for i in range(3):
        async with api.http.post(f"{api.url}/webhook/x/made-up-{i}", data=b"{}") as r:
            assert r.status == 401
    samples = await _scrape(api)
    events = {
        dict(labels)["event"]
        for name, labels in samples
        if name == "reactiond_webhook_requests_total"
    }
    assert events == {"unknown"}
