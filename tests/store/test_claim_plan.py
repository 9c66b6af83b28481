"""Claiming a job costs the same however many jobs wait: the claim's queries use the
ready-jobs index and never sort or scan the queue (issue 17: 46.6 ms per claim at 1M)."""

# Raw SQL here: the queue claim's query plan.
from __future__ import annotations

from pathlib import Path

import apsw
import pytest

from reactiond.domain import NewJob
from reactiond.store.queries import query
from reactiond.store.sqlite.connection import migrate, open_connection
from reactiond.store.sqlite.store import SqliteStore

NOW = 1_800_000_000.0
DAY = 86400.0


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> apsw.Connection:
    c = open_connection(Path(tmp_path_factory.mktemp("claim")) / "db")
    migrate(c)
    return c


def plan(conn: apsw.Connection, name: str) -> list[str]:
    sql = query("queue", name)
    params = {k: 1 for k in ("priority", "now") if f":{k}" in sql}
    return [str(r["detail"]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]


@pytest.mark.parametrize("name", ["queued_priorities", "first_due_job_of_priority"])
def test_claim_queries_search_the_ready_jobs_index_without_scan_or_sort(
    conn: apsw.Connection, name: str
) -> None:
    steps = plan(conn, name)
    jobs_steps = [s for s in steps if " jobs " in f" {s} "]
    assert jobs_steps and all("USING" in s and "jobs_ready" in s for s in jobs_steps), steps
    assert not [s for s in steps if "TEMP B-TREE" in s], steps
    assert not [s for s in steps if s.startswith("SCAN jobs")], steps


async def test_a_due_job_is_claimed_past_many_future_jobs_of_higher_priority(
    store: SqliteStore,
) -> None:
    for n in range(300):  # reminders for the weeks ahead, at a higher priority
        await store.enqueue(NewJob("reminder", {"n": n}, priority=5, run_at=NOW + DAY + n), NOW)
    due = await store.enqueue(NewJob("reaction", {}, priority=0), NOW)
    job = await store.claim_next_job(["reaction", "reminder"], "w", 60, NOW)
    assert job is not None and job.id == due


async def test_among_due_jobs_priority_then_due_time_then_age_decides(store: SqliteStore) -> None:
    late_low = await store.enqueue(NewJob("reaction", {"n": 1}, priority=0, run_at=NOW - 50), NOW)
    high_new = await store.enqueue(NewJob("reaction", {"n": 2}, priority=3, run_at=NOW - 1), NOW)
    high_old = await store.enqueue(NewJob("reaction", {"n": 3}, priority=3, run_at=NOW - 9), NOW)
    order = []
    for _ in range(3):
        job = await store.claim_next_job(["reaction"], "w", 60, NOW)
        assert job is not None
        order.append(job.id)
    assert order == [high_old, high_new, late_low]


async def test_a_kind_this_worker_does_not_handle_does_not_hide_one_it_does(
    store: SqliteStore,
) -> None:
    await store.enqueue(NewJob("calendar-push", {}, priority=9), NOW)
    mine = await store.enqueue(NewJob("reaction", {}, priority=9), NOW)
    job = await store.claim_next_job(["reaction"], "w", 60, NOW)
    assert job is not None and job.id == mine


def test_the_worker_timer_walks_the_queued_run_at_index(conn: apsw.Connection) -> None:
    """Issue 18's bench: with a million reminders queued, `next_job_due` read every queued
    job of the worker's kinds (240 ms); it walks jobs_queued_run_at in order now."""
    sql = query("queue", "next_queued_run_at")
    steps = [
        str(r["detail"])
        for r in conn.execute("EXPLAIN QUERY PLAN " + sql, {"kinds": '["reaction"]'})
    ]
    jobs_steps = [s for s in steps if " jobs " in f" {s} "]
    assert jobs_steps and all("jobs_queued_run_at" in s for s in jobs_steps), steps
    assert not [s for s in steps if "TEMP B-TREE" in s], steps
