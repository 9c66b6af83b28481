"""On PostgreSQL too, health's counts and `q=` cost the same at any size (issue 18, the
PostgreSQL side of tests/store/test_flat_cost_plans.py): the counts read the counters
kept by trigger (migration 012), never the jobs, outbox or parse log, and a text search
goes through pg_trgm's GIN indexes. Plans come from EXPLAIN on a table of 20,000 rows
with fresh statistics; the counters are checked against real counts, including after
the rows of ended sessions are folded."""

# Raw SQL here: PostgreSQL query plans (EXPLAIN) over bulk-loaded rows.
from __future__ import annotations

from typing import Any

import psycopg
import pytest

from reactiond.domain import NewJob
from reactiond.store import records_query
from reactiond.store.interface import Row
from reactiond.store.postgres.sql import to_postgres
from reactiond.store.postgres.store import PgStore
from reactiond.store.queries import query
from reactiond.store.records_query import RecordFilter, RecordOrder
from reactiond.store.snapshot import take_snapshot
from tests.waiting import eventually

NOW = 1_800_000_000.0
ROWS = 20_000


def _fill_tasks(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        with conn.transaction():
            conn.execute("SET LOCAL session_replication_role = replica")  # no FK checks
            conn.execute(
                "INSERT INTO people (id, display_jid, created_at) VALUES (1, '1@s.whatsapp.net', 0)"
            )
            conn.execute(
                "INSERT INTO tasks (action_id, title, tz, language, instance, chat_jid,"
                " message_id, reactor_id, emoji, created_at, updated_at, assignee, tags)"
                " SELECT 1, 'tarea número ' || g || ' de la lista', 'UTC', 'es', 'i', 'c',"
                " 'm' || g, 1, '✅', 0, 0, 'persona ' || (g %% 50), '[]'"
                " FROM generate_series(1, %s) g",
                (ROWS,),
            )
            conn.execute("UPDATE tasks SET title = 'Pagar el predial' WHERE id = %s", (ROWS // 2,))
        conn.execute("ANALYZE tasks")


class Explaining:
    """A transaction that explains each statement instead of running it."""

    def __init__(self, tx: Any) -> None:
        self.tx = tx
        self.dialect = "postgres"
        self.plans: list[str] = []

    def execute(self, sql: str, params: Any = ()) -> list[Row]:
        rows = self.tx.execute("EXPLAIN " + sql, params)
        self.plans.append("\n".join(str(r["QUERY PLAN"]) for r in rows))
        return []


@pytest.fixture
async def filled(pg_url: str) -> PgStore:
    _fill_tasks(pg_url)
    store = PgStore(pg_url)
    await store.open()
    return store


@pytest.mark.parametrize("text", ["predial", "Pagar el PREDIAL"])
async def test_a_text_search_uses_the_trigram_indexes(filled: PgStore, text: str) -> None:
    selection = RecordFilter(
        table="tasks",
        when_column="due_local",
        search_columns=("title", "assignee", "tags"),
        text=text,
    )
    try:
        rows = await filled.read(
            lambda tx: records_query.record_page(tx, selection, RecordOrder(limit=50))
        )
        assert [r["title"] for r in rows] == ["Pagar el predial"]

        def explain(tx: Any) -> list[str]:
            explaining = Explaining(tx)
            records_query.record_page(explaining, selection, RecordOrder(limit=50))  # type: ignore[arg-type]
            return explaining.plans

        [plan] = await filled.read(explain)
    finally:
        await filled.close()
    assert "Bitmap Index Scan on tasks_title_trgm" in plan, plan
    assert "Seq Scan on tasks" not in plan, plan


@pytest.mark.parametrize(
    "name", ["count_jobs_by_status", "count_replies_by_status", "count_parses"]
)
def test_health_counts_read_the_counters_not_the_tables(pg_url: str, name: str) -> None:
    with psycopg.connect(pg_url) as conn:
        sql = to_postgres(query("snapshot", name))
        plan = "\n".join(str(r[0]) for r in conn.execute("EXPLAIN " + sql).fetchall())
    for table in ("jobs", "outbox", "nlp_log"):
        assert f" on {table} " not in f"{plan} ", plan


async def test_counts_stay_exact_across_sessions_and_after_folding(pg_url: str) -> None:
    """Each server session keeps rows of its own; sessions that end are folded into one
    row without changing a sum."""
    first = PgStore(pg_url)
    await first.open()
    for n in range(5):
        await first.enqueue(NewJob("reaction", {"n": n}), NOW)
    job = await first.claim_next_job(["reaction"], "w1", 30.0, NOW)
    assert job is not None
    await first.complete_job(job, "w1", NOW)
    await first.close()  # its sessions end: their rows are now a dead backend's

    async def sessions_gone() -> bool:
        with psycopg.connect(pg_url) as conn:
            row = conn.execute(
                "SELECT COUNT(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()
        return row is not None and row[0] == 0

    await eventually(sessions_gone, what="the first store's server sessions ended")

    second = PgStore(pg_url)
    await second.open()  # starts folding in the background

    def backends() -> list[tuple[Any, ...]]:
        with psycopg.connect(pg_url) as conn:
            return conn.execute("SELECT DISTINCT backend FROM status_counts").fetchall()

    async def folded() -> bool:
        await second.write(lambda tx: tx.execute_one(query("snapshot", "fold_counters")))
        return backends() == [(0,)]

    try:
        before = await second.read(lambda tx: take_snapshot(tx, NOW))
        await eventually(folded, what="the ended sessions' rows folded into backend 0")
        snap = await second.read(lambda tx: take_snapshot(tx, NOW))
    finally:
        await second.close()
    assert before.jobs_by_status == snap.jobs_by_status
    assert snap.jobs_by_status == {"queued": 4, "running": 0, "done": 1, "dead": 0, "cancelled": 0}
    with psycopg.connect(pg_url) as conn:
        truth = dict(conn.execute("SELECT status, COUNT(*) FROM jobs GROUP BY status").fetchall())
    assert {k: v for k, v in snap.jobs_by_status.items() if v} == truth


async def test_a_claim_skips_the_waiting_jobs_of_a_higher_priority(pg_url: str) -> None:
    """Issue 18's bench: with a million reminders (priority 10, due tomorrow) queued, the
    claim ordered every queued job by priority and walked the reminders (224 ms). It asks
    one priority at a time: each an index range bounded by `run_at <= now`."""
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO jobs (kind, dedupe_key, payload, priority, status, attempts,"
            " max_attempts, run_at, created_at, updated_at) SELECT 'reminder', 'r' || g,"
            " '{}', 10, 'queued', 0, 8, %s, 0, 0 FROM generate_series(1, %s) g",
            (NOW + 86400, ROWS),
        )
        conn.execute("ANALYZE jobs")
        sql = to_postgres(query("queue", "claim_due_job_of_priority"))
        params = {"priority": 10, "now": NOW, "kinds": ["reaction"], "worker": "w", "until": 1}
        plan = "\n".join(str(r[0]) for r in conn.execute("EXPLAIN " + sql, params).fetchall())
    # jobs_ready or jobs_queued_run_at: either way a range that ends at what is due now
    assert "Seq Scan" not in plan and "Index Scan using jobs_" in plan, plan
    assert "run_at <=" in plan.split("Index Cond:", 1)[1].splitlines()[0], plan
    store = PgStore(pg_url)
    await store.open()
    try:
        due = await store.enqueue(NewJob("reaction", {}), NOW)
        job = await store.claim_next_job(["reaction", "reminder"], "w", 60, NOW)
    finally:
        await store.close()
    assert job is not None and job.id == due


@pytest.mark.parametrize("analyzed", [False, True], ids=["no statistics", "analyzed"])
async def test_the_worker_timer_reads_one_queued_job_whatever_the_statistics(
    pg_url: str, analyzed: bool
) -> None:
    """The worker's timer read (next_job_or_lease_due) rides with every job's completion.
    Without statistics (a new database, a burst, a copy) the planner read every queued job
    of the kinds through jobs_status_kind; it walks jobs_queued_run_at to the first."""
    kinds = ["reaction", "reminder", "digest"]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO jobs (kind, dedupe_key, payload, priority, status, attempts,"
            " max_attempts, run_at, created_at, updated_at) SELECT 'reaction', 'q' || g,"
            " '{}', 100, 'queued', 0, 8, %s + g, 0, 0 FROM generate_series(1, %s) g",
            (NOW, ROWS // 4),
        )
        if analyzed:
            conn.execute("ANALYZE jobs")
        sql = to_postgres(query("queue", "next_job_or_lease_due"))
        explain = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
        plan = [str(r[0]) for r in conn.execute(explain + sql, {"kinds": kinds}).fetchall()]
        [due] = conn.execute(sql, {"kinds": kinds}).fetchone() or [None]
    walked = [line for line in plan if "jobs_queued_run_at" in line]
    assert walked and "actual rows=1 " in walked[0], "\n".join(plan)
    assert due == NOW + 1
