"""`Transaction` over a psycopg connection that is inside a transaction.

Statements arrive in the store's one SQL (SQLite placeholders, portable forms) and are
translated once each (`sql.to_postgres`). Parameters are bound on the client side
(`ClientCursor`), as SQLite binds them: a `NULL` parameter needs no declared type there
(`:status IS NULL OR status = :status`), which PostgreSQL's server-side binding refuses.

`notify(topic)` is PostgreSQL's own NOTIFY, sent inside the transaction: it reaches the
listeners of every process when, and only if, the transaction commits, so a job is
always visible to the worker its notification wakes.

Round trips (issue 18: each is a wait on the server, on a loaded machine a long one): the
connection is in autocommit mode and the transaction says its own `BEGIN`, sent in one
simple-protocol query with the transaction's first statement, and its NOTIFYs go with
its `COMMIT` (`finish`). A transaction of one read is then two round trips, not four
(psycopg's own BEGIN, the read, COMMIT, and the pool's check before it). Likewise a
statement that returns nothing (an INSERT, UPDATE or DELETE without RETURNING) is not
sent alone: it goes with the next statement, or with the COMMIT. Its error, if any, is
then raised there: the transaction fails all the same, one statement later. Inside a
SAVEPOINT (merge_people catches a failed move and rolls back to it) every statement
goes at once, so that its error is raised where the savepoint's caller expects it.

A check whose answer only needs to come before the COMMIT (`execute_later`: the job's
lease, read as its effects are written) waits for the next round trip too, and its answer
is looked at when it arrives. A batch may carry the COMMIT (`execute_batch(commit=True)`)
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

# A statement that returns no rows: it can wait for the next round trip.
_NO_ROWS = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b(?!.*\bRETURNING\b)", re.IGNORECASE | re.DOTALL)
_SAVEPOINT = re.compile(r"^\s*SAVEPOINT\b", re.IGNORECASE)
_RELEASE = re.compile(r"^\s*RELEASE\b", re.IGNORECASE)

CHANNEL = "reactiond"  # one LISTEN channel; the payload is the topic
JOBS_TOPIC = "jobs"  # a job became runnable: workers wake up


class PgTransaction:
    dialect = "postgres"  # what dialect-dependent repositories (store/search.py) ask

    def __init__(self, conn: psycopg.Connection[Any], begin: str = "BEGIN") -> None:
        """`conn` in autocommit mode; `begin` is sent with the first statement."""
        self.conn = conn
        self.cursor: psycopg.ClientCursor[dict[str, Any]] = psycopg.ClientCursor(
            conn, row_factory=dict_row
        )
        self.jobs_enqueued = 0
        self.topics: set[str] = set()
        self._begin_with = begin
        self._begin: str | None = begin  # None once sent
        # statements to send with the next one, each with what looks at its rows (or None)
        self._waiting: list[tuple[str, Callable[[list[Row]], None] | None]] = []
        self._notified: set[str] = set()  # sent with a COMMIT already
        self._savepoints = 0
        self.round_trips = 0
        self.commits = 0  # COMMITs sent: more than one when a batch carried one

    def notify(self, topic: str) -> None:
        self.topics.add(topic)

    def finish(self) -> None:
        """COMMIT, with this transaction's NOTIFYs in the same round trip (PostgreSQL
        delivers them at the commit, and only then). Nothing at all when the transaction
        sent no statement (since a batch that committed) and notifies nobody new."""
        if self._begin is not None and not self._waiting and not self._notes():
            return
        if any(then is not None for _, then in self._waiting):
            self._flush()  # answers to look at before anything is committed
        self._commit_with([])

    def _notes(self) -> str:
        topics = set(self.topics)
        if self.jobs_enqueued:
            topics.add(JOBS_TOPIC)
        return "".join(
            f"NOTIFY {CHANNEL}, '{_quoted(topic)}'; " for topic in sorted(topics - self._notified)
        )

    def _commit_with(self, bound: list[str]) -> None:
        """One round trip: what waits, `bound`, the NOTIFYs, COMMIT; the results of `bound`
        are the cursor's (from its first set). The next statement begins a new transaction."""
        notes = self._notes()
        skip, checks = self._take_waiting()
        self.round_trips += 1
        self.commits += 1
        self.cursor.execute(skip + "; ".join([*bound, notes + "COMMIT"]))
        self._notified |= set(self.topics) | ({JOBS_TOPIC} if self.jobs_enqueued else set())
        self._begin = self._begin_with
        self._answer(checks)

    def _flush(self) -> None:
        """Send what waits, alone, and look at the answers."""
        skip, checks = self._take_waiting()
        self.round_trips += 1
        self.cursor.execute(skip.rstrip("; "))
        self._answer(checks, last=True)

    def _take_waiting(self) -> tuple[str, list[Callable[[list[Row]], None] | None]]:
        """BEGIN when not sent yet, and the statements waiting, each followed by `; `; and
        what looks at the rows of each result that comes first (None: BEGIN, or no one)."""
        begin, self._begin = self._begin, None
        waiting, self._waiting = self._waiting, []
        checks: list[Callable[[list[Row]], None] | None] = [None] if begin is not None else []
        checks += [then for _, then in waiting]
        # A statement's own trailing `;` is dropped: one result per statement, as counted.
        sql = "".join(f"{s}; " for s in ([begin] if begin is not None else []))
        return sql + "".join(f"{s.rstrip().rstrip(';')}; " for s, _ in waiting), checks

    def _answer(
        self,
        checks: list[Callable[[list[Row]], None] | None],
        cur: psycopg.ClientCursor[Any] | None = None,
        *,
        last: bool = False,
    ) -> None:
        """Walk the cursor past the first `len(checks)` results, giving each its rows' reader;
        then it stands at the next result (unless `last`: those were all)."""
        cur = self.cursor if cur is None else cur
        for i, then in enumerate(checks):
            if then is not None:
                then(list(cur.fetchall()) if cur.description is not None else [])
            if i < len(checks) - 1 or not last:
                cur.nextset()

    def _execute(self, cur: psycopg.ClientCursor[Any], sql: str, params: Params) -> bool:
        """Send `sql` (or keep it for the next round trip: False); True when its result
        is the cursor's."""
        text = to_postgres(sql)
        bound = cur.mogrify(text, _params(params))
        if self._savepoints == 0 and _NO_ROWS.match(text):
            self._waiting.append((bound, None))
            return False
        if _SAVEPOINT.match(text):
            self._savepoints += 1
        elif _RELEASE.match(text):
            self._savepoints = max(0, self._savepoints - 1)
        if cur is not self.cursor and any(then is not None for _, then in self._waiting):
            self._flush()  # their readers take the transaction's dict rows, not this cursor's
        before, checks = self._take_waiting()
        self.round_trips += 1
        cur.execute(before + bound)
        self._answer(checks, cur)
        return True

    def execute_later(
        self, sql: str, params: Params = (), then: Callable[[list[Row]], None] | None = None
    ) -> None:
        """`sql` goes with the next round trip; `then` gets its rows when they arrive, before
        the transaction commits (it may raise: the transaction then rolls back)."""
        if self._savepoints:
            rows = self.execute(sql, params)
            if then is not None:
                then(rows)
            return
        self._waiting.append((self.cursor.mogrify(to_postgres(sql), _params(params)), then))

    def execute(self, sql: str, params: Params = ()) -> list[Row]:
        cur = self.cursor
        if not self._execute(cur, sql, params) or cur.description is None:
            return []
        return list(cur.fetchall())

    def execute_one(self, sql: str, params: Params = ()) -> Row | None:
        cur = self.cursor
        if not self._execute(cur, sql, params) or cur.description is None:
            return None
        return cur.fetchone()

    def execute_batch(
        self, statements: Sequence[tuple[str, Params]], *, commit: bool = False
    ) -> list[list[Row]]:
        """One round trip: the statements waiting (and BEGIN) first, then each of these,
        their results read in order. Inside a SAVEPOINT, one at a time (as `_execute`).
        `commit`: the COMMIT goes with them too, unless an answer `execute_later` waits for
        is still to come (it must be looked at before the commit); see `committed`."""
        if self._savepoints or any(_SAVEPOINT.match(sql) for sql, _ in statements):
            return [self.execute(sql, params) for sql, params in statements]
        if not statements:
            return []
        cur = self.cursor
        bound = [cur.mogrify(to_postgres(sql), _params(params)) for sql, params in statements]
        if commit and not any(then is not None for _, then in self._waiting):
            self._commit_with(bound)
        else:
            before, checks = self._take_waiting()
            self.round_trips += 1
            cur.execute(before + "; ".join(bound))
            self._answer(checks)
        results: list[list[Row]] = []
        for i in range(len(bound)):
            if i:
                cur.nextset()
            results.append(list(cur.fetchall()) if cur.description is not None else [])
        return results

    @property
    def committed(self) -> bool:
        """Whether the statements so far are committed (a batch carried the COMMIT and
        nothing was sent since): what follows is a transaction of its own."""
        return self.commits > 0 and self._begin is not None and not self._waiting

    def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        with psycopg.ClientCursor(self.conn, row_factory=tuple_row) as cur:
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
