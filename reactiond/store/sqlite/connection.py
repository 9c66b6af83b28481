"""Opening SQLite connections with the pragmas reactiond relies on, and migrations."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import apsw

from reactiond.store.interface import DatabaseTooNew, StoreUnavailable

BUSY_TIMEOUT_MS = 5000


def open_connection(path: Path, *, readonly: bool = False) -> apsw.Connection:
    flags = (
        apsw.SQLITE_OPEN_READONLY
        if readonly
        else apsw.SQLITE_OPEN_READWRITE | apsw.SQLITE_OPEN_CREATE
    )
    try:
        conn = apsw.Connection(str(path), flags=flags)
    except apsw.CantOpenError as exc:
        raise StoreUnavailable(
            f"cannot open the database {path}",
            "check that the data directory exists and is writable (REACTIOND_DATA_DIR)",
        ) from exc
    conn.setbusytimeout(BUSY_TIMEOUT_MS)
    conn.row_trace = _row_as_dict
    if not readonly:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _row_as_dict(cursor: apsw.Cursor, row: tuple[Any, ...]) -> dict[str, Any]:
    return {d[0]: v for d, v in zip(cursor.get_description(), row, strict=True)}


def migration_files() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migrations/NNN_name.sql shipped in the package."""
    found = []
    folder = resources.files("reactiond.store") / "migrations"
    for entry in folder.iterdir():
        name = entry.name
        # NNN_name.pg.sql is that migration's PostgreSQL variant (store/postgres/migrations.py)
        if name.endswith(".sql") and not name.endswith(".pg.sql") and name[:3].isdigit():
            found.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations must be numbered 001, 002, … without gaps: {versions}")
    return found


def latest_version() -> int:
    return len(migration_files())


def schema_version(conn: apsw.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    assert row is not None
    value = row["user_version"] if isinstance(row, dict) else row[0]
    return int(value)


def migrate(conn: apsw.Connection) -> list[str]:
    """Apply pending migrations, all in one transaction; return the names applied.

    One transaction: an upgrade is all or nothing (a failing migration leaves the database
    at the version it had, not halfway), and it is one commit, one fsync, where one per
    migration made a fresh database's first start wait ~140 ms on the disk (and each of the
    suite's thousand daemons)."""
    current = schema_version(conn)
    migrations = migration_files()
    if current > len(migrations):
        raise DatabaseTooNew(
            f"the database is at schema version {current} but this reactiond knows only "
            f"{len(migrations)}: upgrade reactiond, or restore a backup made by this version"
        )
    applied = []
    with conn:
        for version, name, sql in migrations[current:]:
            conn.execute(sql)
            conn.execute(f"PRAGMA user_version={version:d}")
            applied.append(name)
    return applied
