"""The web pages' reads walk an index or read kept counters at any size (issue 19: every
page under 100 ms with 100,000 records; bench/pages.py has the figures). Plans are pinned
with EXPLAIN QUERY PLAN, as test_flat_cost_plans.py does for health and the default sorts."""

# Raw SQL here: the statements and query plans of the pages' reads.
from __future__ import annotations

from pathlib import Path
from typing import Any

import apsw
import pytest

from reactiond.records.kinds import SPECS, RecordKind
from reactiond.records.query import parse_query
from reactiond.store import analytics_repo, outbox, trace_repo
from reactiond.store.queries import query
from reactiond.store.sqlite import queue
from reactiond.store.sqlite.connection import migrate, open_connection
from reactiond.store.sqlite.transaction import SqliteTransaction
from tests.store.test_flat_cost_plans import _sql_of, plan, whole_table_work

NOW = 1_800_000_000.0


@pytest.fixture
def conn(tmp_path: Path) -> apsw.Connection:
    c = open_connection(tmp_path / "db")
    migrate(c)
    return c


def _statements(conn: apsw.Connection, read: Any) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    class Spy(SqliteTransaction):
        def execute(self, sql: str, params: Any = ()) -> list[Any]:
            seen.append((sql, params))
            return super().execute(sql, params)

    read(Spy(conn))
    return seen


TABLE = {
    RecordKind.TASKS: "tasks",
    RecordKind.CALENDAR_EVENTS: "calendar_events",
    RecordKind.BILLS: "bills",
    RecordKind.NOTES: "notes",
}


@pytest.mark.parametrize("kind", list(RecordKind))
@pytest.mark.parametrize("sort", ["created", "-created", "updated", "-updated"])
@pytest.mark.parametrize("status", [None, "first"])
def test_every_sort_of_a_list_page_walks_an_index(
    conn: apsw.Connection, kind: RecordKind, sort: str, status: str | None
) -> None:
    spec = SPECS[kind]
    params = {"sort": sort} | ({} if status is None else {"status": spec.statuses[0]})
    steps = _sql_of(conn, parse_query(spec, params))
    column = sort.lstrip("-")
    index = f"{TABLE[kind]}_{'status_' if status else ''}{column}"
    assert f" {index} " in f"{steps[0]} ", steps
    assert not whole_table_work(steps), steps


@pytest.mark.parametrize("kind", [RecordKind.TASKS, RecordKind.CALENDAR_EVENTS, RecordKind.BILLS])
def test_a_date_range_seeks_into_the_sort_index(conn: apsw.Connection, kind: RecordKind) -> None:
    """Today's "due today" and "this week": a range of the sort index, not a walk over
    every open task from the oldest date on."""
    spec = SPECS[kind]
    name = spec.when_name
    assert name is not None
    params = {
        "status": spec.statuses[0],
        "sort": name,
        f"{name}_from": "2026-12-04",
        f"{name}_to": "2026-12-10",
    }
    steps = _sql_of(conn, parse_query(spec, params))
    assert steps[0].startswith(f"SEARCH r USING INDEX {TABLE[kind]}_status_"), steps
    assert "<expr>>? AND <expr><?" in steps[0], steps
    assert not whole_table_work(steps), steps


ANALYTICS = ["parse_figures", "action_groups", "top_reactors", "action_times"]


@pytest.mark.parametrize("name", ANALYTICS)
def test_analytics_read_the_quarter_counters_and_two_index_ranges(
    conn: apsw.Connection, name: str
) -> None:
    params = {"since": NOW - 7 * 86400, "until": NOW, "lo": NOW - 7 * 86400, "hi": NOW, "top": 5}
    steps = plan(conn, query("analytics", name), params)
    raw = [s for s in steps if " actions " in f"{s} " or " nlp_log " in f"{s} "]
    assert len(raw) == 2, steps  # the two partial quarters at the window's ends
    assert all(
        s.startswith("SEARCH") and "_created (created_at>? AND created_at<?)" in s for s in raw
    )
    kept = [s for s in steps if "_quarters" in s]
    assert kept and all(s.startswith("SEARCH") and "(bucket>? AND bucket<?)" in s for s in kept)
    # Only the subquery's own rows (SCAN acts / parses) are read whole, and people by key.
    tables = ("actions", "nlp_log", "action_quarters", "parse_quarters", "people")
    assert not [s for s in steps if s.startswith("SCAN") and s.split()[1] in tables], steps


def test_analytics_bound_the_whole_quarters_inside_the_window() -> None:
    w = analytics_repo._window(NOW - 7 * 86400 - 1, NOW + 1)
    assert (w["lo"], w["hi"]) == (NOW - 7 * 86400, NOW)
    inside_one = analytics_repo._window(NOW + 1, NOW + 2)
    assert inside_one["lo"] == inside_one["hi"] == NOW + 2


@pytest.mark.parametrize("status", ["dead", "done"])
def test_jobs_of_one_status_walk_their_index_newest_first(
    conn: apsw.Connection, status: str
) -> None:
    [(sql, params)] = _statements(conn, lambda tx: queue.list_jobs(tx, status, None, 10))
    steps = plan(conn, sql, params)
    assert steps[0].startswith("SEARCH jobs USING INDEX jobs_status_id (status=?)"), steps
    assert not whole_table_work(steps), steps


def test_replies_of_one_status_walk_their_index_newest_first(conn: apsw.Connection) -> None:
    [(sql, params)] = _statements(
        conn, lambda tx: outbox.list_rows(tx, statuses=("dead",), limit=10)
    )
    steps = plan(conn, sql, params)
    assert steps[0].startswith("SEARCH outbox USING INDEX outbox_status_id (status=?)"), steps
    assert not whole_table_work(steps), steps


def test_the_senders_reads_keep_walking_outbox_pending(conn: apsw.Connection) -> None:
    """outbox_status_id (the pages' replies of one status) does not take the sender's
    reads of each chat's head off outbox_pending: 7 times slower with a backlog."""
    for read in (
        lambda tx: outbox.due_heads(tx, NOW, busy=(), limit=10),
        lambda tx: outbox.next_due(tx),
    ):
        [(sql, params)] = _statements(conn, read)
        steps = plan(conn, sql, params)
        assert "SCAN outbox USING INDEX outbox_pending" in steps, steps
        assert "USE TEMP B-TREE FOR GROUP BY" not in steps, steps


def test_the_latest_refused_parses_read_their_own_index(conn: apsw.Connection) -> None:
    [(sql, params)] = _statements(conn, lambda tx: trace_repo.refused_parses(tx, 10))
    steps = plan(conn, sql, params)
    assert "actions_refused" in steps[0], steps
    assert not whole_table_work(steps), steps
