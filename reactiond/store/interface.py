"""The closed store interface. SQLite (apsw) fills it today; PostgreSQL fills it next.

Everything the engine, the web layer, the CLI, the exports and ops need from persistence
is listed here, in two parts:

- `Store`: the methods called on the store itself: its life, ingest, the queue, one read
  or one write (a unit of work over a `Transaction`), and commit notifications.
- The repositories named in `STORE_API`, modules under `reactiond/store/`: plain
  functions of a `Transaction`, composed inside one `read` or `write` so that several of
  them commit together (a job's records, its reply and its event-log row).
  `tests/store/contract/` runs them against every implementation.

A `Transaction`'s `execute` and `execute_one` take SQL text, so they are the store's own:
nothing outside `reactiond/store/` calls them (`tests/unit/test_store_boundary.py` fails
otherwise). Outside code holds a `Transaction` only to hand it to repositories, to
`enqueue` a job or to `notify` a topic in the same commit.

SQL is written once, with one placeholder style (`:name`), in forms both dialects take
(`INSERT … ON CONFLICT`, `RETURNING`, `IS NOT DISTINCT FROM`); a named query has an
`@sqlite` or `@postgres` variant only where the SQL really differs, and
`reactiond.store.queries.for_dialect` gives an implementation the variant it runs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from reactiond.domain import InboundEvent, Job, JobAttempt, NewJob, QueueStats, Reaction

T = TypeVar("T")
Row = Mapping[str, Any]
Params = Mapping[str, Any] | Sequence[Any]


class StoreUnavailable(Exception):
    """The store cannot take writes now (disk full, read-only, locked, I/O error).

    The webhook answers 503 so that Evolution redelivers; nothing was acknowledged."""

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(f"{reason}: {hint}")
        self.reason = reason
        self.hint = hint


class DatabaseTooNew(Exception):
    """The database was written by a newer reactiond than this one."""


class JobLeaseLost(Exception):
    """The job's lease expired and another worker took it; this worker's effects are void."""


class Transaction(Protocol):
    """One unit of work: a snapshot for a read, or one atomic commit for a write."""

    # The store's own (SQL text): called only under reactiond/store/.
    def execute(self, sql: str, params: Params = ()) -> list[Row]: ...

    def execute_one(self, sql: str, params: Params = ()) -> Row | None: ...

    def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """The result as plain tuples, in the statement's column order: for exports,
        which write each row as it comes without a mapping per row (issue 17)."""
        ...

    def execute_batch(
        self, statements: Sequence[tuple[str, Params]], *, commit: bool = False
    ) -> list[list[Row]]:
        """Each statement's rows, in order, for statements that do not need each other's
        results: PostgreSQL gets them in one round trip instead of one each (issue 18: a
        reaction's snapshot is six reads; on a loaded machine each trip is a wait).
        `commit`: what came before may be committed with them (PostgreSQL does, in the same
        round trip, when no `execute_later` answer is still to come; SQLite commits at the
        transaction's end): the statements after them may run in a transaction of their
        own. For a read's last batch, or a claim's look."""
        ...

    def execute_later(
        self, sql: str, params: Params = (), then: Callable[[list[Row]], None] | None = None
    ) -> None:
        """Run `sql` in this transaction, at the latest before it commits; `then` gets its
        rows (and may raise: the transaction then rolls back). PostgreSQL sends it with the
        next statement that needs an answer, one round trip fewer; SQLite runs it at once.
        `then` must not run statements."""
        ...

    def enqueue(self, job: NewJob, now: float) -> int | None:
        """Queue a job in this transaction; None when its dedupe key already exists."""
        ...

    def notify(self, topic: str) -> None:
        """Wake the subscribers of `topic` (e.g. "outbox", "event_log") once this
        transaction has committed; nothing happens if it rolls back."""
        ...


@dataclass(frozen=True)
class JobPriority:
    """The priority of a reaction's job, decided outside the store (by the rules it fires:
    `reactiond.engine.rule_book.reaction_job_priority`) and given to a store when it is
    built. Ingest reads the enabled rules whose triggers mention `emoji_key(emoji)` (none
    when it is empty) in the webhook's transaction, in one batch with the reaction's own
    row, and `decide(rule_rows, reaction)` orders the job: the decision and the job it
    orders commit together. A store built without one queues every reaction at priority 0."""

    emoji_key: Callable[[str], str]
    decide: Callable[[Sequence[Row], Reaction], int]


@dataclass(frozen=True)
class IngestResult:
    stored: int  # events that changed something
    duplicates: int  # redeliveries that were no-ops
    ignored: int  # counted, not acted on
    jobs_enqueued: int


@dataclass(frozen=True)
class Claim:
    """A worker's claim: the job it now holds, or, when none is due, when the next job of
    its kinds will be (its timer; None: nothing queued or leased), read in the same
    transaction instead of one of its own."""

    job: Job | None
    next_due: float | None = None


class Store(Protocol):
    async def open(self) -> None: ...

    async def close(self) -> None: ...

    # Inbound: every event of one webhook request, its jobs and counters, in one transaction.
    async def ingest(
        self, instance: str, event: str, events: Sequence[InboundEvent], now: float
    ) -> IngestResult: ...

    async def count_event(self, instance: str, event: str, outcome: str, now: float) -> None: ...

    # The queue.
    async def enqueue(self, job: NewJob, now: float) -> int | None: ...

    async def claim_next_job(
        self, kinds: Sequence[str], worker: str, lease_seconds: float, now: float
    ) -> Job | None: ...

    async def complete_job(
        self,
        job: Job,
        worker: str,
        now: float,
        effects: Callable[[Transaction], None] | None = None,
    ) -> None: ...

    async def claim_job(
        self, kinds: Sequence[str], worker: str, lease_seconds: float, now: float
    ) -> Claim:
        """`claim_next_job`, and when nothing is due, `next_job_due`: one transaction."""
        ...

    async def complete_job_and_claim(
        self,
        job: Job,
        worker: str,
        now: float,
        effects: Callable[[Transaction], None] | None,
        kinds: Sequence[str],
        lease_seconds: float,
        *,
        streak: bool = False,
    ) -> Claim:
        """`complete_job`, then `claim_job` in the same transaction: a busy worker's next
        job costs no transaction of its own. All or nothing: a lost lease (`JobLeaseLost`)
        or a failed commit claims nothing either. `streak`: the worker's previous claim
        found a job, so this one most likely will too; the store may then leave the
        timer's read (`next_job_due`) for when it finds none. The answer is the same."""
        ...

    async def fail_job(
        self, job: Job, worker: str, error: str, retry_at: float | None, now: float
    ) -> None:
        """retry_at None = give up: the job is dead with `error` as its last error."""
        ...

    async def release_job(self, job: Job, worker: str, now: float) -> None: ...

    async def wait_job(self, job: Job, worker: str, reason: str, run_at: float, now: float) -> None:
        """Not a failure: queued again for `run_at` with `reason` as its last error; the
        run does not count against the job's attempts."""
        ...

    async def next_job_due(self, kinds: Sequence[str]) -> float | None: ...

    async def get_job(self, job_id: int) -> Job | None: ...

    async def list_jobs(
        self, status: str | None = None, kind: str | None = None, limit: int = 50
    ) -> list[Job]: ...

    async def job_attempts(self, job_id: int) -> list[JobAttempt]: ...

    async def retry_job(self, job_id: int, now: float) -> Job | None: ...

    async def queue_stats(self, now: float) -> QueueStats: ...

    # Generic access for repositories built on top (records, rules, outbox).
    async def write(self, fn: Callable[[Transaction], T]) -> T: ...

    async def read(self, fn: Callable[[Transaction], T]) -> T: ...

    async def write_bulk(self, fn: Callable[[Transaction], T]) -> T:
        """`write` for a batch of many rows: its statements never run on the event loop."""
        ...

    def subscribe(self, topic: str, callback: Callable[[], None]) -> None:
        """Call `callback` after each commit of a transaction that notified `topic`.
        `JOBS_TOPIC` is notified by every commit that queued a job (the worker's wake-up)."""
        ...


JOBS_TOPIC = "jobs"

# The repositories that, with `Store`, make the whole interface: modules of functions over a
# `Transaction`, each under reactiond/store/. The contract suite covers each of them.
STORE_API = (
    "analytics_repo",
    "caldav_repo",
    "conversation_repo",
    "events",
    "feeds_repo",
    "leases_repo",
    "media_repo",
    "outbox",
    "people_repo",
    "reaction_reads",
    "record_versions",
    "records_query",
    "records_repo",
    "reminders_repo",
    "retention_repo",
    "rules_repo",
    "search",
    "snapshot",
    "trace_repo",
    "web_sessions_repo",
)


WakeCallback = Callable[[], None]

AsyncFn = Callable[[], Awaitable[None]]
