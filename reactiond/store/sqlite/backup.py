"""Online backups with SQLite's backup API, and restore into a stopped data directory.

The SQLite side of `reactiond backup` and `reactiond restore`; `reactiond/ops/backup.py`
holds the data directory's lock around a restore.

`backup` copies the live database while the daemon runs: the copy is taken in ONE step
(`step(-1)`), i.e. inside one read transaction, so it is a consistent snapshot; in WAL
mode that read does not block the writer. (Copying page by page would restart each time
the daemon commits, and might never finish under a steady load.) The copy is written
to a temporary file beside the target, checked, fsynced and renamed into place, so a
half-written backup never carries the target's name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import apsw

from reactiond.store.sqlite.connection import latest_version, open_connection, schema_version


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says what to do."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    bytes: int
    schema_version: int
    tables: dict[str, int]


def backup(
    database: Path, target: Path, *, force: bool = False, into_directory: bool = False
) -> BackupReport:
    """`into_directory`: the target was written as a directory (`backups/`); it must be
    one, never become a file of that name."""
    if not database.exists():
        raise BackupError(
            f"no database at {database}: check REACTIOND_DATA_DIR (has reactiond run here?)"
        )
    target = resolve_target(target, force=force, into_directory=into_directory)
    if target.resolve() == database.resolve():
        raise BackupError("the backup target is the live database itself: pick another path")

    tmp = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        source = open_connection(database, readonly=True)
        try:
            dest = apsw.Connection(str(tmp))
            try:
                with dest.backup("main", source, "main") as copy:
                    copy.step(-1)
                # The copy inherits WAL mode from the live database's header; make it a
                # single self-contained file.
                dest.execute("PRAGMA journal_mode=DELETE")
                _check(dest, tmp)
                version = _version(dest)
                tables = _counts(dest)
            finally:
                dest.close()
        finally:
            source.close()
        _fsync(tmp)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except apsw.Error as exc:
        raise BackupError(f"the backup failed: {exc}; nothing was written to {target}") from exc
    except OSError as exc:
        raise BackupError(
            f"cannot write {target}: {exc.strerror or exc}; check the directory and free space"
        ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return BackupReport(target, target.stat().st_size, version, tables)


def resolve_target(target: Path, *, force: bool, into_directory: bool) -> Path:
    """The file a backup is written to: `target`, or a timestamped file in it when it is a
    directory; refused when it exists (unless `force`) or its directory does not."""
    if into_directory and not target.is_dir():
        raise BackupError(f"{target} is not a directory: create it first")
    if target.is_dir():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        directory, target = target, target / f"reactiond-{stamp}.db"
        # A second backup within the same second (a script, a retry) gets a file of its
        # own rather than an error: the directory form never asks for --force.
        n = 1
        while target.exists():
            n += 1
            target = directory / f"reactiond-{stamp}-{n}.db"
    if target.exists() and not force:
        raise BackupError(f"{target} already exists: pick another name, or add --force")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent} is not a directory: create it first")
    return target


def check_file(conn: apsw.Connection, path: Path) -> None:
    """SQLite's quick check of a backup file (BackupError when it fails)."""
    _check(conn, path)


def summary(conn: apsw.Connection) -> tuple[int, dict[str, int]]:
    """A backup's schema version and its main tables' row counts, for the report."""
    return _version(conn), _counts(conn)


def fsync_path(path: Path) -> None:
    """fsync a file, or a directory (which makes a rename in it durable)."""
    if path.is_dir():
        _fsync_dir(path)
    else:
        _fsync(path)


def restore_into(source: Path, data_dir: Path, *, force: bool = False) -> BackupReport:
    """Put a backup in place as the data directory's database. The caller holds the data
    directory's lock (the daemon must be stopped): `reactiond.ops.backup.restore`."""
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    database = data_dir / "reactiond.db"
    if database.exists() and not force:
        raise BackupError(f"{database} already exists: back it up, then add --force to replace it")
    try:
        conn = apsw.Connection(str(source), flags=apsw.SQLITE_OPEN_READONLY)
        try:
            _check(conn, source)
            version = _version(conn)
            tables = _counts(conn)
        finally:
            conn.close()
    except apsw.Error as exc:
        raise BackupError(f"{source} is not a reactiond database: {exc}") from exc
    if version > latest_version():
        raise BackupError(
            f"{source} has schema version {version}, newer than this reactiond "
            f"({latest_version()}): upgrade reactiond first"
        )
    tmp = data_dir / f".reactiond.db.restoring-{os.getpid()}"
    try:
        shutil.copyfile(source, tmp)
        _fsync(tmp)
        # A WAL left by the old database must not be replayed into the restored one.
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                (data_dir / f"reactiond.db{suffix}").unlink()
        os.replace(tmp, database)
        _fsync_dir(data_dir)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return BackupReport(database, database.stat().st_size, version, tables)


def _check(conn: apsw.Connection, path: Path) -> None:
    rows = [
        next(iter(r.values())) if isinstance(r, dict) else r[0]
        for r in conn.execute("PRAGMA quick_check")
    ]
    if rows != ["ok"]:
        raise BackupError(f"{path} failed its integrity check: {'; '.join(map(str, rows[:5]))}")


def _version(conn: apsw.Connection) -> int:
    return schema_version(conn)


def _counts(conn: apsw.Connection) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in ("messages", "reactions", "jobs", "tasks", "calendar_events", "bills", "notes"):
        try:
            row = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        except apsw.SQLError:
            continue  # an older schema without this table
        assert row is not None
        counts[table] = int(next(iter(row.values())) if isinstance(row, dict) else row[0])
    return counts


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    """Make the rename itself durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
