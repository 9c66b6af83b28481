"""Moving over: copy a SQLite database, every table, into a PostgreSQL one, and prove it.

`reactiond store copy --from <reactiond.db> --to postgresql://…` (docs/postgresql.md). The
target is migrated to the same schema version as the source first (refused when either
is not this reactiond's latest: upgrade the source by starting reactiond on it once).
Tables are copied parents first (read from SQLite's foreign keys), each in one COPY, all
in one PostgreSQL transaction: a copy that fails leaves the target as it was. Then each
table's row count and a checksum of its rows (every column, in primary-key order, values
normalised the same way on both sides) are compared, and the identity sequences moved
past the copied ids so that new rows do not collide.

A non-empty target is refused unless `replace=True`, which empties it first.

The other way, `copy_postgres_to_sqlite` writes a PostgreSQL database into a new SQLite
file, read in one REPEATABLE READ snapshot (consistent while reactiond runs) and verified
the same way: the logical backup `reactiond backup` makes on PostgreSQL
(store/postgres/backup.py), which `reactiond restore` copies back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import apsw
import psycopg

from reactiond.store.postgres.migrations import migrate
from reactiond.store.postgres.migrations import schema_version as pg_schema_version
from reactiond.store.postgres.presence import running_processes
from reactiond.store.postgres.said import URL_FORM, first_line, refused
from reactiond.store.sqlite.connection import latest_version, open_connection, schema_version
from reactiond.store.sqlite.connection import migrate as sqlite_migrate

# Bookkeeping of each store, and the counters each store keeps by its own triggers
# (SQLite's 005, PostgreSQL's 012): the copied rows keep them right on the other side.
# Kept calendar components (011) are a cache: the first calendar on PostgreSQL renders
# them again.
SKIPPED = frozenset(
    {"reactiond_schema", "task_leases", "status_counts", "nlp_counts", "record_versions"}
    | {"action_quarters", "parse_quarters"}
    | {"calendar_components"}
)
# Analytics' quarter-hour counters (migration 010), kept by triggers on both stores: the
# copied actions and parses fill them on the target as the COPY inserts them. Emptied
# first, so that nothing counted before (a --replace) stays.
DERIVED = ("action_quarters", "parse_quarters")


# Tables PostgreSQL keeps in more rows than SQLite: the webhook counters, one row per
# server backend (migration 015). Read from PostgreSQL as SQLite holds them, added up.
_FOLDED = {
    "event_counters": (
        "(SELECT instance, event, outcome, SUM(count)::bigint AS count,"
        " MAX(last_at) AS last_at FROM event_counters GROUP BY instance, event, outcome)"
        " AS event_counters"
    ),
}


def _pg_source(table: str) -> str:
    """What to read `table` from on PostgreSQL, in SQLite's rows."""
    return _FOLDED.get(table, f'"{table}"')


class CopyError(Exception):
    """A copy that cannot be done, or that did not verify; the message says what to do."""


class CopyInterrupted(CopyError):
    """Ctrl-C (SIGINT): before the copy's one transaction committed nothing stays; after
    it, rows stay that were not verified yet."""


NOTHING_COPIED = "interrupted: nothing was copied; run the same command again"
NOT_VERIFIED = (
    "interrupted after the rows were copied, before they were verified: run the same"
    " command again with --replace, to copy and verify them whole"
)


@dataclass(frozen=True)
class TableCopied:
    table: str
    rows: int
    checksum: str  # sha256 of the rows, equal on both sides


def copy_sqlite_to_postgres(
    source: Path, target_url: str, *, replace: bool = False
) -> list[TableCopied]:
    if not source.is_file():
        raise CopyError(f"no SQLite database at {source}: give the data dir's reactiond.db")
    lite = open_connection(source, readonly=True)
    try:
        version = schema_version(lite)
        if version > latest_version():  # starting this reactiond on it would be refused
            raise CopyError(
                f"{source} is at schema version {version}, newer than this reactiond "
                f"({latest_version()}): upgrade reactiond, then copy"
            )
        if version != latest_version():
            raise CopyError(
                f"{source} is at schema version {version}, this reactiond at "
                f"{latest_version()}: start this reactiond on it once (it migrates), then copy"
            )
        running = running_processes(target_url)
        if running:
            raise CopyError(
                f"reactiond is running on this database ({', '.join(running)}): stop every"
                " reactiond process that uses it, then copy"
            )
        committed = False
        try:
            with psycopg.connect(target_url, autocommit=True) as pg:
                _refuse_newer_target(pg)
                migrate(pg)
                tables = _tables_parents_first(lite)
                with pg.transaction():
                    _make_room(pg, tables, replace=replace)
                    pg.execute("TRUNCATE " + ", ".join(DERIVED))
                    for table in tables:
                        _copy_table(lite, pg, table)
                    _move_identities(pg, [t for t in tables if "id" in _columns(lite, t)])
                committed = True
                # The planner knows nothing of rows that arrived in bulk until autovacuum
                # looks (up to a minute later, per table): meanwhile the worker's timer
                # read walked every queued job through the wrong index. As after a
                # pg_restore.
                pg.execute("ANALYZE")
                return [_verify(lite, pg, table) for table in tables]
        except KeyboardInterrupt as exc:
            raise CopyInterrupted(NOT_VERIFIED if committed else NOTHING_COPIED) from exc
    except psycopg.OperationalError as exc:
        # Refused, unknown host, wrong password, or the server gone mid-copy: the copy's
        # one transaction rolled back, so nothing of it stays.
        if login := refused(exc, target_url, "the --to URL"):
            raise CopyError(f"{login[0]}: {login[1]}; nothing was copied") from exc
        raise CopyError(
            f"cannot reach PostgreSQL ({first_line(exc)}): check the --to URL and that the"
            " server runs; nothing was copied"
        ) from exc
    except psycopg.ProgrammingError as exc:
        if not str(exc).startswith(("invalid ", "missing ")):  # not the URL: a bug, shown
            raise
        raise CopyError(
            f"the --to URL is not a usable PostgreSQL URL ({first_line(exc)}): {URL_FORM}"
        ) from exc
    finally:
        lite.close()


def _refuse_newer_target(pg: psycopg.Connection[Any]) -> None:
    """A target a newer reactiond migrated: this one cannot write its tables (and its
    migrate would stop with a traceback), so the copy stops here, having touched nothing."""
    version = pg_schema_version(pg)
    if version > latest_version():
        raise CopyError(
            f"the target database is at schema version {version}, newer than this reactiond"
            f" ({latest_version()}): upgrade reactiond; nothing was copied"
        )


def copy_postgres_to_sqlite(source_url: str, target: Path) -> list[TableCopied]:
    """Every table of the PostgreSQL database at `source_url` into a new SQLite database at
    `target` (which must not exist), migrated to this reactiond's schema first; each table
    verified by count and checksum against the same snapshot it was read from."""
    if target.exists():
        raise CopyError(f"{target} already exists: pick another name")
    with psycopg.connect(source_url, autocommit=True) as pg:
        version = pg_schema_version(pg)
        if version > latest_version():  # the reactiond that uses it is newer than this one
            raise CopyError(
                f"the PostgreSQL database is at schema version {version}, newer than this"
                f" reactiond ({latest_version()}): back it up with the reactiond that uses it,"
                " or upgrade this one"
            )
        if version != latest_version():
            raise CopyError(
                f"the PostgreSQL database is at schema version {version}, this reactiond at "
                f"{latest_version()}: run the reactiond that uses it (it migrates at start)"
            )
        lite = open_connection(target)
        try:
            sqlite_migrate(lite)
            tables = _tables_parents_first(lite)
            pg.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            pg.read_only = True
            pg.autocommit = False
            with pg.transaction():  # one snapshot for the copy and its verification
                with lite:
                    for table in tables:
                        _copy_table_back(pg, lite, table)
                return [_verify(lite, pg, table) for table in tables]
        finally:
            lite.close()


def _copy_table_back(pg: psycopg.Connection[Any], lite: apsw.Connection, table: str) -> None:
    columns = _columns(lite, table)
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
    with pg.cursor(name=f"reactiond_backup_{table}") as cur:  # streamed, not all in memory
        cur.execute(f"SELECT {names} FROM {_pg_source(table)}")
        while batch := cur.fetchmany(5000):
            lite.executemany(insert, batch)


def _tables_parents_first(lite: apsw.Connection) -> list[str]:
    names = [
        str(r["name"])
        for r in lite.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    names = [n for n in names if n not in SKIPPED and not _is_fts_shadow(lite, n)]
    parents = {
        n: {
            str(r["table"])
            for r in lite.execute(f"SELECT \"table\" FROM pragma_foreign_key_list('{n}')")
        }
        - {n}
        for n in names
    }
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] <= set(ordered)]
        if not ready:
            raise CopyError(f"foreign keys form a cycle among {sorted(set(names) - set(ordered))}")
        ordered.extend(ready)
    return ordered


def _is_fts_shadow(lite: apsw.Connection, name: str) -> bool:
    row = lite.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    sql = str(row["sql"] or "") if row is not None else ""
    return "VIRTUAL TABLE" in sql.upper() or any(
        name.endswith(s) for s in ("_data", "_idx", "_docsize", "_config", "_content")
    )


def _columns(lite: apsw.Connection, table: str) -> list[str]:
    return [str(r["name"]) for r in lite.execute(f"SELECT name FROM pragma_table_info('{table}')")]


def _order(lite: apsw.Connection, table: str) -> list[str]:
    pk = [
        str(r["name"])
        for r in lite.execute(
            f"SELECT name, pk FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk"
        )
    ]
    return pk or _columns(lite, table)


def _make_room(pg: psycopg.Connection[Any], tables: Sequence[str], *, replace: bool) -> None:
    filled = [
        t
        for t in tables
        if (row := pg.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()) and row[0]
    ]
    if filled and not replace:
        raise CopyError(
            f"the target database already has rows (in {', '.join(filled)}): copy into an "
            "empty database, or add --replace to empty it first"
        )
    if filled:
        pg.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")


def _copy_table(lite: apsw.Connection, pg: psycopg.Connection[Any], table: str) -> None:
    columns = _columns(lite, table)
    names = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(f'"{c}"' for c in _order(lite, table))
    with pg.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for row in lite.execute(f'SELECT {names} FROM "{table}" ORDER BY {order}'):
            copy.write_row([row[c] for c in columns])


def _move_identities(pg: psycopg.Connection[Any], tables: Sequence[str]) -> None:
    """Tables with an `id` column: new rows get ids past the copied ones."""
    for table in tables:
        seq = pg.execute("SELECT pg_get_serial_sequence(%s, 'id')", (table,)).fetchone()
        if seq is None or seq[0] is None:
            continue
        pg.execute(
            f'SELECT setval(%s, COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)',
            (seq[0],),
        )


def _verify(lite: apsw.Connection, pg: psycopg.Connection[Any], table: str) -> TableCopied:
    columns = _columns(lite, table)
    names = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(f'"{c}"' for c in _order(lite, table))
    sql = f'SELECT {names} FROM "{table}" ORDER BY {order}'
    here_n, here = _checksum(tuple(r[c] for c in columns) for r in lite.execute(sql))
    there_sql = f"SELECT {names} FROM {_pg_source(table)} ORDER BY {order}"
    there_n, there = _checksum(pg.execute(there_sql).fetchall())
    if (here_n, here) != (there_n, there):
        raise CopyError(
            f"{table}: {here_n} rows in SQLite, {there_n} in PostgreSQL, checksums "
            f"{here[:12]} and {there[:12]}: the copy did not verify (nothing was kept "
            "from it if it failed; report this with both counts)"
        )
    return TableCopied(table, here_n, here)


def _checksum(rows: Iterable[Sequence[Any]]) -> tuple[int, str]:
    digest = hashlib.sha256()
    n = 0
    for row in rows:
        digest.update(json.dumps([_plain(v) for v in row], ensure_ascii=False).encode())
        digest.update(b"\n")
        n += 1
    return n, digest.hexdigest()


def _plain(value: Any) -> Any:
    # Both sides in one form: integers as integers, reals as their repr (8-byte doubles
    # on both), booleans as 0/1, bytes as hex.
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return value
