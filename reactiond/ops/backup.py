"""`reactiond backup` and `reactiond restore`: the policy around the copy.

The copy itself is the store's: on SQLite `reactiond/store/sqlite/backup.py` (SQLite's
online backup API); a restore replaces the database under the daemon's feet, so it runs
only while this process holds the data directory's lock, i.e. while no daemon runs there.
On PostgreSQL `reactiond/store/postgres/backup.py`: a logical copy into the same kind of
SQLite file, and back (refused while any reactiond process runs on the database).
"""

from __future__ import annotations

from pathlib import Path

from reactiond.ops.lock import DataDirLock
from reactiond.store.sqlite.backup import BackupError, BackupReport, backup, restore_into

__all__ = ["BackupError", "BackupReport", "backup", "backup_store", "restore", "restore_store"]


def restore(source: Path, data_dir: Path, *, force: bool = False) -> BackupReport:
    """Put a backup in place as the data directory's database; refuses
    (`InstanceLocked`) while a daemon runs on that directory."""
    with DataDirLock(data_dir):
        return restore_into(source, data_dir, force=force)


def backup_store(
    database: Path,
    postgres_url: str | None,
    target: Path,
    *,
    force: bool = False,
    into_directory: bool = False,
) -> BackupReport:
    """Back up whichever store is configured: PostgreSQL when `postgres_url` is set."""
    if postgres_url is None:
        return backup(database, target, force=force, into_directory=into_directory)
    from reactiond.store.postgres.backup import backup_postgres  # psycopg: only for PostgreSQL

    return backup_postgres(postgres_url, target, force=force, into_directory=into_directory)


def restore_store(
    source: Path, data_dir: Path, postgres_url: str | None, *, force: bool = False
) -> BackupReport:
    """Restore into whichever store is configured: PostgreSQL when `postgres_url` is set."""
    if postgres_url is None:
        return restore(source, data_dir, force=force)
    from reactiond.store.postgres.backup import restore_postgres

    return restore_postgres(source, postgres_url, force=force)
