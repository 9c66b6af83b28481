"""The one writer: write functions run on the event loop, the commit in a thread.

Every write is a function of a transaction. Writes that arrive while a commit is in
flight wait; when it lands, everything waiting (up to `max_batch`) runs in one
`BEGIN IMMEDIATE` transaction, each function inside its own SAVEPOINT, and one COMMIT
(one fsync) acknowledges them all: durability and throughput together. A function that
raises rolls back to its savepoint alone; a commit that fails fails every function of
the group, and none of them is acknowledged.

Why the statements run on the event loop's thread and only the COMMIT in the writer
thread: apsw releases the GIL around every SQLite call, so a thread running a write's
statements has to win the GIL back from the busy event loop after each one. Measured
under webhook load (`bench/ingest.py`), that turned ~30 µs of SQL per write into
~230 µs of waiting. On the loop the statements run back to back; the waits that are
not CPU, the fsync of the commit and a write lock held by another process, happen in
the thread while the loop serves requests. Hence the rule for write functions: a
short transaction (a few statements); bulk work is chunked by its caller, as
retention does.

Bulk writes (`submit(fn, off_loop=True)`: retention's deletions, the event log's pruning,
a calendar's rendered components kept) run the other way: alone in their own
transaction, statements and commit in the thread. A batch of hundreds of deletions
(index and trigger upkeep included) held the loop for tens of milliseconds (issue 17:
loop p99 ≤ 5 ms while retention catches up); in the thread, SQLite runs without the
GIL and the loop waits only for the few Python lines between statements.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import apsw
import structlog

from reactiond.store.interface import StoreUnavailable

T = TypeVar("T")
log = structlog.get_logger("reactiond.store")


@dataclass
class _Write:
    fn: Callable[[apsw.Connection], Any]
    future: asyncio.Future[Any]
    off_loop: bool = False


Outcome = tuple[bool, Any]  # (succeeded, result or exception)


def unavailable(exc: BaseException) -> StoreUnavailable:
    """Translate a driver error into what an operator can act on."""
    if isinstance(exc, apsw.FullError):
        return StoreUnavailable("the disk is full", "free space in the data directory")
    if isinstance(exc, apsw.ReadOnlyError):
        return StoreUnavailable(
            "the database is read-only", "check the data directory's permissions and mount"
        )
    if isinstance(exc, apsw.BusyError | apsw.LockedError):
        return StoreUnavailable(
            "the database is locked by another process",
            "stop the other process holding it (another reactiond? a backup tool?)",
        )
    if isinstance(exc, apsw.IOError | apsw.CantOpenError):
        return StoreUnavailable("the disk failed a write", "check the disk and the data directory")
    return StoreUnavailable(f"the database failed: {exc}", "see the log; the write was not kept")


_TRANSIENT = (
    apsw.FullError,
    apsw.ReadOnlyError,
    apsw.BusyError,
    apsw.LockedError,
    apsw.IOError,
    apsw.CantOpenError,
)


@dataclass
class _Begin:
    """Ask the thread to open the transaction, waiting out another process's lock."""

    batch: list[_Write]


@dataclass
class _OffLoop:
    """Ask the thread to run one bulk write: begin, its statements, commit."""

    batch: list[_Write]


@dataclass
class _Commit:
    batch: list[_Write]
    outcomes: list[Outcome]


_STOP = object()


class Writer:
    """Owns the write connection. Used from the event loop that started it."""

    def __init__(self, conn: apsw.Connection, *, max_batch: int = 256, busy_ms: int) -> None:
        self._conn = conn
        self._max_batch = max_batch
        self._busy_ms = busy_ms
        self._pending: deque[_Write] = deque()
        self._idle = asyncio.Event()  # cleared while a group is open or committing
        self._idle.set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._requests: queue.SimpleQueue[_Begin | _OffLoop | _Commit | object] = (
            queue.SimpleQueue()
        )
        self._thread = threading.Thread(target=self._run, name="reactiond-writer", daemon=True)
        self._stopped = False
        self.commits = 0
        self.writes = 0

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        # The loop must never sleep on SQLite's busy handler: a lock held by another
        # process is waited out in the thread (see _Begin).
        self._conn.setbusytimeout(0)
        self._thread.start()

    async def submit(self, fn: Callable[[apsw.Connection], T], *, off_loop: bool = False) -> T:
        """Run `fn` in a write transaction, committed before this returns; `off_loop`: a
        bulk write, run alone in the writer thread (see the module's docstring)."""
        if self._stopped:
            raise StoreUnavailable("the store is closing", "retry after the restart")
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            raise RuntimeError("the store is used from the event loop that opened it only")
        future: asyncio.Future[T] = loop.create_future()
        self._pending.append(_Write(fn, future, off_loop))
        if self._idle.is_set():
            self._idle.clear()
            # Not at once: the writes of every request handled in this turn of the loop
            # join the group.
            loop.call_soon(self._open_group)
        # Not shielded: a caller that goes away leaves the write to commit or fail alone.
        return await future

    async def stop(self) -> None:
        """Commit what is waiting, then stop the thread."""
        if self._stopped:
            return
        self._stopped = True
        await self._idle.wait()
        self._requests.put(_STOP)
        await asyncio.to_thread(self._thread.join)

    # -- on the event loop ---------------------------------------------------------------
    def _open_group(self) -> None:
        if not self._pending:
            self._settled()
            return
        if self._pending[0].off_loop:
            self._requests.put(_OffLoop([self._pending.popleft()]))
            return
        batch: list[_Write] = []
        while self._pending and len(batch) < self._max_batch and not self._pending[0].off_loop:
            batch.append(self._pending.popleft())
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except apsw.BusyError:
            self._requests.put(_Begin(batch))  # another process writes: wait in the thread
            return
        except apsw.Error as exc:
            self._fail(batch, unavailable(exc))
            return
        self._run_group(batch)

    def _run_group(self, batch: list[_Write]) -> None:
        outcomes = self._statements(batch)
        if isinstance(outcomes, StoreUnavailable):
            self._fail(batch, outcomes)
            return
        self._requests.put(_Commit(batch, outcomes))

    def _statements(self, batch: list[_Write]) -> list[Outcome] | StoreUnavailable:
        """Run each write in its savepoint (on the loop, or in the thread for a bulk
        write); what failed the whole group if the savepoints themselves failed."""
        conn = self._conn
        outcomes: list[Outcome] = []
        try:
            for w in batch:
                conn.execute("SAVEPOINT w")
                try:
                    result = w.fn(conn)
                except BaseException as exc:  # one caller's failure must not sink the group
                    conn.execute("ROLLBACK TO w")
                    conn.execute("RELEASE w")
                    err = unavailable(exc) if isinstance(exc, _TRANSIENT) else exc
                    outcomes.append((False, err))
                else:
                    conn.execute("RELEASE w")
                    outcomes.append((True, result))
        except apsw.Error as exc:  # the savepoint machinery itself failed: drop the group
            with contextlib.suppress(apsw.Error):
                conn.execute("ROLLBACK")
            log.error("group_failed", error=str(exc), writes=len(batch))
            return unavailable(exc)
        return outcomes

    def _landed(self, batch: list[_Write], outcomes: list[Outcome]) -> None:
        self.commits += 1
        self.writes += len(batch)
        for w, (ok, value) in zip(batch, outcomes, strict=True):
            _settle(w, ok, value)
        self._next_group()

    def _fail(self, batch: list[_Write], err: StoreUnavailable) -> None:
        for w in batch:
            _settle(w, False, err)
        self._next_group()

    def _next_group(self) -> None:
        if self._pending:
            self._open_group()  # everything that arrived during the commit
        else:
            self._settled()

    def _settled(self) -> None:
        self._idle.set()

    # -- in the writer thread -----------------------------------------------------------
    def _run(self) -> None:
        while True:
            request = self._requests.get()
            if request is _STOP:
                return
            assert isinstance(request, _Begin | _OffLoop | _Commit)
            try:
                if isinstance(request, _Begin):
                    self._begin_waiting(request.batch)
                elif isinstance(request, _OffLoop):
                    self._run_off_loop(request.batch)
                else:
                    self._commit(request.batch, request.outcomes)
            except BaseException as exc:  # a dead thread would leave every write hanging
                log.exception("writer_failed", writes=len(request.batch))
                with contextlib.suppress(apsw.Error):
                    self._conn.execute("ROLLBACK")
                self._call_loop(self._fail, request.batch, unavailable(exc))

    def _begin_waiting(self, batch: list[_Write]) -> None:
        conn = self._conn
        conn.setbusytimeout(self._busy_ms)
        try:
            conn.execute("BEGIN IMMEDIATE")
        except apsw.Error as exc:
            self._call_loop(self._fail, batch, unavailable(exc))
            return
        finally:
            conn.setbusytimeout(0)
        self._call_loop(self._run_group, batch)

    def _run_off_loop(self, batch: list[_Write]) -> None:
        conn = self._conn
        conn.setbusytimeout(self._busy_ms)  # in the thread: another process's lock is waited
        try:
            conn.execute("BEGIN IMMEDIATE")
        except apsw.Error as exc:
            self._call_loop(self._fail, batch, unavailable(exc))
            return
        finally:
            conn.setbusytimeout(0)
        outcomes = self._statements(batch)
        if isinstance(outcomes, StoreUnavailable):
            self._call_loop(self._fail, batch, outcomes)
            return
        self._commit(batch, outcomes)

    def _commit(self, batch: list[_Write], outcomes: list[Outcome]) -> None:
        conn = self._conn
        try:
            conn.execute("COMMIT")
        except apsw.Error as exc:
            with contextlib.suppress(apsw.Error):
                conn.execute("ROLLBACK")
            log.error("commit_failed", error=str(exc), writes=len(batch))
            self._call_loop(self._fail, batch, unavailable(exc))
            return
        self._call_loop(self._landed, batch, outcomes)

    def _call_loop(self, fn: Callable[..., None], *args: Any) -> None:
        assert self._loop is not None
        # A closed loop means nobody is waiting any more.
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(fn, *args)


def _settle(w: _Write, ok: bool, value: Any) -> None:
    if w.future.done():  # the caller went away
        return
    if ok:
        w.future.set_result(value)
    else:
        w.future.set_exception(value)
