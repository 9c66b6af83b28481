"""`reactiond backup` and `reactiond restore` when the store is PostgreSQL: a logical
backup into a SQLite file, and back.

A backup is a reactiond database file, the same kind `reactiond backup` writes on SQLite
(store/postgres/copy.py: `copy_postgres_to_sqlite`, one consistent snapshot, taken while
reactiond runs; every table verified by count and checksum). So one file restores into
either store, and `reactiond restore` checks and migrates it the same way.

A restore replaces every row of the PostgreSQL database (`store copy --replace`, in one
transaction, verified). No process may be running on it meanwhile: with several
machines there is no lock file to hold, so a restore refuses while any process holds a
periodic task's lease (each running reactiond renews one every few seconds).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import apsw
import psycopg

from reactiond.store.interface import StoreUnavailable
from reactiond.store.postgres.copy import (
    CopyError,
    copy_postgres_to_sqlite,
    copy_sqlite_to_postgres,
)
from reactiond.store.postgres.presence import running_processes
from reactiond.store.postgres.said import first_line, refused
from reactiond.store.sqlite.backup import (
    BackupError,
    BackupReport,
    check_file,
    fsync_path,
    resolve_target,
    summary,
)
from reactiond.store.sqlite.connection import (
    latest_version,
    migrate,
    open_connection,
    schema_version,
)


def _unreachable(exc: psycopg.OperationalError, url: str) -> BackupError:
    if login := refused(exc, url, "REACTIOND_DATABASE_URL"):
        return BackupError(f"{login[0]}: {login[1]}")
    return BackupError(
        f"cannot reach PostgreSQL ({first_line(exc)}): check REACTIOND_DATABASE_URL and that"
        " the server runs"
    )


def backup_postgres(
    url: str, target: Path, *, force: bool = False, into_directory: bool = False
) -> BackupReport:
    """Write the database at `url` into a new SQLite file at `target` (a directory: a
    timestamped file in it), checked, fsynced and renamed into place."""
    target = resolve_target(target, force=force, into_directory=into_directory)
    tmp = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        copy_postgres_to_sqlite(url, tmp)
        conn = apsw.Connection(str(tmp))
        try:
            conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            check_file(conn, tmp)
            version, tables = summary(conn)
        finally:
            conn.close()
        fsync_path(tmp)
        os.replace(tmp, target)
        fsync_path(target.parent)
    except CopyError as exc:
        raise BackupError(f"the backup failed: {exc}; nothing was written to {target}") from exc
    except psycopg.OperationalError as exc:
        raise _unreachable(exc, url) from exc
    except OSError as exc:
        raise BackupError(
            f"cannot write {target}: {exc.strerror or exc}; check the directory and free space"
        ) from exc
    except StoreUnavailable as exc:  # the new file could not be made (a read-only place)
        raise BackupError(
            f"cannot write {target}: {exc.reason}; check the directory and free space"
        ) from exc
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return BackupReport(target, target.stat().st_size, version, tables)


def restore_postgres(source: Path, url: str, *, force: bool = False) -> BackupReport:
    """Replace the rows of the database at `url` with those of the backup file `source`
    (migrated to this reactiond's schema first, on a copy). Refused while reactiond runs
    on the database, and over a database with rows unless `force`."""
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    with tempfile.TemporaryDirectory(prefix="reactiond-restore-") as work:
        copy = Path(work) / "reactiond.db"
        shutil.copyfile(source, copy)
        try:
            conn = open_connection(copy)
            try:
                check_file(conn, source)
                if schema_version(conn) > latest_version():  # migrate would raise
                    raise BackupError(
                        f"{source} has schema version {schema_version(conn)}, newer than this"
                        f" reactiond ({latest_version()}): upgrade reactiond first"
                    )
                migrate(conn)  # an older backup: brought to this reactiond's schema
                version, tables = summary(conn)
            finally:
                conn.close()
        except apsw.Error as exc:
            raise BackupError(f"{source} is not a reactiond database: {exc}") from exc
        try:
            holders = running_processes(url)
            if holders:
                raise BackupError(
                    f"reactiond is running on this database ({', '.join(holders)}): stop every"
                    " reactiond process that uses it, then restore"
                )
            copy_sqlite_to_postgres(copy, url, replace=force)
        except CopyError as exc:
            said = str(exc).replace("add --replace", "add --force")
            said = said.replace("the --to URL", "REACTIOND_DATABASE_URL")  # restore has no --to
            said = said.replace("copy into an empty", "restore into an empty")
            raise BackupError(said.replace("nothing was copied", "nothing was restored")) from exc
        except psycopg.OperationalError as exc:
            raise _unreachable(exc, url) from exc
    return BackupReport(source, source.stat().st_size, version, tables)
