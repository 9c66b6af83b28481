"""`Transaction` over a psycopg connection that is inside a transaction.

Statements arrive in the store's one SQL (SQLite placeholders, portable forms) and are
translated once each (`sql.to_postgres`, `sql.to_prepared`). Each connection prepares a
statement the first time it sends it (`PREPARE`), and then only executes it (`EXECUTE
name(values)`): PostgreSQL parsed and planned a statement sent as text every time,
250-400 µs of its CPU for the claim's look or the snapshot's reads, against 120-150 µs
prepared (`bench/prepared.py`, issue 18). The values are inlined in the EXECUTE by
psycopg's `ClientCursor`, so that the batches below stay one simple-protocol string: the
extended protocol that psycopg's own prepared statements use takes one statement per
message, and its pipeline mode cost more on this side than it saved on the server. A
parameter's declared type comes from its Python value (an int is a bigint, a float a
double precision, a bool a boolean); a string or a `NULL` is left to the server to infer
from where it stands, so a statement never asks for `:x IS NULL` alone: it says what
`:x` is (`CAST(:x AS TEXT) IS NULL`).

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
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import psycopg
from psycopg.rows import dict_row, tuple_row

from reactiond.domain import NewJob
from reactiond.store.interface import Params, Row
from reactiond.store.postgres.sql import to_postgres, to_prepared
from reactiond.store.queries import query

# A statement that returns no rows: it can wait for the next round trip.
_NO_ROWS = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b(?!.*\bRETURNING\b)", re.IGNORECASE | re.DOTALL)
_SAVEPOINT = re.compile(r"^\s*SAVEPOINT\b", re.IGNORECASE)
_RELEASE = re.compile(r"^\s*RELEASE\b", re.IGNORECASE)
# What is prepared: the store's queries (not a table's creation, a savepoint, a SET).
_PREPARABLE = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", re.IGNORECASE)
# ... but not a text search: its best plan depends on the text (a rare one through the
# trigram indexes, a common one by walking the sort order: issue 17 at 1M rows), and a
# prepared statement may settle on one generic plan for every text, which PostgreSQL
# costs with a guessed selectivity that makes the index look cheap for all of them.
_PATTERN = re.compile(r"\bI?LIKE\b", re.IGNORECASE)

CHANNEL = "reactiond"  # one LISTEN channel; the payload is the topic
JOBS_TOPIC = "jobs"  # a job became runnable: workers wake up


# Statements one connection keeps prepared; the least recently used beyond are deallocated
# (the store has about 200 statements; a few are built with a varying number of values).
PREPARED_PER_CONNECTION = 400


class PreparedStatements:
    """What one server session has prepared: a name per statement and parameter types."""

    def __init__(self) -> None:
        self.names: OrderedDict[tuple[str, tuple[str, ...]], str] = OrderedDict()
        self.made = 0

    def name_for(self, key: tuple[str, tuple[str, ...]]) -> tuple[str, list[str]]:
        """The statement's name, and what to send before its EXECUTE: its PREPARE when
        this session has not prepared it, after the DEALLOCATE of the one it pushes out."""
        name = self.names.get(key)
        if name is not None:
            self.names.move_to_end(key)
            return name, []
        self.made += 1
        name = self.names[key] = f"reactiond_{self.made}"
        first = []
        if len(self.names) > PREPARED_PER_CONNECTION:
            _, old = self.names.popitem(last=False)
            first.append(f"DEALLOCATE {old}")
        text, types = key
        declared = f" ({', '.join(types)})" if types else ""
        return name, [*first, f"PREPARE {name}{declared} AS {text}"]


_SESSIONS: weakref.WeakKeyDictionary[psycopg.Connection[Any], PreparedStatements] = (
    weakref.WeakKeyDictionary()
)


def prepared_on(conn: psycopg.Connection[Any]) -> PreparedStatements:
    statements = _SESSIONS.get(conn)
    if statements is None:
        statements = _SESSIONS[conn] = PreparedStatements()
    return statements


def forget_prepared(conn: psycopg.Connection[Any]) -> None:
    """After a failed transaction, what was prepared is not known for sure (a PREPARE
    may have failed itself, or been queued and never sent: a value that could not be
    inlined, a lost connection): the caller deallocates them all. PREPARE outlives a
    rollback, so this only costs preparing again what the connection sends next."""
    _SESSIONS.pop(conn, None)


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
        self._prepared = prepared_on(conn)
        self._preparing: list[str] = []  # PREPAREs to send before the next statements
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
        first = [begin] if begin is not None else []
        first += self._preparing  # before any EXECUTE that needs them
        self._preparing = []
        checks: list[Callable[[list[Row]], None] | None] = [None] * len(first)
        checks += [then for _, then in waiting]
        # A statement's own trailing `;` is dropped: one result per statement, as counted.
        sql = "".join(f"{s}; " for s in first)
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
        bound = self._bound(sql, params)
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

    def _bound(self, sql: str, params: Params) -> str:
        """What to send for `sql` with `params`: the EXECUTE of its prepared statement, its
        PREPARE going first (`_take_waiting`) when this session has not made it yet; or
        the statement itself with its values inlined, when it is not a query or it
        searches a text."""
        text = to_postgres(sql)
        if not _PREPARABLE.match(text) or _PATTERN.search(text):
            return self.cursor.mogrify(text, _params(params))
        prepared, refs = to_prepared(sql)
        values = _values(params, refs)
        key = (prepared.rstrip().rstrip(";"), tuple(_declared(v) for v in values))
        name, first = self._prepared.name_for(key)
        self._preparing += first
        if not values:
            return f"EXECUTE {name}"
        return self.cursor.mogrify(f"EXECUTE {name}({', '.join(['%s'] * len(values))})", values)

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
        self._waiting.append((self._bound(sql, params), then))

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
        bound = [self._bound(sql, params) for sql, params in statements]
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
            query("ingest", "enqueue_job"),
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


def _values(params: Params, refs: tuple[str | int, ...]) -> list[Any]:
    """The values of `$1`…`$n`, from the names or positions `sql.to_prepared` gave."""
    if isinstance(params, Mapping):
        return [params[str(ref)] for ref in refs]
    given = list(params)
    return [given[int(ref)] for ref in refs]


def _declared(value: Any) -> str:
    """The type a prepared statement declares for a parameter, from its first value; a
    string or None is inferred by the server from where it stands (a column it is
    compared with, a CAST)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "bigint"
    if isinstance(value, float):
        return "double precision"
    if isinstance(value, Decimal):
        return "numeric"
    if isinstance(value, bytes | bytearray | memoryview):
        return "bytea"
    return "unknown"


def _quoted(topic: str) -> str:
    return topic.replace("'", "''")
