"""doctor's local checks against real SQLite files: damage, schema versions."""

# Raw SQL here: the doctor's database checks: corruption, versions.
from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import apsw
import pytest

from reactiond.ops.doctor import Status, check_data_dir, check_database
from reactiond.store.sqlite.connection import latest_version
from tests.e2e.ops.support import ingest_reactions, open_store


async def make_db(data_dir: Path, reactions: int = 0) -> Path:
    store = await open_store(data_dir)
    await ingest_reactions(store, range(reactions), time.time())
    await store.close()
    return data_dir / "reactiond.db"


def set_version(db: Path, version: int) -> None:
    conn = apsw.Connection(str(db))
    conn.execute(f"PRAGMA user_version={version:d}")
    conn.close()


async def test_a_sound_current_database_is_ok(tmp_path: Path) -> None:
    db = await make_db(tmp_path)
    assert [c.status for c in check_database(db)] == [Status.OK, Status.OK]


async def test_a_damaged_database_fails_quick_check_and_says_restore(tmp_path: Path) -> None:
    db = await make_db(tmp_path, reactions=300)
    conn = apsw.Connection(str(db))
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]  # type: ignore[index]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'reactions'").fetchone()[0]  # type: ignore[index]
    conn.close()
    with db.open("r+b") as fh:  # scribble over the reactions table's root page
        fh.seek((root - 1) * page_size + 8)
        fh.write(b"\xff" * 64)
    check = check_database(db)[0]
    assert check.status is Status.FAIL
    assert "restore" in check.detail


async def test_a_database_from_a_newer_reactiond_fails(tmp_path: Path) -> None:
    db = await make_db(tmp_path)
    set_version(db, latest_version() + 1)
    check = check_database(db)[1]
    assert check.name == "migrations" and check.status is Status.FAIL
    assert "upgrade reactiond" in check.detail


async def test_a_database_behind_warns_that_a_restart_migrates(tmp_path: Path) -> None:
    db = await make_db(tmp_path)
    set_version(db, latest_version() - 1)
    check = check_database(db)[1]
    assert check.status is Status.WARN and "restart" in check.detail


def test_no_database_yet_is_a_warning(tmp_path: Path) -> None:
    assert check_database(tmp_path / "reactiond.db")[0].status is Status.WARN


def test_a_missing_data_dir_fails(tmp_path: Path) -> None:
    check = check_data_dir(tmp_path / "missing")
    assert check.status is Status.FAIL and "REACTIOND_DATA_DIR" in check.detail


def test_a_writable_data_dir_is_ok_and_leaves_nothing_behind(tmp_path: Path) -> None:
    assert check_data_dir(tmp_path).status is Status.OK
    assert list(tmp_path.iterdir()) == []


def _a_full_disk(monkeypatch: pytest.MonkeyPatch, code: int = errno.ENOSPC) -> None:
    """Writing in the data dir fails as on a full disk: the file is made, its bytes are not."""
    write = Path.write_bytes

    def full(self: Path, data: bytes) -> int:
        write(self, b"")
        raise OSError(code, os.strerror(code), str(self))

    monkeypatch.setattr(Path, "write_bytes", full)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT])
def test_a_full_disk_says_free_disk_space_not_write_access(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    _a_full_disk(monkeypatch, code)
    check = check_data_dir(tmp_path)
    assert check.status is Status.FAIL
    assert check.detail == (
        f"the disk of {tmp_path} is full ({os.strerror(code)}): free disk space, or move"
        " REACTIOND_DATA_DIR to a larger disk"
    )
    assert "write access" not in check.detail
    assert list(tmp_path.iterdir()) == []  # the probe is not left behind


def test_a_data_dir_without_write_access_still_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a_full_disk(monkeypatch, errno.EACCES)
    check = check_data_dir(tmp_path)
    assert check.status is Status.FAIL and "give the reactiond user write access" in check.detail
