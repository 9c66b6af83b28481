"""What only PostgreSQL does: several stores (processes) on one database — migrations
applied once, jobs claimed once, wake-ups crossing processes — and its own failures."""

# Raw SQL here: PgStore's transactions, errors and schema guard on scratch tables.
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import psycopg
import pytest
from structlog.testing import capture_logs

from reactiond.domain import NewJob
from reactiond.engine.rule_book import reaction_job_priority, seed_default_rules
from reactiond.store import outbox
from reactiond.store.interface import DatabaseTooNew, JobLeaseLost, StoreUnavailable, Transaction
from reactiond.store.postgres import queue as pg_queue
from reactiond.store.postgres import transaction as pg_transaction
from reactiond.store.postgres.migrations import latest_version, postgres_ddl
from reactiond.store.postgres.sql import to_postgres
from reactiond.store.postgres.store import PgStore
from reactiond.store.queries import query
from tests.fixtures import fixture, with_ids
from tests.store.contract.support import ingest
from tests.waiting import eventually

NOW = 1_800_000_000.0


@asynccontextmanager
async def opened(url: str) -> AsyncIterator[PgStore]:
    s = PgStore(url, default_max_attempts=3)
    await s.open()
    try:
        yield s
    finally:
        await s.close()


def version(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT version FROM reactiond_schema").fetchone()
        assert row is not None
        return int(row[0])


async def test_a_new_database_is_migrated_to_the_latest_version(pg_empty_url: str) -> None:
    async with opened(pg_empty_url):
        pass
    assert version(pg_empty_url) == latest_version()


async def test_processes_starting_together_migrate_once(pg_empty_url: str) -> None:
    stores = [PgStore(pg_empty_url) for _ in range(3)]
    await asyncio.gather(*(s.open() for s in stores))
    for s in stores:
        await s.close()
    assert version(pg_empty_url) == latest_version()


async def test_a_database_from_a_newer_reactiond_is_refused(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        conn.execute("UPDATE reactiond_schema SET version = version + 1")
    with pytest.raises(DatabaseTooNew, match="upgrade reactiond"):
        await PgStore(pg_url).open()


async def test_each_job_is_claimed_by_exactly_one_of_several_processes(pg_url: str) -> None:
    async with opened(pg_url) as a, opened(pg_url) as b:
        for n in range(40):
            await a.enqueue(NewJob("reaction", {"n": n}), NOW)
        claimed: list[int] = []

        async def drain(store: PgStore, worker: str) -> None:
            while (job := await store.claim_next_job(["reaction"], worker, 60, NOW)) is not None:
                claimed.append(job.id)
                await store.complete_job(job, worker, NOW)

        await asyncio.gather(drain(a, "a1"), drain(a, "a2"), drain(b, "b1"), drain(b, "b2"))
    assert sorted(claimed) == list(range(1, 41))


async def test_a_job_enqueued_by_one_process_wakes_the_workers_of_another(pg_url: str) -> None:
    async with opened(pg_url) as web, opened(pg_url) as worker:
        woken = asyncio.Event()
        worker.on_jobs_enqueued = woken.set
        await eventually(lambda: _true(worker.listening.is_set()), what="LISTEN in place")
        woken.clear()
        await web.enqueue(NewJob("reaction", {}), NOW)
        await asyncio.wait_for(woken.wait(), 30)


async def test_a_topic_notified_in_a_transaction_reaches_other_processes(pg_url: str) -> None:
    async with opened(pg_url) as writer, opened(pg_url) as reader:
        seen: list[str] = []
        reader.subscribe("outbox", lambda: seen.append("outbox"))
        await eventually(lambda: _true(reader.listening.is_set()), what="LISTEN in place")
        seen.clear()

        def write(tx: Transaction) -> None:
            tx.notify("outbox")

        await writer.write(write)
        await eventually(lambda: _true(bool(seen)), what="the outbox wake-up")


async def test_a_rolled_back_transaction_notifies_nobody(pg_url: str) -> None:
    async with opened(pg_url) as writer, opened(pg_url) as reader:
        seen: list[str] = []
        reader.subscribe("outbox", lambda: seen.append("outbox"))
        reader.subscribe("marker", lambda: seen.append("marker"))
        await eventually(lambda: _true(reader.listening.is_set()), what="LISTEN in place")
        seen.clear()

        def failing(tx: Transaction) -> None:
            tx.notify("outbox")
            raise RuntimeError("no")

        with pytest.raises(RuntimeError):
            await writer.write(failing)

        def marker(tx: Transaction) -> None:
            tx.notify("marker")

        # Notifications arrive in commit order: once the marker is in, the outbox's would be.
        await writer.write(marker)
        await eventually(lambda: _true("marker" in seen), what="the marker")
        assert "outbox" not in seen


async def test_listening_resumes_after_the_connection_is_cut(pg_url: str) -> None:
    async with opened(pg_url) as writer, opened(pg_url) as reader:
        seen: list[str] = []
        reader.subscribe("outbox", lambda: seen.append("outbox"))
        await eventually(lambda: _true(reader.listening.is_set()), what="LISTEN in place")
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE query LIKE 'LISTEN%' AND datname = current_database()"
            )
        await eventually(lambda: _true(not reader.listening.is_set()), what="the cut seen")
        await eventually(lambda: _true(reader.listening.is_set()), what="LISTEN again")
        seen.clear()

        def write(tx: Transaction) -> None:
            tx.notify("outbox")

        await writer.write(write)
        await eventually(lambda: _true(bool(seen)), what="a wake-up after the cut")


async def test_an_unreachable_server_is_unavailable_not_a_crash(pg_url: str) -> None:
    closed_port = pg_url.rsplit(":", 1)[0] + ":1/nowhere"
    with pytest.raises(StoreUnavailable, match="unreachable") as refused:
        await PgStore(closed_port, connect_timeout=1).open()
    # The server's (or the driver's) own words say which: refused, a wrong password, …
    assert "unreachable (connection failed: " in refused.value.reason


async def test_a_url_libpq_cannot_read_is_unavailable_saying_how_to_write_it(
    pg_url: str,
) -> None:
    with pytest.raises(StoreUnavailable, match="not a usable PostgreSQL URL") as refused:
        await PgStore(pg_url + "?foo=bar", connect_timeout=1).open()
    assert 'invalid URI query parameter: "foo"' in refused.value.reason
    assert "percent-encoded" in refused.value.hint


def test_named_queries_with_a_postgres_variant_are_swapped_in() -> None:
    sqlite = query("people", "merge_person_settings")
    assert "MIN(people.created_at" in sqlite
    assert "LEAST(people.created_at" in to_postgres(sqlite)


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = %s AND b = %s"),
        ("SELECT :a, x::text FROM t", "SELECT %(a)s, x::text FROM t"),
        (
            "SELECT 1 WHERE j LIKE '%@lid' AND k = ':no'",
            "SELECT 1 WHERE j ILIKE '%%@lid' AND k = ':no'",
        ),
        (
            "UPDATE p SET n = :n WHERE n IS NOT :n",
            "UPDATE p SET n = %(n)s WHERE n IS DISTINCT FROM %(n)s",
        ),
        ("SELECT 1 WHERE a IS NOT NULL", "SELECT 1 WHERE a IS NOT NULL"),
    ],
)
def test_the_store_sql_is_translated_for_psycopg(sql: str, expected: str) -> None:
    assert to_postgres(sql) == expected


def test_sqlite_column_types_become_postgres_ones() -> None:
    ddl = postgres_ddl("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, at REAL)")
    assert ddl == (
        "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        " n BIGINT NOT NULL, at DOUBLE PRECISION)"
    )


async def _true(value: bool) -> bool:
    return value


async def test_processes_starting_together_seed_the_default_rules_once(pg_url: str) -> None:
    """Found by bench/postgres.py: two worker processes started at once on a database no
    process had started on; the second failed with "a rule named 'task' already exists"."""
    from reactiond.engine.rule_book import seed_default_rules
    from reactiond.records.stored_rules import list_rules
    from reactiond.rules.defaults import default_rules

    stores = [PgStore(pg_url) for _ in range(4)]
    for s in stores:
        await s.open()
    try:
        added = await asyncio.gather(
            *(s.write(lambda tx: seed_default_rules(tx, 1_800_000_000.0)) for s in stores)
        )
        rules = await stores[0].read(list_rules)
    finally:
        for s in stores:
            await s.close()
    assert sorted(len(a) for a in added) == [0, 0, 0, len(default_rules())]
    assert len(rules) == len(default_rules())


async def test_a_batch_of_reads_is_one_round_trip_after_the_writes_waiting(pg_url: str) -> None:
    """The writes held for the next trip (and their `; `, here inside a value) go first;
    each read's rows come back in order, an empty one included."""
    async with opened(pg_url) as s:

        def work(tx: Transaction) -> tuple[list[list[Any]], int]:
            tx.execute(
                "CREATE TEMP TABLE batch_t (id BIGINT PRIMARY KEY, note TEXT) ON COMMIT DROP"
            )
            tx.execute("INSERT INTO batch_t (id, note) VALUES (1, 'one; two'), (2, 'three')")
            before = tx.round_trips  # type: ignore[attr-defined]
            found = tx.execute_batch(
                [
                    ("SELECT note FROM batch_t WHERE id = :id", {"id": 1}),
                    ("SELECT note FROM batch_t ORDER BY id", {}),
                    ("SELECT note FROM batch_t WHERE id = :id", {"id": 3}),
                ]
            )
            return found, tx.round_trips - before  # type: ignore[attr-defined]

        found, trips = await s.write(work)
    assert found == [[{"note": "one; two"}], [{"note": "one; two"}, {"note": "three"}], []]
    assert trips == 1


async def test_a_read_transaction_may_begin_with_a_batch(pg_url: str) -> None:
    async with opened(pg_url) as s:
        found = await s.read(
            lambda tx: tx.execute_batch([("SELECT 1 AS one", {}), ("SELECT 2 AS two", {})])
        )
    assert found == [[{"one": 1}], [{"two": 2}]]


def _scratch(tx: Transaction) -> None:
    tx.execute("CREATE TABLE IF NOT EXISTS later_t (id BIGINT PRIMARY KEY, note TEXT)")


async def test_an_answer_asked_for_later_comes_with_the_next_statement(pg_url: str) -> None:
    """`execute_later` costs no round trip of its own: its rows arrive with the next
    statement that needs an answer, before the commit."""
    async with opened(pg_url) as s:
        await s.write(_scratch)
        seen: list[list[Any]] = []

        def work(tx: Transaction) -> tuple[int, list[Any]]:
            tx.execute_later("SELECT 41 AS n", {}, then=seen.append)
            tx.execute("INSERT INTO later_t (id, note) VALUES (1, 'a')")
            rows = tx.execute("SELECT note FROM later_t WHERE id = 1")
            return tx.round_trips, rows  # type: ignore[attr-defined]

        trips, rows = await s.write(work)
    assert seen == [[{"n": 41}]]
    assert (trips, rows) == (1, [{"note": "a"}])


async def test_a_check_that_fails_later_rolls_back_what_came_before_and_after(
    pg_url: str,
) -> None:
    class Refused(Exception):
        pass

    def refuse(rows: list[Any]) -> None:
        raise Refused(rows)

    async with opened(pg_url) as s:
        await s.write(_scratch)

        def work(tx: Transaction) -> None:
            tx.execute("INSERT INTO later_t (id, note) VALUES (2, 'before')")
            tx.execute_later("SELECT 1 AS lost", {}, then=refuse)
            tx.execute("INSERT INTO later_t (id, note) VALUES (3, 'after')")
            # a batch asked to commit must not: the check's answer is still to come
            tx.execute_batch([("SELECT 1 AS one", {})], commit=True)

        with pytest.raises(Refused):
            await s.write(work)
        left = await s.read(lambda tx: tx.execute("SELECT id FROM later_t WHERE id IN (2, 3)"))
    assert left == []


async def test_a_batch_may_carry_the_commit_and_what_follows_is_a_transaction_of_its_own(
    pg_url: str,
) -> None:
    async with opened(pg_url) as s:
        await s.write(_scratch)

        committed: list[bool] = []

        def work(tx: Transaction) -> None:
            tx.execute("INSERT INTO later_t (id, note) VALUES (4, 'kept')")
            tx.execute_batch([("SELECT 1 AS one", {})], commit=True)
            committed.append(tx.committed)  # type: ignore[attr-defined]
            tx.execute("INSERT INTO later_t (id, note) VALUES (5, 'rolled back')")
            raise psycopg.errors.DeadlockDetected("after the commit")

        with pytest.raises(StoreUnavailable):
            await s.write(work)  # not run again: its first part is committed
        kept = await s.read(lambda tx: tx.execute("SELECT id FROM later_t WHERE id IN (4, 5)"))
    assert committed == [True]
    assert kept == [{"id": 4}]


async def test_a_finished_job_and_the_look_at_an_empty_queue_carry_the_commit(
    pg_url: str,
) -> None:
    """The job's lease is read with its effects' first question, and the claim's look at
    the queue carries the completion's COMMIT: two round trips in all."""
    async with opened(pg_url) as s:
        await s.enqueue(NewJob("one", {}, dedupe_key="one"), NOW)
        claim = await s.claim_job(["one"], "w", 30, NOW)
        assert claim.job is not None
        job = claim.job

        def effects(tx: Transaction) -> None:
            tx.execute("SELECT 1 AS asked")

        def finish_then_look(tx: Transaction) -> tuple[int, bool, Any]:
            pg_queue.complete_job(tx, job, "w", NOW + 1, effects)
            found = pg_queue.claim(tx, ["one"], "w", 30, NOW + 1)  # type: ignore[arg-type]
            return tx.round_trips, tx.committed, found  # type: ignore[attr-defined]

        trips, committed, found = await s.write(finish_then_look)
        done = await s.get_job(job.id)
    assert found == (None, None)
    assert (trips, committed) == (2, True)
    assert done is not None and done.status == "done"


async def test_a_lost_lease_read_later_still_refuses_the_effects(pg_url: str) -> None:
    async with opened(pg_url) as s:
        await s.write(_scratch)
        await s.enqueue(NewJob("two", {}, dedupe_key="two"), NOW)
        claim = await s.claim_job(["two"], "w", 30, NOW)
        assert claim.job is not None

        def effects(tx: Transaction) -> None:
            tx.execute("INSERT INTO later_t (id, note) VALUES (6, 'effect')")
            tx.execute("SELECT 1 AS asked")

        with pytest.raises(JobLeaseLost):
            await s.complete_job_and_claim(claim.job, "other", NOW + 1, effects, ["two"], 30)
        left = await s.read(lambda tx: tx.execute("SELECT id FROM later_t WHERE id = 6"))
    assert left == []


async def test_a_claim_that_finds_a_job_begins_its_attempt_and_commits_in_one_trip(
    pg_url: str,
) -> None:
    """The look at the queue commits what came before it; the claim, the attempt's row and
    their COMMIT are one statement's round trip."""
    async with opened(pg_url) as s:
        due = await s.enqueue(NewJob("three", {}, dedupe_key="three"), NOW)

        def claim(tx: Transaction) -> tuple[Any, int, bool]:
            found = pg_queue.claim(tx, ["three"], "w", 30, NOW)  # type: ignore[arg-type]
            return found, tx.round_trips, tx.committed  # type: ignore[attr-defined]

        (job, _), trips, committed = await s.write(claim)
        [attempt] = await s.job_attempts(due) if due is not None else [None]
    assert job is not None and job.id == due and job.status == "running"
    assert (trips, committed) == (2, True)
    assert attempt is not None and attempt.attempt == 1 and attempt.finished_at is None


def _timer_read_sent(tx: Transaction) -> bool:
    """Whether this connection ever sent the worker's timer read (each statement is
    prepared on its first use; the store's first claim is on a new connection)."""
    timer = "SELECT LEAST((SELECT run_at FROM jobs WHERE status = 'queued' AND kind || ''"
    assert timer in query("queue", "next_job_or_lease_due")
    names = pg_transaction.prepared_on(tx.conn).names  # type: ignore[attr-defined]
    return any(timer in text for text, _ in names)


async def test_a_claim_in_a_streak_that_finds_a_job_leaves_the_timer_unread(
    pg_url: str,
) -> None:
    async with opened(pg_url) as s:
        due = await s.enqueue(NewJob("streak", {}, dedupe_key="streak"), NOW)

        def claim(tx: Transaction) -> tuple[Any, bool]:
            found = pg_queue.claim(tx, ["streak"], "w", 30, NOW, streak=True)  # type: ignore[arg-type]
            return found, _timer_read_sent(tx)

        (job, next_due), timer_read = await s.write(claim)
    assert job is not None and job.id == due and next_due is None
    assert timer_read is False


async def test_a_claim_in_a_streak_that_finds_none_still_says_when_the_next_is_due(
    pg_url: str,
) -> None:
    """The end of a backlog: the timer's read comes after the look found nothing due."""
    async with opened(pg_url) as s:
        await s.enqueue(NewJob("later", {}, dedupe_key="later", run_at=NOW + 90), NOW)

        def claim(tx: Transaction) -> Any:
            return pg_queue.claim(tx, ["later"], "w", 30, NOW, streak=True)  # type: ignore[arg-type]

        found = await s.write(claim)
    assert found == (None, NOW + 90)


async def _one_due_reply(s: PgStore) -> outbox.OutboxRow:
    await s.write(
        lambda tx: outbox.queue_text(
            tx, dedupe_key="k", instance="main", destination="521", text="hola", now=NOW
        )
    )
    [row] = await s.read(lambda tx: outbox.due_heads(tx, NOW + 1, busy=set(), limit=5))
    return row


async def test_a_reply_is_claimed_for_sending_in_one_round_trip(pg_url: str) -> None:
    async with opened(pg_url) as s:
        row = await _one_due_reply(s)

        def claim(tx: Transaction) -> tuple[bool, int]:
            claimed = outbox.claim_for_sending(tx, row, "maybe sent", NOW + 60, NOW + 1, None)
            return claimed, tx.round_trips  # type: ignore[attr-defined]

        claimed, trips = await s.write(claim)
        again = await s.write(
            lambda tx: outbox.claim_for_sending(tx, row, "maybe sent", NOW + 60, NOW + 2, None)
        )
    assert (claimed, trips) == (True, 1)
    assert again is False  # the row changed since it was read: nothing is sent twice


async def test_a_sent_reply_and_the_claim_of_the_next_are_two_round_trips_and_one_commit(
    pg_url: str,
) -> None:
    """The sender's whole work between two replies of a chat: the sent mark with the read
    of the next row, then that row's claim carrying the COMMIT of both."""
    async with opened(pg_url) as s:
        for key in ("k1", "k2"):
            await s.write(
                lambda tx, key=key: outbox.queue_text(  # type: ignore[misc]
                    tx, dedupe_key=key, instance="main", destination="521", text=key, now=NOW
                )
            )
        [row] = await s.read(lambda tx: outbox.due_heads(tx, NOW + 1, busy=set(), limit=5))
        await s.write(
            lambda tx: outbox.claim_for_sending(tx, row, "maybe sent", NOW + 60, NOW + 1, None)
        )

        def sent_then_claim(tx: Transaction) -> tuple[bool, int, int]:
            following = outbox.mark_sent_then_next_in_chat(tx, row, "WA-1", NOW + 2)
            assert following is not None
            claimed = outbox.claim_for_sending(tx, following, "maybe", NOW + 60, NOW + 2, None)
            return claimed, tx.round_trips, tx.commits  # type: ignore[attr-defined]

        claimed, trips, commits = await s.write(sent_then_claim)
        rows = await s.read(lambda tx: outbox.list_rows(tx, limit=5))
    assert (claimed, trips, commits) == (True, 2, 1)
    assert sorted(r.status for r in rows) == ["sending", "sent"]


async def test_a_reply_that_went_out_is_marked_sent_in_one_round_trip(pg_url: str) -> None:
    async with opened(pg_url) as s:
        row = await _one_due_reply(s)
        await s.write(
            lambda tx: outbox.claim_for_sending(tx, row, "maybe sent", NOW + 60, NOW + 1, None)
        )

        def mark(tx: Transaction) -> tuple[int, bool]:
            outbox.mark_sent(tx, row, "WA-1", NOW + 2)
            return tx.round_trips, tx.committed  # type: ignore[attr-defined]

        trips, committed = await s.write(mark)
        sent = await s.read(lambda tx: outbox.get(tx, row.id))
    assert (trips, committed) == (1, True)
    assert sent is not None and (sent.status, sent.sent_message_id) == ("sent", "WA-1")


async def test_a_statement_is_prepared_once_and_then_only_executed(pg_url: str) -> None:
    """The server parses and plans a statement once per connection, not at every use
    (issue 18: 250-400 µs of its CPU each time as text, bench/prepared.py)."""
    asked = "SELECT count(*) AS n FROM jobs WHERE status = :status"
    async with opened(pg_url) as s:

        def twice(tx: Transaction) -> list[Any]:
            tx.execute(asked, {"status": "queued"})
            tx.execute(asked, {"status": "done"})
            return tx.execute(
                "SELECT generic_plans + custom_plans AS runs FROM pg_prepared_statements"
                " WHERE statement LIKE :text AND statement NOT LIKE '%pg_prepared_statements%'",
                {"text": "%PREPARE % AS SELECT count(*) AS n FROM jobs WHERE status = $1;%"},
            )

        prepared = await s.read(twice)
    assert prepared == [{"runs": 2}]


async def test_a_text_search_is_planned_for_its_text_each_time_not_prepared(
    pg_url: str,
) -> None:
    """A prepared search could settle on one generic plan for every text (issue 17: a rare
    text through the trigram indexes, a common one along the sort order)."""
    async with opened(pg_url) as s:

        def search(tx: Transaction) -> list[Any]:
            for _ in range(6):  # PostgreSQL weighs a generic plan after five runs
                tx.execute("SELECT id FROM tasks WHERE title LIKE :q", {"q": "%agua%"})
            return tx.rows(
                "SELECT name FROM pg_prepared_statements WHERE statement LIKE :searched",
                {"searched": "%FROM tasks WHERE title%"},
            )

        prepared = await s.read(search)
    assert prepared == []


async def test_a_parameter_keeps_the_type_of_its_value(pg_url: str) -> None:
    """A float is not rounded to the integer a bare `$1 + 1` would infer; an int past 32
    bits fits; a string and a NULL take their type from where they stand."""
    asked = "SELECT :x + 1 AS x, :big * 2 AS big, CAST(:s AS TEXT) IS NULL AS s_null"
    async with opened(pg_url) as s:

        def twice(tx: Transaction) -> list[Any]:
            return [
                tx.execute_one(asked, {"x": 1.5, "big": 2**40, "s": None}),
                tx.execute_one(asked, {"x": 2, "big": 3, "s": "a"}),
            ]

        rows = await s.read(twice)
    assert rows == [
        {"x": 2.5, "big": 2**41, "s_null": True},
        {"x": 3, "big": 6, "s_null": False},
    ]


async def test_after_a_failed_transaction_its_statements_are_prepared_again(
    pg_url: str,
) -> None:
    """A PREPARE after the failing statement never ran: the connection forgets what it
    prepared, and the next transaction prepares again instead of failing (or being run
    twice)."""
    s = PgStore(pg_url, pool_size=1)  # one connection: the same server session each time
    await s.open()
    try:
        second = "SELECT 2 AS two WHERE 1 = :one"

        def fails(tx: Transaction) -> None:
            tx.execute_batch([("SELECT * FROM no_such_table", {}), (second, {"one": 1})])

        with pytest.raises(psycopg.errors.UndefinedTable):
            await s.read(fails)
        with capture_logs() as logs:
            again = await s.read(lambda tx: tx.execute(second, {"one": 1}))
    finally:
        await s.close()
    assert again == [{"two": 2}]
    assert [e for e in logs if e["event"] == "transaction_retried"] == []


async def test_a_table_changed_by_another_process_is_read_again_not_refused(
    pg_url: str,
) -> None:
    """A newer reactiond migrates while this one runs (a rolling upgrade): a prepared
    `SELECT *` of the table it changed is prepared again, not refused ("cached plan must
    not change result type")."""
    s = PgStore(pg_url, pool_size=1)
    await s.open()
    try:
        await s.write(lambda tx: tx.execute("CREATE TABLE grown_t (id BIGINT PRIMARY KEY)"))
        await s.write(lambda tx: tx.execute("INSERT INTO grown_t (id) VALUES (:id)", {"id": 1}))
        everything = "SELECT * FROM grown_t WHERE id = :id"
        before = await s.read(lambda tx: tx.execute(everything, {"id": 1}))
        with psycopg.connect(pg_url, autocommit=True) as other:
            other.execute("ALTER TABLE grown_t ADD COLUMN note TEXT DEFAULT 'new'")
        after = await s.read(lambda tx: tx.execute(everything, {"id": 1}))
    finally:
        await s.close()
    assert before == [{"id": 1}]
    assert after == [{"id": 1, "note": "new"}]


async def test_a_connection_keeps_its_most_recent_statements_prepared(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pg_transaction, "PREPARED_PER_CONNECTION", 2)
    s = PgStore(pg_url, pool_size=1)
    await s.open()
    try:

        def each(tx: Transaction) -> list[Any]:
            found = [tx.execute_one(f"SELECT {n} AS n WHERE :yes", {"yes": True}) for n in range(3)]
            found.append(tx.execute_one("SELECT 0 AS n WHERE :yes", {"yes": True}))
            return found

        found = await s.read(each)
        kept = await s.read(lambda tx: tx.rows("SELECT name FROM pg_prepared_statements"))
    finally:
        await s.close()
    assert found == [{"n": 0}, {"n": 1}, {"n": 2}, {"n": 0}]
    assert len(kept) == 2


async def test_a_reactions_webhook_is_four_round_trips(pg_url: str) -> None:
    """A known reactor's reaction: BEGIN with the reactor's lookup; the reaction's row, the
    reply lookup and the rules naming its emoji together; the job; the counter with the
    COMMIT."""
    store = PgStore(pg_url, job_priority=reaction_job_priority)
    await store.open()
    trips: list[int] = []
    run_write = store._run_write

    def counted(fn: Any) -> Any:
        result, tx = run_write(fn)
        trips.append(tx.round_trips)
        return result, tx

    try:
        await store.write(lambda tx: seed_default_rules(tx, NOW))
        await ingest(store, fixture("messages.upsert.reaction-add"), now=NOW)
        store._run_write = counted  # type: ignore[method-assign]
        await ingest(store, with_ids(fixture("messages.upsert.reaction-add"), "2"), now=NOW)
    finally:
        await store.close()
    assert trips == [4]
