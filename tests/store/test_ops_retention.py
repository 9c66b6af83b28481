"""Retention: old raw payloads, finished jobs, logs and unused rows go; the rest stays;
the database stays bounded under a steady load (simulated days, injected clock)."""

# Raw SQL here: what retention deletes and blanks (raw payloads, attempts, logs) and the file's
# page count, under a load simulated row by row to stay fast.
from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path
from typing import Any

from reactiond.domain import NewJob
from reactiond.ops.retention import DAY, EventLogPruner, Policy, RetentionService, prune
from reactiond.settings import Settings
from reactiond.store.interface import Transaction
from reactiond.store.reaction_reads import late_job_key
from reactiond.store.sqlite.store import SqliteStore
from tests.e2e.ops.support import (
    message_payload,
    open_store,
    reaction_payload,
    translated,
)
from tests.waiting import eventually

T0 = 1_750_000_000.0


async def ingest_day(store: SqliteStore, day: int, n: int, acted_every: int = 0) -> None:
    """n messages, a reaction to each, the reaction jobs done, logs; every
    `acted_every`-th reaction produced an action (a record was made from it)."""
    now = T0 + day * DAY
    items = []
    for k in range(n):
        i = day * 10_000 + k
        msg = message_payload(i)
        reaction = reaction_payload(i)
        reaction["data"]["message"]["reactionMessage"]["key"]["id"] = msg["data"]["key"]["id"]
        items += [translated(msg), translated(reaction)]
    await asyncio.gather(*(store.ingest(t.instance, t.event, t.events, now) for t in items))

    def worker_and_logs(tx: Transaction) -> None:
        tx.execute(
            "UPDATE jobs SET status = 'done', finished_at = ? WHERE status = 'queued'", (now,)
        )
        for r in tx.execute("SELECT * FROM reactions WHERE received_at = ?", (now,)):
            tx.execute(
                "INSERT INTO event_log (type, data, created_at) VALUES ('record.created', ?, ?)",
                (json.dumps({"reaction": r["id"]}), now),
            )
            tx.execute(
                "INSERT INTO nlp_log (parser, language, success, confidence, micros, created_at)"
                " VALUES ('task', 'es', 1, 0.9, 100, ?)",
                (now,),
            )
            if acted_every and r["id"] % acted_every == 0:
                tx.execute(
                    "INSERT INTO actions (rule_id, rule_name, action, instance, chat_jid,"
                    " message_id, reactor_id, reaction_row_id, emoji, outcome, created_at)"
                    " VALUES (NULL, 'tasks', 'create_task', :i, :c, :m, :p, :r, :e,"
                    " 'created', :now)",
                    {
                        "i": r["instance"],
                        "c": r["chat_jid"],
                        "m": r["target_message_id"],
                        "p": r["reactor_id"],
                        "r": r["id"],
                        "e": r["emoji"],
                        "now": now,
                    },
                )

    await store.write(worker_and_logs)


async def scalar(store: SqliteStore, sql: str) -> Any:
    row = await store.read(lambda tx: tx.execute_one(sql))
    assert row is not None
    return next(iter(row.values()))


async def test_raw_payloads_older_than_the_age_are_blanked_and_newer_kept(
    tmp_path: Path,
) -> None:
    store = await open_store(tmp_path)
    try:
        await ingest_day(store, 0, 5)
        await ingest_day(store, 10, 5)
        await prune(
            store, Policy(raw_days=5, jobs_days=0, logs_days=0, messages_days=0), T0 + 11 * DAY
        )
        assert await scalar(store, "SELECT COUNT(*) FROM messages WHERE raw IS NULL") == 5
        assert await scalar(store, "SELECT COUNT(*) FROM reactions WHERE raw IS NULL") == 5
        assert await scalar(store, "SELECT COUNT(*) FROM messages") == 10  # rows kept
    finally:
        await store.close()


async def test_finished_jobs_and_their_attempts_go_but_dead_and_waiting_stay(
    tmp_path: Path,
) -> None:
    store = await open_store(tmp_path)
    try:
        await ingest_day(store, 0, 4)

        def shape(tx: Transaction) -> None:
            ids = [r["id"] for r in tx.execute("SELECT id FROM jobs ORDER BY id")]
            tx.execute("UPDATE jobs SET status = 'dead' WHERE id = ?", (ids[0],))
            tx.execute(
                "UPDATE jobs SET status = 'queued', finished_at = NULL WHERE id = ?", (ids[1],)
            )
            for job_id in ids:
                tx.execute(
                    "INSERT INTO job_attempts (job_id, attempt, worker, started_at)"
                    " VALUES (?, 1, 'w', ?)",
                    (job_id, T0),
                )

        await store.write(shape)
        pruned = await prune(
            store, Policy(raw_days=0, jobs_days=1, logs_days=0, messages_days=0), T0 + 2 * DAY
        )
        assert pruned["jobs"] == 2
        statuses = await store.read(
            lambda tx: sorted(r["status"] for r in tx.execute("SELECT status FROM jobs"))
        )
        assert statuses == ["dead", "queued"]
        assert await scalar(store, "SELECT COUNT(*) FROM job_attempts") == 2
    finally:
        await store.close()


async def test_logs_older_than_the_age_go(tmp_path: Path) -> None:
    store = await open_store(tmp_path)
    try:
        await ingest_day(store, 0, 3)
        await ingest_day(store, 5, 3)
        await prune(
            store, Policy(raw_days=0, jobs_days=0, logs_days=2, messages_days=0), T0 + 6 * DAY
        )
        assert await scalar(store, "SELECT COUNT(*) FROM event_log") == 3
        assert await scalar(store, "SELECT COUNT(*) FROM nlp_log") == 3
    finally:
        await store.close()


async def test_rows_a_record_came_from_are_kept_past_the_messages_age(tmp_path: Path) -> None:
    store = await open_store(tmp_path)
    try:
        await ingest_day(store, 0, 6, acted_every=3)  # reactions 3 and 6 made records
        await prune(
            store, Policy(raw_days=0, jobs_days=1, logs_days=0, messages_days=1), T0 + 2 * DAY
        )
        assert await scalar(store, "SELECT COUNT(*) FROM reactions") == 2
        assert await scalar(store, "SELECT COUNT(*) FROM messages") == 2
        assert (
            await scalar(
                store,
                "SELECT COUNT(*) FROM actions a JOIN reactions r ON r.id = a.reaction_row_id"
                " JOIN messages m ON m.message_id = a.message_id",
            )
            == 2
        )
    finally:
        await store.close()


async def test_batches_resume_past_kept_rows_with_the_same_age(tmp_path: Path) -> None:
    """Batches of 2 over 12 reactions of one instant, every third kept: each batch starts
    after the previous one (issue 17: rescanning kept rows made catch-up quadratic), and
    none is skipped where ages tie."""
    store = await open_store(tmp_path)
    try:
        await ingest_day(store, 0, 12, acted_every=3)
        await prune(
            store,
            Policy(raw_days=0, jobs_days=1, logs_days=0, messages_days=1, batch=2),
            T0 + 2 * DAY,
        )
        assert await scalar(store, "SELECT COUNT(*) FROM reactions") == 4
        assert await scalar(store, "SELECT COUNT(*) FROM messages") == 4
    finally:
        await store.close()


async def test_a_reaction_whose_job_is_still_there_is_kept(tmp_path: Path) -> None:
    store = await open_store(tmp_path)
    try:
        await ingest_day(store, 0, 3)
        # jobs_days=0 keeps the (done) jobs: their reactions must stay
        await prune(
            store, Policy(raw_days=0, jobs_days=0, logs_days=0, messages_days=1), T0 + 2 * DAY
        )
        assert await scalar(store, "SELECT COUNT(*) FROM reactions") == 3
    finally:
        await store.close()


async def test_a_reaction_whose_late_second_run_is_queued_is_kept(tmp_path: Path) -> None:
    """Its first job is done and pruned, but its message arrived late and queued a second
    run (`reaction-late:`): the reaction must still be there when that run comes."""
    store = await open_store(tmp_path)
    try:
        await ingest_day(store, 0, 3)
        rows = await store.read(lambda tx: tx.execute("SELECT * FROM reactions ORDER BY id"))
        late = rows[0]
        key = late_job_key(str(late["instance"]), str(late["reaction_id"]))
        await store.enqueue(NewJob("reaction", {"late": True}, dedupe_key=key), T0 + 2 * DAY)
        await prune(
            store, Policy(raw_days=0, jobs_days=1, logs_days=0, messages_days=1), T0 + 2 * DAY
        )
        kept = await store.read(lambda tx: tx.execute("SELECT id FROM reactions"))
        assert [r["id"] for r in kept] == [late["id"]]
    finally:
        await store.close()


async def test_age_zero_keeps_everything(tmp_path: Path) -> None:
    store = await open_store(tmp_path)
    try:
        await ingest_day(store, 0, 3)
        pruned = await prune(store, Policy(0, 0, 0, 0), T0 + 1000 * DAY)
        assert pruned == {}
    finally:
        await store.close()


async def test_the_database_stays_bounded_under_a_steady_load(tmp_path: Path) -> None:
    """40 simulated days of 60 messages + 60 reactions a day, a record from every 10th
    reaction, pruned daily with 3-day ages: the file stops growing once the window is
    full, apart from the rows records came from (kept by design)."""
    store = await open_store(tmp_path)
    policy = Policy(raw_days=3, jobs_days=3, logs_days=3, messages_days=3, batch=50)
    sizes: dict[int, int] = {}
    try:
        for day in range(40):
            await ingest_day(store, day, 60, acted_every=10)
            await prune(store, policy, T0 + day * DAY + DAY / 2)
            sizes[day] = await scalar(store, "PRAGMA page_count")
        messages = await scalar(store, "SELECT COUNT(*) FROM messages")
        with_raw = await scalar(store, "SELECT COUNT(*) FROM messages WHERE raw IS NOT NULL")
    finally:
        await store.close()
    assert with_raw <= 4 * 60  # only the last days keep their payloads
    assert messages < 40 * 60 / 5  # the unused ones went
    # after the window fills, growth is only the kept sources (~6 rows a day)
    assert sizes[39] <= sizes[10] * 1.25, sizes
    assert sizes[39] - sizes[10] < (sizes[10] - sizes[0]) / 2, sizes


async def test_the_service_prunes_on_its_schedule_with_the_injected_clock(
    tmp_path: Path,
) -> None:
    store = await open_store(tmp_path)
    settings = Settings(data_dir=tmp_path, retention_raw_days=1, retention_interval_seconds=0.05)
    now = [T0]
    service = RetentionService(store, lambda: settings, lambda: now[0], first_delay=0)
    try:
        await ingest_day(store, 0, 3)
        await service.start()

        async def ran() -> bool:
            return service.runs >= 2

        await eventually(ran, what="two scheduled runs")  # on the day's own data
        assert await scalar(store, "SELECT COUNT(*) FROM messages WHERE raw IS NULL") == 0
        now[0] = T0 + 2 * DAY  # time passes

        async def pruned() -> bool:
            return await scalar(store, "SELECT COUNT(*) FROM messages WHERE raw IS NULL") == 3

        await eventually(pruned, what="the raw payloads pruned on the next run")
    finally:
        await service.stop()
        await store.close()


async def test_the_event_log_pruner_drops_a_long_log_in_batches(tmp_path: Path) -> None:
    # A year's log pruned in one statement held the writer (and the loop) for seconds at
    # 1M records (issue 17); in batches it drops the same rows.
    store = await open_store(tmp_path)
    try:
        await store.write(
            lambda tx: tx.execute(
                "WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < 2500)"
                " INSERT INTO event_log (type, data, created_at) SELECT 'x', '{}', :t FROM c",
                {"t": T0},
            )
        )
        pruner = EventLogPruner(store, keep_rows=10, max_age_seconds=10 * DAY, clock=lambda: T0)
        assert await pruner.prune_once() == 2490
        assert await scalar(store, "SELECT COUNT(*) FROM event_log") == 10
        assert await scalar(store, "SELECT MIN(id) FROM event_log") == 2491
    finally:
        await store.close()


async def test_retention_removes_in_bounded_batches_off_the_event_loop(
    tmp_path: Path, monkeypatch: Any
) -> None:
    # Issue 17: loop p99 ≤ 5 ms while retention catches up. Each batch's deletions (and
    # the event log's pruning) run in the writer's thread, at most a batch at a time.
    from reactiond.store import events, retention_repo

    drops: list[tuple[str, int]] = []
    real_drop, real_prune = retention_repo.drop, events.prune

    def drop(tx: Transaction, target: Any, ids: list[int]) -> int:
        drops.append((threading.current_thread().name, len(ids)))
        return real_drop(tx, target, ids)

    def prune_events(tx: Transaction, **kw: Any) -> int:
        drops.append((threading.current_thread().name, kw["batch"]))
        return real_prune(tx, **kw)

    monkeypatch.setattr(retention_repo, "drop", drop)
    monkeypatch.setattr(events, "prune", prune_events)
    store = await open_store(tmp_path)
    try:
        await ingest_day(store, 0, 25)
        pruned = await prune(store, Policy(jobs_days=1, logs_days=1, batch=10), T0 + 2 * DAY)
        assert pruned["jobs"] == 25 and pruned["nlp_log"] == 25
        pruner = EventLogPruner(store, keep_rows=0, max_age_seconds=DAY, clock=lambda: T0)
        await pruner.prune_once()
        assert drops and {name for name, _ in drops} == {"reactiond-writer"}
        assert max(n for _, n in drops[:-1]) <= 10
    finally:
        await store.close()
