"""A database file as `reactiond doctor` reads it: read-only, without a running store,
never migrating or repairing anything, so it is safe next to a running daemon."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import apsw

from reactiond.store.queries import query
from reactiond.store.sqlite.connection import latest_version, open_connection, schema_version
from reactiond.store.sqlite.instances_seen import seen_instances


class DatabaseUnreadable(Exception):
    """The file could not be opened (`opened` False) or read (True); `reason` says why."""

    def __init__(self, reason: str, *, opened: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.opened = opened


@dataclass(frozen=True)
class DatabaseFile:
    integrity: list[str]  # SQLite's quick_check: ["ok"] when sound, else what is damaged
    version: int  # the schema version of the file
    latest: int  # the schema version this reactiond migrates to

    @property
    def sound(self) -> bool:
        return self.integrity == ["ok"]


def inspect_database(path: Path) -> DatabaseFile:
    """Check the file's integrity and read its schema version (raises `DatabaseUnreadable`)."""
    try:
        conn = open_connection(path, readonly=True)
    except Exception as exc:
        raise DatabaseUnreadable(str(exc), opened=False) from exc
    try:
        rows = [next(iter(r.values())) for r in conn.execute(query("doctor", "quick_check"))]
        version = schema_version(conn)
    except apsw.Error as exc:
        raise DatabaseUnreadable(str(exc), opened=True) from exc
    finally:
        conn.close()
    return DatabaseFile([str(r) for r in rows], version, latest_version())


def instances_in(path: Path) -> list[str]:
    """The instances whose webhooks the database at `path` has taken, the most recently
    heard first; none when it cannot be read (doctor's database check says why)."""
    if not path.exists():
        return []
    try:
        conn = open_connection(path, readonly=True)
    except Exception:
        return []
    try:
        return seen_instances(conn)
    except apsw.Error:
        return []
    finally:
        conn.close()
