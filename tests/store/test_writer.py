"""The one writer: groups run on the event loop, lock waits and fsyncs stay off it."""

# Raw SQL here: the SQLite writer itself: group commits and errors on scratch tables.
from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import apsw
import pytest

from reactiond.store.interface import StoreUnavailable
from reactiond.store.sqlite.connection import open_connection
from reactiond.store.sqlite.writer import Writer
from tests.waiting import PATIENCE


@pytest.fixture
async def writer(tmp_path: Path) -> AsyncIterator[Writer]:
    conn = open_connection(tmp_path / "w.db")
    conn.execute("CREATE TABLE t (x INTEGER)")
    w = Writer(conn, busy_ms=300)
    w.start()
    try:
        yield w
    finally:
        await w.stop()
        conn.close()


def insert(x: int) -> Callable[[apsw.Connection], int]:
    def fn(conn: apsw.Connection) -> int:
        conn.execute("INSERT INTO t (x) VALUES (?)", (x,))
        return x

    return fn


def rows(path: Path) -> list[int]:
    conn = open_connection(path)
    try:
        return [r["x"] for r in conn.execute("SELECT x FROM t ORDER BY x")]
    finally:
        conn.close()


def hold_write_lock(path: Path, seconds: float) -> threading.Event:
    """Another connection (as the CLI in another process) holds the write lock a while;
    the event returned is set once it let go."""
    taken, released = threading.Event(), threading.Event()

    def run() -> None:
        other = open_connection(path)
        other.execute("BEGIN IMMEDIATE")
        taken.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()
        released.set()

    threading.Thread(target=run, daemon=True).start()
    taken.wait()
    return released


async def test_writes_waiting_together_share_one_commit(writer: Writer, tmp_path: Path) -> None:
    results = await asyncio.gather(*(writer.submit(insert(i)) for i in range(50)))
    assert results == list(range(50))
    assert writer.writes == 50
    assert writer.commits < 5
    assert rows(tmp_path / "w.db") == list(range(50))


async def test_a_lock_held_elsewhere_is_waited_out_while_the_loop_runs_on(
    writer: Writer, tmp_path: Path
) -> None:
    hold_write_lock(tmp_path / "w.db", 0.2)
    write = asyncio.ensure_future(writer.submit(insert(1)))
    ticks = 0
    while not write.done():
        await asyncio.sleep(0.01)
        ticks += 1
    assert await write == 1
    assert ticks >= 5  # the loop kept turning while the thread waited for the lock
    assert rows(tmp_path / "w.db") == [1]


async def test_a_lock_held_past_the_busy_timeout_fails_the_write_as_locked(
    writer: Writer, tmp_path: Path
) -> None:
    released = hold_write_lock(tmp_path / "w.db", 1.0)
    with pytest.raises(StoreUnavailable) as caught:
        await writer.submit(insert(1))
    assert "locked by another process" in caught.value.reason
    assert await asyncio.to_thread(released.wait, PATIENCE)  # the other writer let go
    assert await writer.submit(insert(2)) == 2
    assert rows(tmp_path / "w.db") == [2]


async def test_a_failing_commit_acknowledges_none_of_its_group(
    writer: Writer, tmp_path: Path
) -> None:
    def break_a_deferred_key(conn: apsw.Connection) -> None:
        # A deferred foreign key is checked at COMMIT: the commit itself fails.
        conn.execute(
            "CREATE TABLE IF NOT EXISTS parent (id INTEGER PRIMARY KEY);"
            "CREATE TABLE IF NOT EXISTS child (p INTEGER REFERENCES parent(id)"
            " DEFERRABLE INITIALLY DEFERRED);"
            "INSERT INTO child (p) VALUES (99)"
        )

    results = await asyncio.gather(
        writer.submit(insert(1)),
        writer.submit(break_a_deferred_key),
        return_exceptions=True,
    )
    assert all(isinstance(r, StoreUnavailable) for r in results)
    assert rows(tmp_path / "w.db") == []
    assert await writer.submit(insert(3)) == 3


async def test_stop_commits_the_writes_still_waiting(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "w.db")
    conn.execute("CREATE TABLE t (x INTEGER)")
    w = Writer(conn, busy_ms=300)
    w.start()
    pending = [asyncio.ensure_future(w.submit(insert(i))) for i in range(3)]
    await asyncio.sleep(0)
    await w.stop()
    assert [p.result() for p in pending] == [0, 1, 2]
    conn.close()
    assert rows(tmp_path / "w.db") == [0, 1, 2]


async def test_a_stopped_writer_refuses_new_writes(writer: Writer) -> None:
    await writer.stop()
    with pytest.raises(StoreUnavailable):
        await writer.submit(insert(1))


def test_the_writer_serves_only_the_event_loop_that_started_it(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "w.db")
    conn.execute("CREATE TABLE t (x INTEGER)")
    w = Writer(conn, busy_ms=300)

    async def start() -> None:
        w.start()

    asyncio.run(start())
    with pytest.raises(RuntimeError, match="event loop that opened it"):
        asyncio.run(w.submit(insert(1)))
    asyncio.run(w.stop())
    conn.close()


async def test_an_unexpected_error_in_the_thread_fails_its_group_and_writing_goes_on(
    writer: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_commit = writer._commit
    calls = 0

    def commit_once_broken(batch: Any, outcomes: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise MemoryError("no memory for the commit")
        real_commit(batch, outcomes)

    monkeypatch.setattr(writer, "_commit", commit_once_broken)
    with pytest.raises(StoreUnavailable):
        await writer.submit(insert(1))
    assert await writer.submit(insert(2)) == 2
    assert rows(tmp_path / "w.db") == [2]


async def test_write_functions_run_on_the_event_loop_thread_and_commits_off_it(
    writer: Writer,
) -> None:
    # The design's point (docs/decisions.md): statements on the loop, no GIL ping-pong
    # with a thread per statement; only the COMMIT's fsync waits elsewhere.
    seen: list[str] = []

    def where(conn: apsw.Connection) -> None:
        seen.append(threading.current_thread().name)
        conn.execute("INSERT INTO t (x) VALUES (1)")

    commits: list[str] = []
    real_commit = writer._commit

    def spy(batch: Any, outcomes: Any) -> None:
        commits.append(threading.current_thread().name)
        real_commit(batch, outcomes)

    writer._commit = spy  # type: ignore[method-assign]
    await writer.submit(where)
    assert seen == [threading.main_thread().name]
    assert commits == ["reactiond-writer"]


async def test_a_bulk_write_runs_alone_in_the_writer_thread(writer: Writer, tmp_path: Path) -> None:
    # Issue 17: hundreds of deletions per retention batch held the loop for tens of ms;
    # a bulk write's statements run in the thread, in a transaction of their own, and
    # the small writes around it still group on the loop.
    seen: list[tuple[str, int]] = []

    def bulk(conn: apsw.Connection) -> None:
        seen.append((threading.current_thread().name, 0))
        conn.execute("INSERT INTO t (x) VALUES (10), (11), (12)")

    def where(x: int) -> Callable[[apsw.Connection], int]:
        def fn(conn: apsw.Connection) -> int:
            seen.append((threading.current_thread().name, x))
            return insert(x)(conn)

        return fn

    commits_before = writer.commits
    await asyncio.gather(
        writer.submit(where(1)),
        writer.submit(bulk, off_loop=True),
        writer.submit(where(2)),
        writer.submit(where(3)),
    )
    assert seen == [
        (threading.main_thread().name, 1),
        ("reactiond-writer", 0),
        (threading.main_thread().name, 2),
        (threading.main_thread().name, 3),
    ]
    assert writer.commits - commits_before == 3  # [1], [bulk], [2, 3]
    assert rows(tmp_path / "w.db") == [1, 2, 3, 10, 11, 12]


async def test_a_failing_bulk_write_fails_alone(writer: Writer, tmp_path: Path) -> None:
    def bad(conn: apsw.Connection) -> None:
        conn.execute("INSERT INTO t (x) VALUES (99)")
        raise ValueError("no")

    with pytest.raises(ValueError):
        await writer.submit(bad, off_loop=True)
    assert await writer.submit(insert(5)) == 5
    assert rows(tmp_path / "w.db") == [5]
