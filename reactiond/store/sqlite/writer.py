"""The one writer: a thread that owns the write connection and commits in groups.

Every write is a function of a transaction. The thread takes everything waiting (up to
`max_batch`), runs each function inside its own SAVEPOINT in one `BEGIN IMMEDIATE`
transaction, commits once, and only then resolves the callers' futures. With many
webhook requests in flight, one fsync acknowledges all of them: durability and
throughput together. A function that raises rolls back to its savepoint alone; a commit
that fails fails every function of the group, and none of them is acknowledged.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
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
    loop: asyncio.AbstractEventLoop


_STOP = object()


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


class Writer:
    def __init__(self, conn: apsw.Connection, *, max_batch: int = 256) -> None:
        self._conn = conn
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[_Write | object] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="reactiond-writer", daemon=True)
        self._stopped = False
        self.commits = 0
        self.writes = 0

    def start(self) -> None:
        self._thread.start()

    async def submit(self, fn: Callable[[apsw.Connection], T]) -> T:
        if self._stopped:
            raise StoreUnavailable("the store is closing", "retry after the restart")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Write(fn, future, loop))
        # Not shielded: a caller that goes away leaves the write to commit or fail alone.
        return await future

    def stop(self) -> None:
        """Flush what is queued, then stop the thread (blocking)."""
        if not self._stopped:
            self._stopped = True
            self._queue.put(_STOP)
            self._thread.join()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch: list[_Write] = [first]  # type: ignore[list-item]
            stop_after = False
            while len(batch) < self._max_batch:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is _STOP:
                    stop_after = True
                    break
                batch.append(nxt)  # type: ignore[arg-type]
            self._commit(batch)
            if stop_after:
                return

    def _commit(self, batch: list[_Write]) -> None:
        conn = self._conn
        outcomes: list[tuple[bool, Any]] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
        except apsw.Error as exc:
            err = unavailable(exc)
            for w in batch:
                _resolve(w, False, err)
            return
        for w in batch:
            conn.execute("SAVEPOINT w")
            try:
                result = w.fn(conn)
            except BaseException as exc:  # one caller's failure must not sink the group
                try:
                    conn.execute("ROLLBACK TO w")
                    conn.execute("RELEASE w")
                except apsw.Error:
                    pass
                outcomes.append((False, unavailable(exc) if isinstance(exc, _TRANSIENT) else exc))
            else:
                conn.execute("RELEASE w")
                outcomes.append((True, result))
        try:
            conn.execute("COMMIT")
        except apsw.Error as exc:
            with contextlib.suppress(apsw.Error):
                conn.execute("ROLLBACK")
            log.error("commit_failed", error=str(exc), writes=len(batch))
            err = unavailable(exc)
            for w in batch:
                _resolve(w, False, err)
            return
        self.commits += 1
        self.writes += len(batch)
        _resolve_all(batch, outcomes)


def _resolve(w: _Write, ok: bool, value: Any) -> None:
    _resolve_all([w], [(ok, value)])


def _resolve_all(batch: list[_Write], outcomes: list[tuple[bool, Any]]) -> None:
    """Settle a whole group's futures with one wake-up per event loop, not one per write."""
    by_loop: dict[asyncio.AbstractEventLoop, list[tuple[_Write, bool, Any]]] = {}
    for w, (ok, value) in zip(batch, outcomes, strict=True):
        by_loop.setdefault(w.loop, []).append((w, ok, value))

    def settle(items: list[tuple[_Write, bool, Any]]) -> None:
        for w, ok, value in items:
            if w.future.done():
                continue
            if ok:
                w.future.set_result(value)
            else:
                w.future.set_exception(value)

    for loop, items in by_loop.items():
        # A closed loop means nobody is waiting any more.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(settle, items)
