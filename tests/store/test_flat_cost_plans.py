"""Health, metrics and the list pages cost the same at any size (issue 17): their queries
read kept counters or walk an index in order, and `q=` searches the FTS5 tables; none
scans or sorts a whole table. Plans are pinned with EXPLAIN QUERY PLAN, as for the claim
(test_claim_plan.py); the counters are checked against real counts."""

# Raw SQL here: query plans (EXPLAIN) over bulk-loaded rows.
from __future__ import annotations

from pathlib import Path
from typing import Any

import apsw
import pytest

from reactiond.records.kinds import SPECS, RecordKind
from reactiond.records.query import RecordQuery, fingerprint, list_records, parse_query
from reactiond.store import outbox, records_repo, search
from reactiond.store.queries import query
from reactiond.store.snapshot import take_snapshot
from reactiond.store.sqlite.connection import migrate, open_connection
from reactiond.store.sqlite.transaction import SqliteTransaction

NOW = 1_800_000_000.0


@pytest.fixture
def conn(tmp_path: Path) -> apsw.Connection:
    c = open_connection(tmp_path / "db")
    migrate(c)
    c.execute("INSERT INTO people (id, display_jid, created_at) VALUES (1, '1@s.whatsapp.net', 0)")
    c.execute(
        "INSERT INTO rules (id, name, triggers, action, parser, created_at, updated_at)"
        " VALUES (1, 'r', '[]', 'create_task', 'task', 0, 0)"
    )
    c.execute(
        "INSERT INTO reactions (id, instance, reaction_id, target_message_id, target_chat_jid,"
        " target_from_me, chat_jid, is_group, reactor_id, reactor_from_me, emoji, sent_at_ms,"
        " received_at) VALUES (1, 'i', 'x', 'm', 'c', 0, 'c', 0, 1, 0, 'e', 0, 0)"
    )
    return c


def plan(conn: apsw.Connection, sql: str, params: Any = ()) -> list[str]:
    return [str(r["detail"]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]


# Tables that grow with use; the counters (a row per status, per parser and language)
# and people do not.
GROWING = ("jobs", "outbox", "nlp_log", "r", "tasks", "calendar_events", "bills", "notes")


def whole_table_work(steps: list[str]) -> list[str]:
    """Steps that read a whole growing table or sort: what must not happen."""
    return [
        s
        for s in steps
        if "TEMP B-TREE" in s
        or (s.startswith("SCAN ") and " USING " not in s and s.split()[1] in GROWING)
    ]


SNAPSHOT_QUERIES = [
    "count_jobs_by_status",
    "queued_jobs_runnable_now",
    "last_dead_job_at",
    "count_replies_by_status",
    "oldest_pending_reply_at",
    "count_parses",
]


@pytest.mark.parametrize("name", SNAPSHOT_QUERIES)
def test_health_and_metrics_read_counters_or_one_index_range(
    conn: apsw.Connection, name: str
) -> None:
    steps = plan(conn, query("snapshot", name), {"now": NOW} if "now" in name else {})
    big = [s for s in steps if any(f" {t} " in f" {s} " for t in ("jobs", "outbox", "nlp_log"))]
    assert all("USING" in s and "INDEX" in s for s in big), steps
    assert not [s for s in big if "jobs_status_kind" in s], steps
    assert not whole_table_work(steps), steps


def _sql_of(
    conn: apsw.Connection, q: RecordQuery, seen: list[tuple[str, Any]] | None = None
) -> list[str]:
    """The plan of the listing `q` as records/query.py runs it (captured from the
    statement it executes; `seen` gets every statement)."""
    seen = [] if seen is None else seen

    class Spy(SqliteTransaction):
        def execute(self, sql: str, params: Any = ()) -> list[Any]:
            seen.append((sql, params))
            return super().execute(sql, params)

    list_records(Spy(conn), q)
    sql, params = seen[-1]
    return plan(conn, sql, params)


SORT_INDEX = {
    RecordKind.TASKS: "tasks_due_sort",
    RecordKind.CALENDAR_EVENTS: "calendar_events_start_sort",
    RecordKind.BILLS: "bills_due_sort",
    RecordKind.NOTES: "notes_created",
}
STATUS_SORT_INDEX = {
    RecordKind.TASKS: "tasks_status_due_sort",
    RecordKind.CALENDAR_EVENTS: "calendar_events_status_start_sort",
    RecordKind.BILLS: "bills_status_due_sort",
    RecordKind.NOTES: "notes_status_created",
}


@pytest.mark.parametrize("kind", list(RecordKind))
@pytest.mark.parametrize("status", [None, "first"])
def test_a_list_page_walks_its_sort_index_without_sorting(
    conn: apsw.Connection, kind: RecordKind, status: str | None
) -> None:
    spec = SPECS[kind]
    params = {} if status is None else {"status": spec.statuses[0]}
    steps = _sql_of(conn, parse_query(spec, params))
    index = SORT_INDEX[kind] if status is None else STATUS_SORT_INDEX[kind]
    assert steps[0].startswith(("SCAN r USING INDEX", "SEARCH r USING INDEX")), steps
    assert f" {index} " in f"{steps[0]} ", steps
    assert not whole_table_work(steps), steps


@pytest.mark.parametrize("kind", list(RecordKind))
def test_the_next_page_seeks_into_the_sort_index(conn: apsw.Connection, kind: RecordKind) -> None:
    spec = SPECS[kind]
    first = parse_query(spec, {"limit": "1"})
    for i in range(3):
        _insert(conn, kind, i)
    page = list_records(SqliteTransaction(conn), first)
    assert page.next_cursor is not None
    steps = _sql_of(conn, parse_query(spec, {"limit": "1", "cursor": page.next_cursor}))
    assert "SEARCH r USING INDEX" in steps[0], steps
    assert not whole_table_work(steps), steps


@pytest.mark.parametrize("kind", list(RecordKind))
def test_text_search_goes_through_the_fts_table(conn: apsw.Connection, kind: RecordKind) -> None:
    """A text few records hold: the FTS table names them, and the page reads only them."""
    seen: list[tuple[str, Any]] = []
    steps = _sql_of(conn, parse_query(SPECS[kind], {"q": "rent"}), seen)
    probe = plan(conn, *seen[0])
    assert any("VIRTUAL TABLE" in s and "_fts" in s for s in probe), probe
    assert steps[0].startswith("SEARCH r USING INTEGER PRIMARY KEY"), steps
    assert not [s for s in steps if s.startswith("SCAN r")], steps


def test_a_text_most_records_hold_walks_the_sort_index(
    conn: apsw.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Collecting every match of a common text costs more than the page: past PROBE
    matches the page walks its sort order, where matches come at once."""
    monkeypatch.setattr(search, "PROBE", 3)
    for i in range(5):
        _insert(conn, RecordKind.TASKS, i, f"Pay rent {i}")
    seen: list[tuple[str, Any]] = []
    steps = _sql_of(conn, parse_query(SPECS[RecordKind.TASKS], {"q": "rent"}), seen)
    assert steps[0].startswith("SCAN r USING INDEX tasks_due_sort"), steps
    page = list_records(SqliteTransaction(conn), parse_query(SPECS[RecordKind.TASKS], {"q": "t 3"}))
    assert [r.title for r in page.items] == ["Pay rent 3"]


def _insert(conn: apsw.Connection, kind: RecordKind, i: int, text: str = "") -> int:
    conn.execute(
        "INSERT INTO actions (rule_id, rule_name, action, instance, chat_jid, message_id,"
        " reactor_id, reaction_row_id, emoji, outcome, created_at)"
        " VALUES (1, 'r', 'x', 'i', 'c', :m, 1, 1, 'e', 'created', 0)",
        {"m": f"{kind.value}-{i}-{text}"},
    )
    action = conn.last_insert_rowid()
    src = "instance, chat_jid, message_id, reactor_id, emoji, created_at, updated_at, language"
    vals = f"'i', 'c', 'm{i}', 1, 'e', {i}, {i}, 'es'"
    title = text or f"record {i}"
    if kind is RecordKind.TASKS:
        conn.execute(
            f"INSERT INTO tasks (action_id, title, due_local, tz, {src})"
            f" VALUES (?, ?, ?, 'UTC', {vals})",
            (action, title, None if i % 2 else f"2026-01-{i + 1:02d}"),
        )
    elif kind is RecordKind.CALENDAR_EVENTS:
        conn.execute(
            f"INSERT INTO calendar_events (action_id, title, start_local, all_day, tz, {src})"
            f" VALUES (?, ?, ?, 1, 'UTC', {vals})",
            (action, title, f"2026-02-{i + 1:02d}"),
        )
    elif kind is RecordKind.BILLS:
        conn.execute(
            f"INSERT INTO bills (action_id, position, vendor, amount, currency, due_local, tz,"
            f" {src}) VALUES (?, 0, ?, '1.00', 'MXN', NULL, 'UTC', {vals})",
            (action, title),
        )
    else:
        conn.execute(
            f"INSERT INTO notes (action_id, title, body, {src}) VALUES (?, ?, 'body', {vals})",
            (action, title),
        )
    return conn.last_insert_rowid()


SEARCHES = ["ren", "RENT", "re", "t 1", '"q', "50%", "a_b", "ñandú", "x"]


@pytest.mark.parametrize("text", SEARCHES)
def test_text_search_finds_what_like_found(conn: apsw.Connection, text: str) -> None:
    titles = ["Pay rent", "rent 10", "50% off", "a_b c", 'say "quoted"', "Ñandú", "xyz", "zzz"]
    ids = {t: _insert(conn, RecordKind.TASKS, i, t) for i, t in enumerate(titles)}
    found = list_records(
        SqliteTransaction(conn), parse_query(SPECS[RecordKind.TASKS], {"q": text, "sort": "id"})
    )
    folded = text.casefold()
    expected = sorted(ids[t] for t in titles if folded in t.casefold())
    if len(text) < 3:  # LIKE: ASCII letters only are folded
        expected = sorted(ids[t] for t in titles if text.lower() in t.lower())
    assert [r.id for r in found.items] == expected


def test_search_follows_edits_and_deletions(conn: apsw.Connection) -> None:
    spec = SPECS[RecordKind.NOTES]
    note = _insert(conn, RecordKind.NOTES, 1, "groceries list")
    conn.execute("UPDATE notes SET title = 'hardware list' WHERE id = ?", (note,))
    tx = SqliteTransaction(conn)
    assert list_records(tx, parse_query(spec, {"q": "groceries"})).items == []
    assert [r.id for r in list_records(tx, parse_query(spec, {"q": "hardware"})).items] == [note]
    conn.execute("DELETE FROM notes WHERE id = ?", (note,))
    assert list_records(tx, parse_query(spec, {"q": "hardware"})).items == []


def test_counters_match_the_tables_after_inserts_changes_and_deletions(
    conn: apsw.Connection,
) -> None:
    job = (
        "INSERT INTO jobs (kind, payload, status, max_attempts, run_at, created_at, updated_at)"
        " VALUES ('reaction', '{}', ?, 3, ?, 0, 0)"
    )
    for i in range(6):
        conn.execute(job, ("queued", NOW - 10 + i * 5))
    conn.execute(job, ("dead", NOW))
    conn.execute("UPDATE jobs SET finished_at = ? WHERE status = 'dead'", (NOW,))
    conn.execute("UPDATE jobs SET status = 'running' WHERE id = 1")
    conn.execute("UPDATE jobs SET status = 'done', finished_at = ? WHERE id = 1", (NOW,))
    conn.execute("UPDATE jobs SET attempts = 2 WHERE id = 2")  # not a status change
    conn.execute("DELETE FROM jobs WHERE id = 3")
    reply = (
        "INSERT INTO outbox (dedupe_key, instance, destination, body, status, next_attempt_at,"
        " created_at, updated_at) VALUES (?, 'i', 'd', '{}', ?, 0, ?, 0)"
    )
    for i, status in enumerate(["pending", "sending", "sent", "sent", "dead"]):
        conn.execute(reply, (f"k{i}", status, NOW - 100 + i))
    conn.execute("UPDATE outbox SET status = 'sent' WHERE status = 'sending'")
    conn.execute("DELETE FROM outbox WHERE status = 'dead'")
    log = (
        "INSERT INTO nlp_log (parser, language, success, confidence, micros, created_at)"
        " VALUES (?, ?, ?, 1, 1, 0)"
    )
    for row in [("task", "es", 1), ("task", "es", 1), ("bill", "en", 0), ("bill", "en", 0)]:
        conn.execute(log, row)
    conn.execute(
        "DELETE FROM nlp_log WHERE id = (SELECT MIN(id) FROM nlp_log WHERE parser = 'bill')"
    )

    with conn:
        snap = take_snapshot(SqliteTransaction(conn), NOW)

    def counted(sql: str) -> dict[Any, int]:
        return {tuple(r.values())[:-1]: r["n"] for r in conn.execute(sql)}

    jobs = counted("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status")
    assert {k: v for k, v in snap.jobs_by_status.items() if v} == {k[0]: v for k, v in jobs.items()}
    replies = counted("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")
    assert {k: v for k, v in snap.outbox_by_status.items() if v} == {
        k[0]: v for k, v in replies.items()
    }
    assert snap.nlp_results == {("task", "es", "success"): 2, ("bill", "en", "failure"): 1}
    assert (snap.queue_depth, snap.deferred) == (1, 3)  # 1 done, 3 (due) deleted
    assert snap.oldest_queued_age_s == 5.0
    assert snap.last_dead_at == NOW
    assert snap.outbox_oldest_pending_age_s == 100.0


def test_replies_left_sending_are_found_at_start_without_reading_the_outbox(
    conn: apsw.Connection,
) -> None:
    seen: list[tuple[str, Any]] = []

    class Spy(SqliteTransaction):
        def execute(self, sql: str, params: Any = ()) -> list[Any]:
            seen.append((sql, params))
            return super().execute(sql, params)

    outbox.resume_interrupted(Spy(conn), NOW)
    steps = plan(conn, *seen[0])
    # outbox_status_id (migration 010: the pages' replies of one status) serves as well
    assert any("outbox_sending" in s or "outbox_status_id" in s for s in steps), steps
    assert not whole_table_work(steps), steps


@pytest.mark.parametrize("table", ["tasks", "calendar_events", "bills", "notes"])
def test_what_an_action_made_is_found_by_an_index(conn: apsw.Connection, table: str) -> None:
    """Read when a reaction is changed or removed: records_of_action, cancel_action and
    reply_left seek by action id, never scan every record or reply."""
    seen: list[tuple[str, Any]] = []

    class Spy(SqliteTransaction):
        def execute(self, sql: str, params: Any = ()) -> list[Any]:
            seen.append((sql, params))
            return super().execute(sql, params)

        def execute_one(self, sql: str, params: Any = ()) -> Any:
            seen.append((sql, params))
            return super().execute_one(sql, params)

    spy = Spy(conn)
    records_repo.records_of_action(spy, table, 1)
    records_repo.reply_left(spy, 1)
    records_repo.cancel_action(spy, 1, table, NOW)  # type: ignore[arg-type]
    for sql, params in seen:
        steps = plan(conn, sql, params)  # (sorting one action's records is fine)
        assert not [s for s in steps if s.startswith("SCAN ") and " USING " not in s], steps
        assert not [s for s in steps if s.split()[:2] == ["SCAN", "outbox"]], steps


@pytest.mark.parametrize("kind", [RecordKind.TASKS, RecordKind.BILLS])
def test_a_whole_kind_fingerprint_reads_the_kept_version(
    conn: apsw.Connection, kind: RecordKind
) -> None:
    """A feed's poll (ETag, 304) costs one row, not an aggregate of every record, and
    the ETag moves with every insert, change and deletion."""
    seen: list[str] = []

    class Spy(SqliteTransaction):
        def execute_one(self, sql: str, params: Any = ()) -> Any:
            seen.append(sql)
            return super().execute_one(sql, params)

    spec = SPECS[kind]
    q = parse_query(spec, {}, paged=False)
    digests = [fingerprint(Spy(conn), q)]
    first = _insert(conn, kind, 1)
    digests.append(fingerprint(Spy(conn), q))
    conn.execute(f"UPDATE {spec.table} SET updated_at = updated_at + 5 WHERE id = ?", (first,))
    digests.append(fingerprint(Spy(conn), q))
    conn.execute(f"DELETE FROM {spec.table} WHERE id = ?", (first,))
    digests.append(fingerprint(Spy(conn), q))
    assert len({d.digest for d in digests}) == 4
    assert [d.count for d in digests] == [0, 1, 1, 0]
    assert digests[2].last_updated == 6.0
    assert not [sql for sql in seen if "COUNT(" in sql or "SUM(" in sql], seen
