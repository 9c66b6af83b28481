"""Retention finds old rows through indexes: no statement it runs scans a whole table
(migration 004_retention_indexes.sql)."""

# Raw SQL here: retention's query plans.
from __future__ import annotations

from pathlib import Path

import apsw
import pytest

from reactiond.store.queries import query
from reactiond.store.retention_repo import TARGETS, Target
from reactiond.store.sqlite.connection import migrate, open_connection


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> apsw.Connection:
    c = open_connection(Path(tmp_path_factory.mktemp("plans")) / "db")
    migrate(c)
    return c


def plan(conn: apsw.Connection, sql: str) -> list[str]:
    params = {"cutoff": 1.0, "n": 500, "ids": "[1,2,3]", "after_at": 0.5, "after_id": 7}
    names = [n for n in params if f":{n}" in sql]
    rows = conn.execute("EXPLAIN QUERY PLAN " + sql, {n: params[n] for n in names}).fetchall()
    # The batch's own id list (json_each) is read whole by design: it is the batch.
    return [str(r["detail"]) for r in rows if "json_each" not in str(r["detail"])]


def statements(target: Target) -> list[str]:
    return [query("retention", name) for name in (target.find, *target.drops)]


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_retention_query_uses_an_index_and_scans_no_table(
    conn: apsw.Connection, target: Target
) -> None:
    for sql in statements(target):
        steps = plan(conn, sql)
        assert not [s for s in steps if s.startswith("SCAN")], (sql, steps)


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_retention_finds_old_rows_by_an_index_on_their_age(
    conn: apsw.Connection, target: Target
) -> None:
    first = plan(conn, query("retention", target.find))[0]
    assert "USING" in first and "INDEX" in first and "<?" in first, first


@pytest.mark.parametrize("name", ["find_idle_reactions", "find_idle_messages"])
def test_finders_of_kept_rows_start_after_the_previous_batch(
    conn: apsw.Connection, name: str
) -> None:
    """Idle reactions and messages are found among rows that stay (a record came from
    them): each batch seeks past the last row the previous one read, never from the start,
    and reads in index order (no sort)."""
    steps = plan(conn, query("retention", name))
    assert "received_at>? AND received_at<?" in steps[0], steps
    assert not [s for s in steps if "TEMP B-TREE" in s], steps


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_a_batch_is_removed_by_its_ids(conn: apsw.Connection, target: Target) -> None:
    """Each drop seeks the batch's rows by id, never walks an index of every old row
    and probes the batch (per batch: quadratic in what retention removes)."""
    for name in target.drops:
        steps = [s for s in plan(conn, query("retention", name)) if s.startswith("SEARCH")]
        # (later steps are the foreign-key checks of the rows removed, each a seek)
        assert "PRIMARY KEY" in steps[0] or "(job_id=?)" in steps[0], (name, steps)
        assert not [s for s in steps if "(status=" in s], (name, steps)
