# Raw SQL here: migrations and schema versions, old schemas simulated.
from __future__ import annotations

from pathlib import Path

import apsw
import pytest

from reactiond.store.interface import DatabaseTooNew
from reactiond.store.sqlite import connection
from reactiond.store.sqlite.connection import latest_version, migrate, open_connection
from reactiond.store.sqlite.store import SqliteStore


def test_fresh_database_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "db")
    migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()["user_version"] == latest_version()


def test_migrating_twice_applies_nothing_the_second_time(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "db")
    assert migrate(conn)
    assert migrate(conn) == []


def test_an_upgrade_that_fails_leaves_the_database_at_its_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = connection.migration_files()
    conn = open_connection(tmp_path / "db")
    monkeypatch.setattr(connection, "migration_files", lambda: shipped[:5])
    migrate(conn)
    broken = (8, "008_broken.sql", "CREATE TABLE broken (x")
    monkeypatch.setattr(connection, "migration_files", lambda: [*shipped[:7], broken])
    with pytest.raises(apsw.SQLError):
        migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()["user_version"] == 5
    names = {r["name"] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "tasks" in names  # what 001-005 made stays
    assert {"tasks_message", "chat_changes"} & names == set()  # nothing of 006 and 007


def test_database_is_in_wal_mode_with_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "db")
    assert conn.execute("PRAGMA journal_mode").fetchone()["journal_mode"] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()["synchronous"] == 2
    assert conn.execute("PRAGMA foreign_keys").fetchone()["foreign_keys"] == 1


def test_database_newer_than_the_code_is_refused_with_what_to_do(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "db")
    conn.execute(f"PRAGMA user_version={latest_version() + 5}")
    with pytest.raises(DatabaseTooNew, match="upgrade reactiond"):
        migrate(conn)


async def test_store_refuses_to_open_a_newer_database(tmp_path: Path) -> None:
    path = tmp_path / "db"
    apsw.Connection(str(path)).execute(f"PRAGMA user_version={latest_version() + 1}")
    with pytest.raises(DatabaseTooNew):
        await SqliteStore(path).open()
