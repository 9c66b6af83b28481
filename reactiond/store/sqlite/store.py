"""`SqliteStore`: the `Store` interface on apsw, one group-committing writer, pooled readers."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import apsw
import structlog

from reactiond.private_files import private_dir, private_file
from reactiond.store.interface import (
    JOBS_TOPIC,
    JobPriority,
    StoreUnavailable,
)
from reactiond.store.sqlite.connection import BUSY_TIMEOUT_MS, migrate, open_connection
from reactiond.store.sqlite.transaction import SqliteTransaction
from reactiond.store.sqlite.writer import Writer, unavailable
from reactiond.store.store_methods import StoreMethods

T = TypeVar("T")
log = structlog.get_logger("reactiond.store")


class SqliteStore(StoreMethods):
    def __init__(
        self,
        path: Path,
        *,
        group_commit_max: int = 256,
        default_max_attempts: int = 8,
        readers: int = 2,
        job_priority: JobPriority | None = None,
    ) -> None:
        self.path = path
        self._job_priority = job_priority
        self._group_commit_max = group_commit_max
        self._default_max_attempts = default_max_attempts
        self._readers = readers
        self._writer: Writer | None = None
        self._write_conn: apsw.Connection | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._reader_conns: list[apsw.Connection] = []
        self._lock = threading.Lock()
        self._subscribers: dict[str, list[Callable[[], None]]] = {}

    # -- lifecycle -------------------------------------------------------------------
    async def open(self) -> None:
        private_dir(self.path.parent)
        private_file(self.path)  # 0600 whatever the umask; the WAL and SHM follow it
        conn = await asyncio.to_thread(self._open_and_migrate)
        self._write_conn = conn
        self._writer = Writer(conn, max_batch=self._group_commit_max, busy_ms=BUSY_TIMEOUT_MS)
        self._writer.start()
        self._pool = ThreadPoolExecutor(self._readers, thread_name_prefix="reactiond-reader")

    def _open_and_migrate(self) -> apsw.Connection:
        conn = open_connection(self.path)
        try:
            applied = migrate(conn)
        except apsw.Error as exc:
            conn.close()
            raise unavailable(exc) from exc
        except BaseException:
            conn.close()
            raise
        if applied:
            log.info("migrations_applied", migrations=applied, database=str(self.path))
        return conn

    async def close(self) -> None:
        if self._writer is not None:
            await self._writer.stop()
            self._writer = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        with self._lock:
            for c in self._reader_conns:
                c.close()
            self._reader_conns.clear()
        if self._write_conn is not None:
            self._write_conn.close()
            self._write_conn = None

    @property
    def group_commit_stats(self) -> tuple[int, int]:
        """(commits, writes) since open: writes / commits is the mean group size."""
        return (self._writer.commits, self._writer.writes) if self._writer else (0, 0)

    # -- generic access ----------------------------------------------------------------
    async def _write(self, fn: Callable[[SqliteTransaction], T], off_loop: bool = False) -> T:
        if self._writer is None:
            raise StoreUnavailable("the store is not open", "start reactiond first")
        box: list[SqliteTransaction] = []

        def run(conn: apsw.Connection) -> T:
            tx = SqliteTransaction(conn)
            box.append(tx)
            return fn(tx)

        result = await self._writer.submit(run, off_loop=off_loop)
        if box and box[0].jobs_enqueued:
            box[0].notify(JOBS_TOPIC)  # the worker wakes: no polling delay
        if box:
            for topic in box[0].topics:
                for callback in self._subscribers.get(topic, ()):
                    callback()
        return result

    async def write_bulk(self, fn: Callable[[SqliteTransaction], T]) -> T:
        """A write of many rows (retention's batches, the event log's pruning, rendered
        components kept): its statements run in the writer thread, not on the loop."""
        return await self._write(fn, off_loop=True)

    async def _read(self, fn: Callable[[SqliteTransaction], T]) -> T:
        if self._pool is None:
            raise StoreUnavailable("the store is not open", "start reactiond first")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._read_in_thread, fn)

    def _read_in_thread(self, fn: Callable[[SqliteTransaction], T]) -> T:
        conn: apsw.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_connection(self.path)
            self._local.conn = conn
            with self._lock:
                self._reader_conns.append(conn)
        try:
            with conn:  # one snapshot for the whole read
                result = fn(SqliteTransaction(conn))
        except apsw.Error as exc:
            raise unavailable(exc) from exc
        return result
