"""`/api/queue` through the real server: listing by status, one job with its attempts,
retrying a dead job, and the errors."""

from __future__ import annotations

from apisupport import NOW, Api

from reactiond.domain import NewJob
from tests.store_writes import dead_job


async def _dead_job(api: Api) -> int:
    return await dead_job(api.daemon.store, NewJob("export-test", {"n": 1}), "boom", NOW)


async def test_queue_lists_jobs_by_status_with_stats(api: Api) -> None:
    dead = await _dead_job(api)
    await api.daemon.store.enqueue(NewJob("export-test", {"n": 2}), NOW)
    status, body = await api.get("/api/queue", params={"status": "dead"})
    assert status == 200
    assert [j["id"] for j in body["jobs"]] == [dead]
    assert body["stats"]["by_status"]["dead"] == 1
    assert body["stats"]["by_status"]["queued"] == 1


async def test_queue_job_shows_attempts_and_last_error(api: Api) -> None:
    dead = await _dead_job(api)
    status, job = await api.get(f"/api/queue/{dead}")
    assert status == 200
    assert job["last_error"] == "boom"
    assert job["attempt_log"] == [
        {
            "attempt": 1,
            "started_at": "2026-01-09T23:06:40+00:00",
            "finished_at": "2026-01-09T23:06:40+00:00",
            "outcome": "dead",
            "error": "boom",
        }
    ]


async def test_retry_dead_job_queues_it_again(api: Api) -> None:
    dead = await _dead_job(api)
    status, job = await api.post(f"/api/queue/{dead}/retry")
    assert status == 200
    assert job["status"] == "queued"
    assert job["attempts"] == 0


async def test_retry_queued_job_is_409(api: Api) -> None:
    job_id = await api.daemon.store.enqueue(NewJob("export-test", {}), NOW)
    status, body = await api.post(f"/api/queue/{job_id}/retry")
    assert status == 409
    assert "not dead" in body["error"]


async def test_unknown_job_is_404(api: Api) -> None:
    assert (await api.get("/api/queue/4242"))[0] == 404
    assert (await api.post("/api/queue/4242/retry"))[0] == 404


async def test_unknown_job_status_filter_is_400(api: Api) -> None:
    status, body = await api.get("/api/queue", params={"status": "stuck"})
    assert status == 400
    assert "queued, running, done, dead, cancelled" in body["hint"]
