"""`PgStore`: the `Store` interface on PostgreSQL, for several processes on one database.

Why the transactions run on psycopg's *synchronous* pool, in threads: the `Transaction`
protocol is synchronous (repositories, the reaction's effects, the outbox are plain
functions of a transaction, shared with SQLite), so a transaction's statements run one
after the other on one connection in a worker thread, and the event loop awaits the
whole transaction (psycopg releases the GIL while it waits on the network). What is
naturally asynchronous is: the wake-ups. One `AsyncConnection` LISTENs on the
`reactiond` channel (`conn.notifies()`), and each notification, sent inside the
transaction that made the change, wakes this process's subscribers: the worker for
`jobs`, the outbox sender for `outbox`, the SSE stream for `event_log`. Commits of this
process wake its own subscribers at once too, without the round trip.

Every transaction is its own (READ COMMITTED for writes, one REPEATABLE READ snapshot
for reads): PostgreSQL serialises what must be (row locks, unique indexes), and a
deadlock or serialisation failure is retried a few times. A database that cannot be
reached is `StoreUnavailable`: the webhook answers 503 and Evolution redelivers.
"""

from __future__ import annotations

import asyncio
import contextlib
import select
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import psycopg
import structlog
from psycopg import errors as pg_errors
from psycopg.types.numeric import FloatLoader
from psycopg_pool import ConnectionPool, PoolTimeout

from reactiond.store.interface import JobPriority, StoreUnavailable
from reactiond.store.postgres import queue as pg_queue
from reactiond.store.postgres.migrations import migrate
from reactiond.store.postgres.presence import CLIENT_NAME, NAMEDATALEN
from reactiond.store.postgres.said import URL_FORM, first_line
from reactiond.store.postgres.said import refused as login_refused
from reactiond.store.postgres.transaction import (
    CHANNEL,
    JOBS_TOPIC,
    PgTransaction,
    forget_prepared,
)
from reactiond.store.queries import query
from reactiond.store.store_methods import StoreMethods

T = TypeVar("T")
log = structlog.get_logger("reactiond.store")

# Run the whole transaction again: a deadlock or serialisation failure, or a unique key
# another process committed first (two processes seeding the default rules at once): the
# second run reads what the other committed. A unique violation still there after the
# retries is the caller's (its own duplicate), raised as it is.
IDLE_IN_TRANSACTION_MS = 10_000
# How often the counters' rows of ended server sessions are folded (migration 012).
FOLD_COUNTERS_EVERY = 3600.0

_RETRIED = (
    pg_errors.DeadlockDetected,
    pg_errors.SerializationFailure,
    pg_errors.UniqueViolation,
    # A session's prepared statements that were not what this process thought (it forgets
    # them all after a failed transaction, and then deallocates them): run it again.
    pg_errors.InvalidSqlStatementName,
    pg_errors.DuplicatePreparedStatement,
)


# While the server refuses connections, a transaction waits this long for the pool to
# get one back, not the whole connect timeout: a page, an API call or a webhook (which
# Evolution delivers again) answers 503 at once instead of after 5 s each; the pool
# keeps reconnecting meanwhile, and the first transaction that gets a connection ends it.
OUTAGE_WAIT_SECONDS = 0.5


def unavailable(
    exc: BaseException, *, refused: bool = False, url: str | None = None
) -> StoreUnavailable:
    """Translate a driver error into what an operator can act on. `refused`: a pool
    timeout while the pool's own connection attempts fail (the server is down or refuses
    this user), not while every connection is busy. `url`: the connection was being made
    to it, so a login the server refused, or a database it does not have, is said as that."""
    if isinstance(exc, PoolTimeout) and refused:
        return StoreUnavailable(
            "the database server does not accept connections",
            "check that PostgreSQL runs and accepts connections (REACTIOND_DATABASE_URL);"
            " reactiond reconnects by itself",
        )
    if isinstance(exc, PoolTimeout):
        return StoreUnavailable(
            "no database connection is free or the server does not answer",
            "check that PostgreSQL runs and accepts connections (REACTIOND_DATABASE_URL)",
        )
    if isinstance(exc, pg_errors.DiskFull):
        return StoreUnavailable("the database server's disk is full", "free space on it")
    if isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        return StoreUnavailable(
            "the database is read-only (a standby?)", "point REACTIOND_DATABASE_URL at the primary"
        )
    if isinstance(exc, psycopg.OperationalError):
        if url is not None and (login := login_refused(exc, url, "REACTIOND_DATABASE_URL")):
            return StoreUnavailable(*login)
        # The server's own first line says which: refused, unknown host, a timeout.
        return StoreUnavailable(
            f"the database server is unreachable ({first_line(exc)})",
            "check that PostgreSQL runs and accepts connections (REACTIOND_DATABASE_URL)",
        )
    return StoreUnavailable(f"the database failed: {exc}", "see the log; the write was not kept")


def check_idle(conn: psycopg.Connection[Any]) -> None:
    """The pool's check of a connection it lends, without a round trip when none is needed.

    psycopg's own check (`check_connection`) sends an empty query on every loan: a round
    trip, and a transaction in pg_stat_database, for each of reactiond's transactions
    (half of all of them, in issue 18's count). An idle connection receives nothing
    unprompted unless something happened to its session: the server ended it (a restart, a
    terminated backend: an error message, then end of file) or sent a notice. Only then is
    the round trip made; a connection the server closed fails it and the pool takes a new
    one, as before. (A network cut with nothing delivered shows only when a statement is
    sent: the transaction then fails as StoreUnavailable, as it would have failed the
    check.)"""
    if conn.closed or conn.broken:
        raise psycopg.OperationalError("the connection is closed")
    readable, _, _ = select.select([conn.fileno()], [], [], 0)
    if readable:
        ConnectionPool.check_connection(conn)


def _configure(conn: psycopg.Connection[Any]) -> None:
    # Each transaction says its own BEGIN, with its first statement (PgTransaction).
    conn.autocommit = True
    # The store prepares its statements itself (PgTransaction: PREPARE, then EXECUTE, in its
    # one-string batches) and deallocates them all after a failure: psycopg's own prepared
    # statements (a plain cursor's fifth run of a text, e.g. ROLLBACK) would vanish with them.
    conn.prepare_threshold = None
    # NUMERIC (SUM of integers, AVG, a float parameter selected back) comes back as a float,
    # as SQLite gives it: the repositories add, compare and JSON-encode these values.
    conn.adapters.register_loader("numeric", FloatLoader)


class PgStore(StoreMethods):
    _queue = pg_queue  # the claim takes FOR UPDATE SKIP LOCKED; the rest is shared

    def __init__(
        self,
        url: str,
        *,
        default_max_attempts: int = 8,
        job_priority: JobPriority | None = None,
        pool_size: int = 8,
        connect_timeout: float = 5.0,
        application_name: str = CLIENT_NAME,
    ) -> None:
        self.url = url
        self._application_name = application_name[:NAMEDATALEN]
        self._default_max_attempts = default_max_attempts
        self._job_priority = job_priority
        self._pool_size = pool_size
        self._connect_timeout = connect_timeout
        self._pool: ConnectionPool | None = None
        self._threads: ThreadPoolExecutor | None = None
        self._listener: asyncio.Task[None] | None = None
        self._folder: asyncio.Task[None] | None = None
        self._subscribers: dict[str, list[Callable[[], None]]] = {}
        self.on_jobs_enqueued: Callable[[], None] | None = None
        self._own_backends: set[int] = set()
        self.listening = asyncio.Event()  # set while LISTEN is in place (tests wait on it)
        # The pool's connection attempts failed at a pool timeout, and no transaction has
        # had a connection since (OUTAGE_WAIT_SECONDS); the pool's count of failed
        # attempts when last looked at.
        self.server_down = False
        self._connection_errors = 0

    def _configure(self, conn: psycopg.Connection[Any]) -> None:
        _configure(conn)
        # This store's own sessions: their NOTIFYs woke this store already (see _listen).
        self._own_backends.add(conn.info.backend_pid)

    # -- lifecycle -------------------------------------------------------------------
    async def open(self) -> None:
        applied = await asyncio.to_thread(self._migrate)
        if applied:
            log.info("migrations_applied", migrations=applied, database="postgresql")
        self._threads = ThreadPoolExecutor(self._pool_size, thread_name_prefix="reactiond-pg")
        pool = ConnectionPool(
            self.url,
            min_size=1,
            max_size=self._pool_size,
            configure=self._configure,
            # When a connection is lent: after PostgreSQL restarted, the pool's old
            # connections are dropped there instead of failing a write each.
            check=check_idle,
            timeout=self._connect_timeout,
            kwargs={
                "connect_timeout": max(1, int(self._connect_timeout)),
                # A process frozen in the middle of a transaction (SIGSTOP, a stalled VM, a
                # cut network) would hold its row locks for ever, and the jobs it locked
                # would be skipped by every other worker: the server ends such a session.
                # reactiond's transactions never wait between statements that long.
                "options": f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS}",
                "application_name": self._application_name,
            },
            open=False,
            name="reactiond",
        )
        await asyncio.to_thread(pool.open, True, self._connect_timeout)
        self._pool = pool
        self._listener = asyncio.create_task(self._listen(), name="reactiond-pg-listen")
        self._folder = asyncio.create_task(self._fold_counters(), name="reactiond-pg-fold")

    def _migrate(self) -> list[str]:
        try:
            with psycopg.connect(
                self.url,
                autocommit=True,
                connect_timeout=max(1, int(self._connect_timeout)),
                application_name=self._application_name,
            ) as conn:
                return migrate(conn)
        except psycopg.OperationalError as exc:
            raise unavailable(exc, url=self.url) from exc
        except psycopg.ProgrammingError as exc:  # at connect: the URL itself (conninfo)
            raise StoreUnavailable(
                f"REACTIOND_DATABASE_URL is not a usable PostgreSQL URL ({first_line(exc)})",
                URL_FORM,
            ) from exc

    async def close(self) -> None:
        for task in (self._listener, self._folder):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._listener = self._folder = None
        if self._threads is not None:
            self._threads.shutdown(wait=True)
            self._threads = None
        if self._pool is not None:
            await asyncio.to_thread(self._pool.close)
            self._pool = None

    async def _fold_counters(self) -> None:
        """The counters are kept per server session (migration 012); the rows of sessions
        that ended (the pool renews its connections, processes restart) are folded into
        one, at start and hourly, so that reading a counter stays a few rows."""
        fold = query("snapshot", "fold_counters")
        while True:
            try:
                folded = await self._write(lambda tx: tx.execute_one(fold))
                log.debug("counters_folded", rows=(folded or {}).get("folded"))
            except StoreUnavailable as exc:
                log.warning("counters_not_folded", why=exc.reason)
            await asyncio.sleep(FOLD_COUNTERS_EVERY)

    # -- wake-ups across processes -----------------------------------------------------
    async def _listen(self) -> None:
        """LISTEN for the whole life of the store, reconnecting after the server went away.
        After a reconnection every subscriber is woken once: what was notified while the
        connection was down was missed, and a wake-up is only ever a hint to look."""
        delay = 0.1
        reconnected = False
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    self.url,
                    autocommit=True,
                    connect_timeout=max(1, int(self._connect_timeout)),
                    application_name=self._application_name,
                ) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    if reconnected:
                        self._wake_all()  # what was notified meanwhile was missed
                    self.listening.set()
                    delay = 0.1
                    reconnected = True
                    async for note in conn.notifies():
                        # This process's own commits woke it already, without the trip.
                        if note.pid not in self._own_backends:
                            self._wake(note.payload)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if self.listening.is_set():
                    log.warning("listen_lost", error=type(exc).__name__, retry_in=delay)
                self.listening.clear()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    def _wake(self, topic: str) -> None:
        if topic == JOBS_TOPIC and self.on_jobs_enqueued is not None:
            self.on_jobs_enqueued()
        for callback in self._subscribers.get(topic, ()):
            callback()

    def _wake_all(self) -> None:
        for topic in {JOBS_TOPIC, *self._subscribers}:
            self._wake(topic)

    # -- generic access ----------------------------------------------------------------
    async def _write(self, fn: Callable[[PgTransaction], T]) -> T:
        result, tx = await self._in_thread(self._run_write, fn)
        # This process's own subscribers need not wait for the notification's round trip.
        for topic in tx.topics | ({JOBS_TOPIC} if tx.jobs_enqueued else set()):
            self._wake(topic)
        return result

    async def _read(self, fn: Callable[[PgTransaction], T]) -> T:
        result, _ = await self._in_thread(self._run_read, fn)
        return result

    async def _in_thread(
        self,
        run: Callable[[Callable[[PgTransaction], T]], tuple[T, PgTransaction]],
        fn: Callable[[PgTransaction], T],
    ) -> tuple[T, PgTransaction]:
        if self._pool is None or self._threads is None:
            raise StoreUnavailable("the store is not open", "start reactiond first")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, run, fn)

    def _run_write(self, fn: Callable[[PgTransaction], T]) -> tuple[T, PgTransaction]:
        return self._run(fn, read_only=False)

    def _run_read(self, fn: Callable[[PgTransaction], T]) -> tuple[T, PgTransaction]:
        return self._run(fn, read_only=True)

    def _run(self, fn: Callable[[PgTransaction], T], *, read_only: bool) -> tuple[T, PgTransaction]:
        assert self._pool is not None
        # Reads see one snapshot; writes are READ COMMITTED, the server's default.
        begin = "BEGIN ISOLATION LEVEL REPEATABLE READ" if read_only else "BEGIN"
        attempt = 0
        while True:
            attempt += 1
            tx: PgTransaction | None = None
            try:
                wait = OUTAGE_WAIT_SECONDS if self.server_down else None  # None: the pool's
                with self._pool.connection(timeout=wait) as conn:
                    self.server_down = False
                    tx = PgTransaction(conn, begin)
                    try:
                        result = fn(tx)
                        tx.finish()
                    except BaseException:
                        _roll_back(conn)
                        raise
                    return result, tx
            except (psycopg.Error, PoolTimeout) as exc:
                if isinstance(exc, PoolTimeout):
                    # Down until a connection is had: between the pool's attempts (they
                    # back off, up to half a minute apart) no new failure is counted.
                    self.server_down = self._connections_failing() or self.server_down
                    raise unavailable(exc, refused=self.server_down) from exc
                if not _run_again(exc):
                    if isinstance(exc, psycopg.OperationalError):
                        raise unavailable(exc) from exc
                    raise
                if tx is not None and tx.commits:
                    # A batch committed part of it (a job's completion, then the claim of
                    # the next failed): running it all again would finish the job twice.
                    raise unavailable(exc) from exc
                if attempt >= 5:
                    if isinstance(exc, pg_errors.UniqueViolation):
                        raise
                    raise unavailable(exc) from exc
                log.info("transaction_retried", error=type(exc).__name__, attempt=attempt)

    def _connections_failing(self) -> bool:
        """Whether the pool's attempts to connect failed since the last look."""
        assert self._pool is not None
        errors = self._pool.get_stats().get("connections_errors", 0)
        failing, self._connection_errors = errors > self._connection_errors, errors
        return failing


def _run_again(exc: BaseException) -> bool:
    """Whether a failed transaction is run again (see `_RETRIED`), or a prepared statement
    whose table another process changed (a newer reactiond migrating during a rolling
    upgrade): the failure made this connection forget its statements (`_roll_back`), and
    the next run prepares them again."""
    if isinstance(exc, _RETRIED):
        return True
    return isinstance(exc, pg_errors.FeatureNotSupported) and "cached plan" in str(exc)


def _roll_back(conn: psycopg.Connection[Any]) -> None:
    """End a transaction that failed (or was never ended), before its connection goes
    back to the pool; a connection that cannot say it is broken, and the pool drops it.
    Which of its statements were prepared is then not known for sure: none are kept."""
    forget_prepared(conn)
    if conn.closed:
        return
    with contextlib.suppress(psycopg.Error):
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.execute("ROLLBACK")
        conn.execute("DEALLOCATE ALL")
