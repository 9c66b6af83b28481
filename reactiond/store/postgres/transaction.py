"""`Transaction` over a psycopg connection in pipeline mode, inside a transaction.

Statements arrive in the store's one SQL (SQLite placeholders, portable forms) and are
translated once each (`sql.to_postgres`). They are sent with their parameters bound on
the server and prepared (issue 18: a statement sent as text with its values inlined was
parsed and planned by PostgreSQL every time, 250-400 µs of the server's CPU against
120-150 µs prepared; `bench/prepared.py`). psycopg keeps each connection's prepared
statements, one per statement text and parameter types. A parameter's type comes from
its Python value (an int, a float, a bool); a string or a `NULL` is left to the server
to infer from where it stands, so a statement never asks for `:x IS NULL` alone: it
says what `:x` is (`CAST(:x AS TEXT) IS NULL`) or compares it with a column.

`notify(topic)` is PostgreSQL's own NOTIFY, sent inside the transaction: it reaches the
listeners of every process when, and only if, the transaction commits, so a job is
always visible to the worker its notification wakes.

Round trips (issue 18: each is a wait on the server, on a loaded machine a long one): in
pipeline mode a statement is sent at once and only reading its answer waits, so every
statement sent before a read shares that read's round trip. The connection is in
autocommit mode and the transaction says its own `BEGIN`, sent with its first statement,
and its NOTIFYs go with its `COMMIT` (`finish`). A transaction of one read is then two
round trips, not four (psycopg's own BEGIN, the read, COMMIT, and the pool's check before
it). A statement that returns nothing (an INSERT, UPDATE or DELETE without RETURNING) is
not waited for: its error, if any, is raised at the next round trip, and the transaction
fails all the same, one statement later. Inside a SAVEPOINT (merge_people catches a failed
move and rolls back to it) every statement is waited for, so that its error is raised
where the savepoint's caller expects it.

A check whose answer only needs to come before the COMMIT (`execute_later`: the job's
lease, read as its effects are written) is sent at once too, and its answer is looked at
after the next round trip. A batch may carry the COMMIT (`execute_batch(commit=True)`)
when no such answer is still to come: a read's last batch, or the claim's look, after
which a job found is claimed in a transaction of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from psycopg.rows import dict_row, tuple_row

from reactiond.domain import NewJob
from reactiond.store.interface import Params, Row
from reactiond.store.postgres.sql import to_postgres

# A statement that returns no rows: nobody waits for it.
_NO_ROWS = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b(?!.*\bRETURNING\b)", re.IGNORECASE | re.DOTALL)
# What is worth preparing: the store's queries. Not a table's creation, a savepoint, a SET.
_PREPARED = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", re.IGNORECASE)
_SAVEPOINT = re.compile(r"^\s*SAVEPOINT\b", re.IGNORECASE)
_RELEASE = re.compile(r"^\s*RELEASE\b", re.IGNORECASE)

CHANNEL = "reactiond"  # one LISTEN channel; the payload is the topic
JOBS_TOPIC = "jobs"  # a job became runnable: workers wake up
# Prepared statements a connection keeps (psycopg's default is 100): the store has about
# 200 statements, a few with more than one set of parameter types.
PREPARED_PER_CONNECTION = 1000


class PgTransaction:
    dialect = "postgres"  # what dialect-dependent repositories (store/search.py) ask

    def __init__(
        self,
        conn: psycopg.Connection[Any],
        pipeline: psycopg.Pipeline,
        begin: str = "BEGIN",
    ) -> None:
        """`conn` in autocommit mode, in `pipeline` mode; `begin` goes with the first
        statement."""
        self.conn = conn
        self._pipeline = pipeline
        self._unread = conn.cursor()  # the statements whose answers nobody reads
        self.jobs_enqueued = 0
        self.topics: set[str] = set()
        self._begin_with = begin
        self._begin: str | None = begin  # None once sent
        # execute_later's statements still to be answered, with who reads the rows
        self._checks: list[tuple[psycopg.Cursor[Any], Callable[[list[Row]], None]]] = []
        self._notified: set[str] = set()  # sent with a COMMIT already
        self._savepoints = 0
        self.round_trips = 0
        self.commits = 0  # COMMITs made: more than one when a batch carried one

    def notify(self, topic: str) -> None:
        self.topics.add(topic)

    def finish(self) -> None:
        """COMMIT, with this transaction's NOTIFYs in the same round trip (PostgreSQL
        delivers them at the commit, and only then). Nothing at all when the transaction
        sent no statement (since a batch that committed) and notifies nobody new."""
        if self._begin is not None and not self._new_topics():
            return
        if self._checks:
            self._round_trip()  # answers to look at before anything is committed
        self._commit()

    def _new_topics(self) -> list[str]:
        topics = set(self.topics) | ({JOBS_TOPIC} if self.jobs_enqueued else set())
        return sorted(topics - self._notified)

    def _commit(self) -> None:
        """The NOTIFYs and COMMIT, and one round trip for everything sent before them. The
        next statement begins a new transaction."""
        topics = self._new_topics()
        for topic in topics:
            self._unread.execute(f"NOTIFY {CHANNEL}, '{_quoted(topic)}'", prepare=False)
        began = self._begin is None
        if began:
            self._unread.execute("COMMIT", prepare=False)
        self._round_trip()
        self._notified |= set(topics)
        if began:
            self.commits += 1
            self._begin = self._begin_with

    def _round_trip(self) -> None:
        """Wait for the answers to everything sent, and give the checks theirs."""
        self.round_trips += 1
        checks, self._checks = self._checks, []
        self._pipeline.sync()
        for cur, then in checks:
            then(_rows(cur))

    def _send(self, cur: psycopg.Cursor[Any], text: str, params: Params) -> None:
        """Send one statement (psycopg's form), after BEGIN when the transaction has not
        begun; nothing waits for it here."""
        if self._begin is not None:
            self._unread.execute(self._begin, prepare=False)
            self._begin = None
        cur.execute(text, _params(params), prepare=_PREPARED.match(text) is not None)

    def _execute(self, cur: psycopg.Cursor[Any], sql: str, params: Params) -> bool:
        """Send `sql`, and wait for its answer unless it has none to give (False)."""
        text = to_postgres(sql)
        if self._savepoints == 0 and _NO_ROWS.match(text):
            self._send(self._unread, text, params)
            return False
        if _SAVEPOINT.match(text):
            self._savepoints += 1
        elif _RELEASE.match(text):
            self._savepoints = max(0, self._savepoints - 1)
        self._send(cur, text, params)
        self._round_trip()
        return True

    def execute_later(
        self, sql: str, params: Params = (), then: Callable[[list[Row]], None] | None = None
    ) -> None:
        """`sql` is answered with the next round trip; `then` gets its rows then, before
        the transaction commits (it may raise: the transaction then rolls back)."""
        if self._savepoints:
            rows = self.execute(sql, params)
            if then is not None:
                then(rows)
            return
        cur = self._unread if then is None else self.conn.cursor(row_factory=dict_row)
        self._send(cur, to_postgres(sql), params)
        if then is not None:
            self._checks.append((cur, then))

    def execute(self, sql: str, params: Params = ()) -> list[Row]:
        cur = self.conn.cursor(row_factory=dict_row)
        if not self._execute(cur, sql, params):
            return []
        return _rows(cur)

    def execute_one(self, sql: str, params: Params = ()) -> Row | None:
        cur = self.conn.cursor(row_factory=dict_row)
        if not self._execute(cur, sql, params) or cur.description is None:
            return None
        return cur.fetchone()

    def execute_batch(
        self, statements: Sequence[tuple[str, Params]], *, commit: bool = False
    ) -> list[list[Row]]:
        """One round trip for these statements (and whatever was sent before them), their
        results read in order. Inside a SAVEPOINT, one at a time (as `_execute`).
        `commit`: the COMMIT goes with them too, unless an answer `execute_later` waits for
        is still to come (it must be looked at before the commit); see `committed`."""
        if self._savepoints or any(_SAVEPOINT.match(sql) for sql, _ in statements):
            return [self.execute(sql, params) for sql, params in statements]
        if not statements:
            return []
        cursors = []
        for sql, params in statements:
            cur = self.conn.cursor(row_factory=dict_row)
            self._send(cur, to_postgres(sql), params)
            cursors.append(cur)
        if commit and not self._checks:
            self._commit()
        else:
            self._round_trip()
        return [_rows(cur) for cur in cursors]

    @property
    def committed(self) -> bool:
        """Whether the statements so far are committed (a batch carried the COMMIT and
        nothing was sent since): what follows is a transaction of its own."""
        return self.commits > 0 and self._begin is not None

    def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        cur = self.conn.cursor(row_factory=tuple_row)
        if not self._execute(cur, sql, params) or cur.description is None:
            return []
        return list(cur.fetchall())

    def enqueue(self, job: NewJob, now: float, *, default_max_attempts: int = 8) -> int | None:
        row = self.execute_one(
            "INSERT INTO jobs (kind, dedupe_key, payload, priority, status, attempts,"
            " max_attempts, run_at, created_at, updated_at)"
            " VALUES (:kind, :dedupe, :payload, :priority, 'queued', 0, :max, :run_at, :now, :now)"
            " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
            {
                "kind": job.kind,
                "dedupe": job.dedupe_key,
                "payload": json.dumps(job.payload, ensure_ascii=False, sort_keys=True),
                "priority": job.priority,
                "max": job.max_attempts or default_max_attempts,
                "run_at": job.run_at if job.run_at is not None else now,
                "now": now,
            },
        )
        if row is None:
            return None
        self.jobs_enqueued += 1
        return int(row["id"])


def _rows(cur: psycopg.Cursor[Any]) -> list[Row]:
    return list(cur.fetchall()) if cur.description is not None else []


def _params(params: Params) -> Any:
    # Always a (possibly empty) sequence or mapping, never None: psycopg then reads the
    # statement's `%%` as the literal `%` every time, whatever the statement's parameters.
    if isinstance(params, dict | tuple | list):
        return params
    if hasattr(params, "keys"):
        return dict(params)
    return list(params)


def _quoted(topic: str) -> str:
    return topic.replace("'", "''")
