"""Retention finds old rows through indexes: no statement it runs scans a whole table
(migration 004_retention_indexes.sql)."""

from __future__ import annotations

from pathlib import Path

import apsw
import pytest

from reactiond.ops.retention import TARGETS, Target
from reactiond.store.sqlite.connection import migrate, open_connection


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> apsw.Connection:
    c = open_connection(Path(tmp_path_factory.mktemp("plans")) / "db")
    migrate(c)
    return c


def plan(conn: apsw.Connection, sql: str) -> list[str]:
    rows = conn.execute("EXPLAIN QUERY PLAN " + sql, {"cutoff": 1.0, "n": 500}).fetchall()
    return [str(r["detail"]) for r in rows]


def statements(target: Target) -> list[str]:
    return [target.select, *(sql.format(ids="1,2,3") for sql in target.drop)]


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
    first = plan(conn, target.select)[0]
    assert "USING" in first and "INDEX" in first and "<?" in first, first
