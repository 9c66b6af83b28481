"""Moving over from SQLite: every row copied, verified by count and checksum, new rows
still get fresh ids, and a target that has rows is refused unless asked."""

# Raw SQL here: a store copy compared table by table with its source.
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import apsw
import psycopg
import pytest
from typer.testing import Result

from reactiond.evolution.inbound import Translation, translate
from reactiond.ops.lock import DataDirLock
from reactiond.store.postgres.copy import CopyError, copy_sqlite_to_postgres
from reactiond.store.postgres.migrations import latest_version
from reactiond.store.postgres.presence import daemon_name
from reactiond.store.postgres.store import PgStore
from reactiond.store.sqlite.store import SqliteStore
from tests.cli_in_process import run_cli
from tests.fixtures import INSTANCE, REPO, fixture, with_ids
from tests.waiting import eventually

PAYLOADS = [
    "messages.upsert.text-conversation.es",
    "messages.upsert.reaction-add",
    "messages.upsert.group-text.pt",
    "messages.upsert.reaction-group-other-participant",
    "messages.upsert.reaction-lid",
]


async def ingest(store: SqliteStore | PgStore, name: str, suffix: str) -> None:
    t = translate(with_ids(fixture(name), suffix), instance_from_url=INSTANCE)
    assert isinstance(t, Translation)
    await store.ingest(t.instance, t.event, t.events, time.time())


async def a_sqlite_database(tmp_path: Path) -> Path:
    path = tmp_path / "reactiond.db"
    store = SqliteStore(path)
    await store.open()
    try:
        for i in range(4):
            for name in PAYLOADS:
                await ingest(store, name, f"copy{i}")
    finally:
        await store.close()
    return path


def counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {
            t: int(conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0])  # type: ignore[index]
            for t in ("messages", "reactions", "people", "person_ids", "jobs", "event_counters")
        }


async def test_every_row_is_copied_and_verified(tmp_path: Path, pg_url: str) -> None:
    source = await a_sqlite_database(tmp_path)
    copied = {c.table: c for c in copy_sqlite_to_postgres(source, pg_url)}
    assert counts(pg_url) == {t: copied[t].rows for t in counts(pg_url)}
    assert copied["messages"].rows == 8 and copied["reactions"].rows == 12
    assert copied["jobs"].rows == 12  # one per reaction, as queued on SQLite


async def test_the_copied_tables_are_analyzed_for_the_planner(tmp_path: Path, pg_url: str) -> None:
    source = await a_sqlite_database(tmp_path)
    copy_sqlite_to_postgres(source, pg_url)
    with psycopg.connect(pg_url) as conn:
        row = conn.execute("SELECT reltuples FROM pg_class WHERE oid = 'jobs'::regclass").fetchone()
    assert row is not None and row[0] == 12  # -1 (never analyzed) without the ANALYZE


async def test_the_copy_keeps_working_on_postgres(tmp_path: Path, pg_url: str) -> None:
    source = await a_sqlite_database(tmp_path)
    copy_sqlite_to_postgres(source, pg_url)
    store = PgStore(pg_url)
    await store.open()
    try:
        await ingest(store, "messages.upsert.text-conversation.es", "after-the-move")
        job = await store.claim_next_job(["reaction"], "w", 60, time.time())
        assert job is not None and job.attempts == 1
    finally:
        await store.close()
    assert counts(pg_url)["messages"] == 9  # a fresh id past the copied ones


async def test_a_target_with_rows_is_refused_unless_replaced(tmp_path: Path, pg_url: str) -> None:
    source = await a_sqlite_database(tmp_path)
    copy_sqlite_to_postgres(source, pg_url)
    with pytest.raises(CopyError, match="already has rows"):
        copy_sqlite_to_postgres(source, pg_url)
    again = {c.table: c.rows for c in copy_sqlite_to_postgres(source, pg_url, replace=True)}
    assert again["messages"] == 8


def copy_command(source: Path, url: str, *more: str) -> Result:
    """`reactiond store copy` with no REACTIOND_* setting, in this process (call it in a
    thread: the CLI runs its own event loop)."""
    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("REACTIOND_")}
    args = ("store", "copy", "--from", str(source), "--to", url, *more)
    return run_cli(env | {"REACTIOND_LANGUAGE": "en"}, *args)


async def test_the_cli_copies_and_says_what_it_verified(tmp_path: Path, pg_url: str) -> None:
    source = await a_sqlite_database(tmp_path)
    done = await asyncio.to_thread(copy_command, source, pg_url)
    assert done.exit_code == 0, done.stderr
    assert "messages: 8 rows, verified" in done.stdout
    again = await asyncio.to_thread(copy_command, source, pg_url)
    assert again.exit_code == 1 and "--replace" in again.stderr


async def test_a_target_that_cannot_be_reached_is_one_line_saying_what_to_check(
    tmp_path: Path,
) -> None:
    source = await a_sqlite_database(tmp_path)
    url = "postgresql://reactiond:s3cret@127.0.0.1:1/none?connect_timeout=2"
    failed = await asyncio.to_thread(copy_command, source, url)
    assert failed.exit_code == 1
    [line] = failed.stderr.splitlines()
    assert line.startswith("reactiond: cannot reach PostgreSQL (")
    assert line.endswith("check the --to URL and that the server runs; nothing was copied")
    assert "s3cret" not in failed.stderr + failed.stdout


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", "no se puede conectar con PostgreSQL (refused): revisa la URL de --to"),
        ("pt", "não é possível conectar ao PostgreSQL (refused): verifique a URL de --to"),
        ("fr", "impossible de joindre PostgreSQL (refused) : vérifiez l'URL de --to"),
    ],
)
def test_the_unreachable_target_is_said_in_the_cli_language(language: str, words: str) -> None:
    from reactiond.cli.click import say

    english = "cannot reach PostgreSQL (refused): check the --to URL and that the server runs;"
    assert say(english + " nothing was copied", language).startswith(words)


@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_an_unreachable_database_is_said_in_the_cli_language(language: str) -> None:
    from reactiond.cli.click import say

    english = (
        "the database server is unreachable (refused): check that PostgreSQL runs and accepts"
        " connections (REACTIOND_DATABASE_URL)"
    )
    said = say(english, language)
    assert "unreachable" not in said and "(refused)" in said and "REACTIOND_DATABASE_URL" in said


async def test_a_copy_is_refused_while_reactiond_runs_on_the_target(
    tmp_path: Path, pg_url: str
) -> None:
    source = await a_sqlite_database(tmp_path)
    worker = PgStore(pg_url, application_name=daemon_name("worker"))
    await worker.open()
    try:
        refused = await asyncio.to_thread(copy_command, source, pg_url, "--replace")
    finally:
        await worker.close()
    assert refused.exit_code == 1
    assert "reactiond is running on this database (--role worker " in refused.stderr
    assert counts(pg_url)["messages"] == 0  # nothing emptied, nothing copied


async def test_a_copy_is_refused_while_a_daemon_uses_the_sqlite_database(
    tmp_path: Path, pg_url: str
) -> None:
    source = await a_sqlite_database(tmp_path)
    with DataDirLock(source.parent):  # as `reactiond run` holds its data dir
        refused = await asyncio.to_thread(copy_command, source, pg_url)
    assert refused.exit_code == 1
    assert f"(process {os.getpid()}) is running on {source}: stop it first" in refused.stderr


async def test_a_target_url_libpq_cannot_read_is_one_line_saying_how_to_write_it(
    tmp_path: Path, pg_url: str
) -> None:
    source = await a_sqlite_database(tmp_path)
    refused = await asyncio.to_thread(copy_command, source, pg_url + "?foo=bar")
    assert refused.exit_code == 1
    [line] = refused.stderr.splitlines()
    assert "the --to URL is not a usable PostgreSQL URL" in line and "percent-encoded" in line


def a_newer_schema(url: str) -> None:
    """The database as a newer reactiond leaves it: one migration past this one's."""
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE reactiond_schema SET version = version + 1")


async def test_a_target_from_a_newer_reactiond_is_one_line_saying_to_upgrade(
    tmp_path: Path, pg_url: str
) -> None:
    source = await a_sqlite_database(tmp_path)
    a_newer_schema(pg_url)
    refused = await asyncio.to_thread(copy_command, source, pg_url, "--replace")
    assert refused.exit_code == 1 and isinstance(refused.exception, SystemExit)
    [line] = refused.stderr.splitlines()
    assert line.startswith("reactiond: the target database is at schema version ")
    assert line.endswith("upgrade reactiond; nothing was copied")
    assert counts(pg_url)["messages"] == 0


async def test_a_source_from_a_newer_reactiond_says_to_upgrade_not_to_start_this_one(
    tmp_path: Path, pg_url: str
) -> None:
    source = await a_sqlite_database(tmp_path)
    lite = apsw.Connection(str(source))
    lite.execute(f"PRAGMA user_version = {latest_version() + 1}")
    lite.close()
    refused = await asyncio.to_thread(copy_command, source, pg_url)
    assert refused.exit_code == 1
    [line] = refused.stderr.splitlines()
    assert line == (
        f"reactiond: {source} is at schema version {latest_version() + 1}, newer than this"
        f" reactiond ({latest_version()}): upgrade reactiond, then copy"
    )


def _copy_process(source: Path, url: str) -> subprocess.Popen[str]:
    """`reactiond store copy` as a terminal runs it: a process Ctrl-C can interrupt."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REACTIOND_")}
    return subprocess.Popen(
        [sys.executable, "-m", "reactiond", "store", "copy", "--from", str(source), "--to", url],
        cwd=REPO,
        env=env | {"REACTIOND_LANGUAGE": "en"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def _interrupted_while_waiting_on(url: str, table: str, mode: str, source: Path) -> Any:
    """Holds a lock on `table` that the copy waits for, and sends SIGINT to the copy
    while it waits: (exit code, stderr)."""
    with psycopg.connect(url) as holder:
        holder.execute(f'LOCK TABLE "{table}" IN {mode} MODE')
        copy = _copy_process(source, url)
        try:

            async def waiting() -> bool:
                with psycopg.connect(url) as look:
                    row = look.execute(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                        " AND wait_event_type = 'Lock'"
                    ).fetchone()
                return bool(row and row[0])

            await eventually(waiting, what=f"the copy waiting for {table}")
            copy.send_signal(signal.SIGINT)
            _, err = await asyncio.to_thread(copy.communicate, timeout=60)
        finally:
            if copy.poll() is None:
                copy.kill()
        holder.rollback()
    return copy.returncode, err


async def test_a_copy_interrupted_before_its_commit_says_nothing_was_copied(
    tmp_path: Path, pg_url: str
) -> None:
    source = await a_sqlite_database(tmp_path)
    # The copy writes the messages in its one transaction: it waits there.
    code, err = await _interrupted_while_waiting_on(pg_url, "messages", "EXCLUSIVE", source)
    assert code == 130, err
    assert "interrupted: nothing was copied; run the same command again" in err, err
    assert counts(pg_url)["messages"] == 0
    again = {c.table: c.rows for c in copy_sqlite_to_postgres(source, pg_url)}
    assert again["messages"] == 8  # run again, as it says


async def test_a_copy_interrupted_before_its_verification_says_to_copy_again_with_replace(
    tmp_path: Path, pg_url: str
) -> None:
    source = await a_sqlite_database(tmp_path)
    # Rows go in beside this lock; the ANALYZE after the commit waits for it.
    code, err = await _interrupted_while_waiting_on(
        pg_url, "messages", "SHARE UPDATE EXCLUSIVE", source
    )
    assert code == 130, err
    assert "before they were verified: run the same command again with --replace" in err, err
    assert counts(pg_url)["messages"] == 8
    again = {c.table: c.rows for c in copy_sqlite_to_postgres(source, pg_url, replace=True)}
    assert again["messages"] == 8
