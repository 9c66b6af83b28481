"""`reactiond backup` and `reactiond restore` on PostgreSQL (issue 18): a logical copy
into a reactiond database file, taken while reactiond runs, restored by the CLI into an
empty database with every row, the counters and the text search as they were."""

# Raw SQL here: a backup compared table by table with its database.
from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import apsw
import psycopg
import pytest
from typer.testing import Result

from reactiond.store import leases_repo, records_query
from reactiond.store.postgres.copy import SKIPPED
from reactiond.store.postgres.migrations import latest_version
from reactiond.store.postgres.presence import daemon_name
from reactiond.store.postgres.store import PgStore
from reactiond.store.records_query import RecordFilter, RecordOrder
from reactiond.store.snapshot import StoreSnapshot, take_snapshot
from tests.cli_in_process import run_cli
from tests.fixtures import fixture, with_ids
from tests.postgres import Databases
from tests.store.contract.support import NOW, a_record, ingest


@pytest.fixture
def second_url(pg_databases: Databases) -> Iterator[str]:
    name = pg_databases.take()
    yield pg_databases.cluster.url(name)
    pg_databases.give_back(name)


def cli(url: str, *args: str) -> Result:
    """`reactiond ARGS` on the database at `url` and no other REACTIOND_* setting, in this
    process (call it in a thread: the CLI runs its own event loop)."""
    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("REACTIOND_")}
    return run_cli(env | {"REACTIOND_LANGUAGE": "en", "REACTIOND_DATABASE_URL": url}, *args)


def every_row(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with psycopg.connect(url) as conn:
        tables = [
            str(r[0])
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchall()
        ]
        return {
            t: conn.execute(FOLDED.get(t, f'SELECT * FROM "{t}" ORDER BY 1')).fetchall()
            for t in sorted(tables)
            if t not in SKIPPED
        }


# One row per server backend that counted (migration 015); a backup keeps the totals.
FOLDED = {
    "event_counters": "SELECT instance, event, outcome, SUM(count), MAX(last_at)"
    " FROM event_counters GROUP BY instance, event, outcome ORDER BY 1, 2, 3"
}


async def filled(url: str) -> StoreSnapshot:
    store = PgStore(url)
    await store.open()
    try:
        for i in range(3):
            await ingest(store, with_ids(fixture("messages.upsert.text-conversation.es"), f"b{i}"))
        await a_record(store, "n1", "notes", title="Receta del pan", body="harina", tags="[]")
        await a_record(store, "t1", "tasks", title="Pagar el predial")
        return await store.read(lambda tx: take_snapshot(tx, NOW))
    finally:
        await store.close()


async def read_back(url: str) -> tuple[StoreSnapshot, list[str]]:
    store = PgStore(url)
    await store.open()
    search = RecordFilter(table="tasks", search_columns=("title",), text="predial")
    try:
        snap = await store.read(lambda tx: take_snapshot(tx, NOW))
        rows = await store.read(lambda tx: records_query.record_page(tx, search, RecordOrder()))
        return snap, [str(r["title"]) for r in rows]
    finally:
        await store.close()


async def test_a_backup_restores_into_an_empty_database_with_every_row(
    tmp_path: Path, pg_url: str, second_url: str
) -> None:
    before = await filled(pg_url)
    made = await asyncio.to_thread(cli, pg_url, "backup", f"{tmp_path}/")
    assert made.exit_code == 0, made.stderr
    assert "backup written:" in made.stdout and "integrity ok" in made.stdout
    [file] = await asyncio.to_thread(lambda: list(tmp_path.glob("reactiond-*.db")))
    restored = await asyncio.to_thread(cli, second_url, "restore", str(file))
    assert restored.exit_code == 0, restored.stderr
    assert "PostgreSQL" in restored.stdout
    assert every_row(second_url) == every_row(pg_url)
    snap, found = await read_back(second_url)
    assert snap.jobs_by_status == before.jobs_by_status
    assert snap.outbox_by_status == before.outbox_by_status
    assert found == ["Pagar el predial"]


async def a_backup_of_filled(url: str, target: Path) -> None:
    await filled(url)
    made = await asyncio.to_thread(cli, url, "backup", str(target))
    assert made.exit_code == 0, made.stderr


async def test_a_restore_over_rows_needs_force(tmp_path: Path, pg_url: str) -> None:
    await a_backup_of_filled(pg_url, tmp_path / "b.db")
    refused = await asyncio.to_thread(cli, pg_url, "restore", str(tmp_path / "b.db"))
    assert refused.exit_code == 1
    assert "restore into an empty database, or add --force to empty it first" in refused.stderr
    forced = await asyncio.to_thread(cli, pg_url, "restore", "--force", str(tmp_path / "b.db"))
    assert forced.exit_code == 0, forced.stderr


async def test_a_restore_is_refused_while_reactiond_runs_on_the_database(
    tmp_path: Path, pg_url: str, second_url: str
) -> None:
    await a_backup_of_filled(pg_url, tmp_path / "b.db")
    running = PgStore(second_url)
    await running.open()
    try:
        await running.write(
            lambda tx: leases_repo.hold(tx, "outbox", "host:123:abc", 60.0, time.time())
        )
        refused = await asyncio.to_thread(cli, second_url, "restore", str(tmp_path / "b.db"))
    finally:
        await running.close()
    assert refused.exit_code == 1
    assert "reactiond is running on this database (host:123:abc)" in refused.stderr


async def test_a_backup_of_an_unreachable_server_says_so(tmp_path: Path) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"
    failed = await asyncio.to_thread(cli, url, "backup", str(tmp_path / "b.db"))
    assert failed.exit_code == 1 and "cannot reach PostgreSQL" in failed.stderr
    assert not await asyncio.to_thread(lambda: list(tmp_path.iterdir()))


async def test_a_restore_is_refused_while_a_web_process_runs_on_the_database(
    tmp_path: Path, pg_url: str, second_url: str
) -> None:
    """A web process holds no task lease; its sessions name it on the server."""
    await a_backup_of_filled(pg_url, tmp_path / "b.db")
    web = PgStore(second_url, application_name=daemon_name("web"))
    await web.open()
    try:
        refused = await asyncio.to_thread(
            cli, second_url, "restore", "--force", str(tmp_path / "b.db")
        )
    finally:
        await web.close()
    assert refused.exit_code == 1
    assert "reactiond is running on this database (--role web " in refused.stderr


async def test_a_backup_where_no_file_can_be_made_is_one_line(pg_url: str) -> None:
    await filled(pg_url)
    failed = await asyncio.to_thread(cli, pg_url, "backup", "/proc/reactiond-backup.db")
    assert failed.exit_code == 1
    [line] = failed.stderr.splitlines()
    assert line.startswith("reactiond: cannot write /proc/reactiond-backup.db: ")
    assert "REACTIOND_DATA_DIR" not in line  # the hint is about the backup's directory


async def test_a_restore_into_a_database_from_a_newer_reactiond_is_one_line(
    tmp_path: Path, pg_url: str, second_url: str
) -> None:
    await a_backup_of_filled(pg_url, tmp_path / "b.db")
    with psycopg.connect(second_url) as conn:
        conn.execute("UPDATE reactiond_schema SET version = version + 1")
    refused = await asyncio.to_thread(cli, second_url, "restore", "--force", str(tmp_path / "b.db"))
    assert refused.exit_code == 1 and isinstance(refused.exception, SystemExit)
    [line] = refused.stderr.splitlines()
    assert "newer than this reactiond" in line
    assert line.endswith("upgrade reactiond; nothing was restored")


async def test_a_backup_from_a_newer_reactiond_is_refused_in_one_line(
    tmp_path: Path, pg_url: str, second_url: str
) -> None:
    await a_backup_of_filled(pg_url, tmp_path / "b.db")
    file = apsw.Connection(str(tmp_path / "b.db"))
    file.execute(f"PRAGMA user_version = {latest_version() + 1}")
    file.close()
    refused = await asyncio.to_thread(cli, second_url, "restore", str(tmp_path / "b.db"))
    assert refused.exit_code == 1 and isinstance(refused.exception, SystemExit)
    [line] = refused.stderr.splitlines()
    assert line == (
        f"reactiond: {tmp_path / 'b.db'} has schema version {latest_version() + 1}, newer than"
        f" this reactiond ({latest_version()}): upgrade reactiond first"
    )


async def test_a_backup_of_a_database_from_a_newer_reactiond_says_to_upgrade(
    tmp_path: Path, pg_url: str
) -> None:
    with psycopg.connect(pg_url) as conn:
        conn.execute("UPDATE reactiond_schema SET version = version + 1")
    refused = await asyncio.to_thread(cli, pg_url, "backup", f"{tmp_path}/")
    assert refused.exit_code == 1
    [line] = refused.stderr.splitlines()
    assert (
        f"the PostgreSQL database is at schema version {latest_version() + 1}, newer than this"
        f" reactiond ({latest_version()}): back it up with the reactiond that uses it, or"
        " upgrade this one; nothing was written to " in line
    )
    assert not await asyncio.to_thread(lambda: list(tmp_path.iterdir()))
