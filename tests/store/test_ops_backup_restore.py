"""`reactiond backup` / `reactiond restore`: consistent, atomic, and the rows come back."""

# Raw SQL here: backup files opened as plain SQLite databases.
from __future__ import annotations

import asyncio
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import apsw
import pytest
from typer.testing import Result

from reactiond.ops.backup import BackupError, backup, restore
from reactiond.ops.lock import DataDirLock, InstanceLocked
from tests.cli_in_process import run_cli
from tests.e2e.ops.support import ingest_reactions, open_store


def count(db: Path, table: str) -> int:
    conn = apsw.Connection(str(db), flags=apsw.SQLITE_OPEN_READONLY)
    try:
        row = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        assert row is not None
        return int(row[0])
    finally:
        conn.close()


async def test_backup_then_restore_into_a_fresh_data_dir_brings_the_rows_back(
    tmp_path: Path,
) -> None:
    store = await open_store(tmp_path / "live")
    await ingest_reactions(store, range(25), time.time())
    try:
        report = backup(store.path, tmp_path / "copy.db")  # while the store is open
    finally:
        await store.close()
    assert report.tables["reactions"] == 25 and report.tables["jobs"] == 25
    restored = restore(tmp_path / "copy.db", tmp_path / "fresh")
    assert restored.path == tmp_path / "fresh" / "reactiond.db"
    again = await open_store(tmp_path / "fresh")
    try:
        jobs = await again.list_jobs(limit=100)
    finally:
        await again.close()
    assert len(jobs) == 25
    assert count(restored.path, "reactions") == 25


async def test_a_backup_is_one_self_contained_file(tmp_path: Path) -> None:
    store = await open_store(tmp_path / "live")
    await ingest_reactions(store, range(3), time.time())
    try:
        (tmp_path / "out").mkdir()
        backup(store.path, tmp_path / "out" / "copy.db")
    finally:
        await store.close()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["copy.db"]
    conn = apsw.Connection(str(tmp_path / "out" / "copy.db"))
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        conn.close()


async def test_backup_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    store = await open_store(tmp_path / "live")
    await store.close()
    target = tmp_path / "copy.db"
    target.write_text("precious")
    with pytest.raises(BackupError, match="--force"):
        backup(store.path, target)
    assert target.read_text() == "precious"
    backup(store.path, target, force=True)
    assert count(target, "jobs") == 0


def test_backup_of_a_missing_database_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="no database"):
        backup(tmp_path / "nope" / "reactiond.db", tmp_path / "copy.db")
    assert list(tmp_path.iterdir()) == []


async def test_backup_into_a_directory_names_the_file_by_time(tmp_path: Path) -> None:
    store = await open_store(tmp_path / "live")
    await store.close()
    (tmp_path / "backups").mkdir()
    report = backup(store.path, tmp_path / "backups")
    assert report.path.parent == tmp_path / "backups"
    assert report.path.name.startswith("reactiond-") and report.path.suffix == ".db"


async def test_a_second_backup_into_a_directory_within_the_same_second_gets_its_own_file(
    tmp_path: Path,
) -> None:
    store = await open_store(tmp_path / "live")
    await store.close()
    backups = tmp_path / "backups"
    backups.mkdir()
    now = datetime.now(UTC)  # this second's and the next two's names are taken already
    taken = {
        backups / f"reactiond-{(now + timedelta(seconds=s)).strftime('%Y%m%dT%H%M%SZ')}.db"
        for s in range(3)
    }
    for path in taken:
        path.write_bytes(b"an earlier backup")
    report = backup(store.path, backups)
    assert report.path not in taken and report.path.name.endswith("-2.db")
    assert all(p.read_bytes() == b"an earlier backup" for p in taken)


async def test_restore_refuses_while_a_daemon_holds_the_data_dir(tmp_path: Path) -> None:
    store = await open_store(tmp_path / "live")
    await store.close()
    backup(store.path, tmp_path / "copy.db")
    with DataDirLock(tmp_path / "other"), pytest.raises(InstanceLocked):
        restore(tmp_path / "copy.db", tmp_path / "other")


async def test_restore_refuses_to_replace_a_database_without_force(tmp_path: Path) -> None:
    store = await open_store(tmp_path / "live")
    await ingest_reactions(store, range(4), time.time())
    await store.close()
    backup(store.path, tmp_path / "copy.db")
    other = await open_store(tmp_path / "other")
    await other.close()
    with pytest.raises(BackupError, match="--force"):
        restore(tmp_path / "copy.db", tmp_path / "other")
    assert count(other.path, "reactions") == 0
    restore(tmp_path / "copy.db", tmp_path / "other", force=True)
    assert count(other.path, "reactions") == 4
    assert not (tmp_path / "other" / "reactiond.db-wal").exists()


def test_restore_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(BackupError, match="not a reactiond database"):
        restore(junk, tmp_path / "data")
    assert not (tmp_path / "data" / "reactiond.db").exists()


async def _store_with_reactions(data_dir: Path, n: int) -> None:
    store = await open_store(data_dir)
    await ingest_reactions(store, range(n), time.time())
    await store.close()


def _cli(data_dir: Path, *args: str) -> Result:
    return run_cli({"REACTIOND_DATA_DIR": str(data_dir)}, *args)


def test_cli_backup_and_restore(tmp_path: Path) -> None:
    asyncio.run(_store_with_reactions(tmp_path / "live", 5))
    done = _cli(tmp_path / "live", "backup", str(tmp_path / "b.db"))
    assert done.exit_code == 0, done.stderr
    assert "backup written" in done.stdout and "reactions 5" in done.stdout
    again = _cli(tmp_path / "live", "backup", str(tmp_path / "b.db"))
    assert again.exit_code == 1 and "--force" in again.stderr
    done = _cli(tmp_path / "fresh", "restore", str(tmp_path / "b.db"))
    assert done.exit_code == 0, done.stderr
    assert "reactions 5" in done.stdout
    assert count(tmp_path / "fresh" / "reactiond.db", "reactions") == 5


def test_cli_backup_to_a_missing_directory_is_refused_not_written_as_a_file(
    tmp_path: Path,
) -> None:
    # Regression: `reactiond backup /var/backups/reactiond/` before the directory existed
    # wrote the database to a FILE named `reactiond` (the trailing slash was lost).
    asyncio.run(_store_with_reactions(tmp_path / "live", 1))
    done = _cli(tmp_path / "live", "backup", f"{tmp_path / 'backups'}/")
    assert done.exit_code == 1, done.stdout
    assert "not a directory" in done.stderr
    assert not (tmp_path / "backups").exists()
