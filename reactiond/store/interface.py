"""The narrow store interface. SQLite (apsw) fills it today; PostgreSQL can fill it later.

Everything the engine, the web layer and the CLI need from persistence goes through
`Store`. Work that must commit atomically with a job's completion (the records an
action creates, the reply it queues) is written through a `Transaction`, whose SQL is
portable between SQLite and PostgreSQL for the statements we use (named parameters,
`INSERT … ON CONFLICT DO NOTHING`, `RETURNING`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from reactiond.domain import InboundEvent, Job, JobAttempt, NewJob, QueueStats

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
    def execute(self, sql: str, params: Params = ()) -> list[Row]: ...

    def execute_one(self, sql: str, params: Params = ()) -> Row | None: ...

    def enqueue(self, job: NewJob, now: float) -> int | None:
        """Queue a job in this transaction; None when its dedupe key already exists."""
        ...

    def notify(self, topic: str) -> None:
        """Wake the subscribers of `topic` (e.g. "outbox", "event_log") once this
        transaction has committed; nothing happens if it rolls back."""
        ...


@dataclass(frozen=True)
class IngestResult:
    stored: int  # events that changed something
    duplicates: int  # redeliveries that were no-ops
    ignored: int  # counted, not acted on
    jobs_enqueued: int


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

    async def fail_job(
        self, job: Job, worker: str, error: str, retry_at: float | None, now: float
    ) -> None:
        """retry_at None = give up: the job is dead with `error` as its last error."""
        ...

    async def release_job(self, job: Job, worker: str, now: float) -> None: ...

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

    def subscribe(self, topic: str, callback: Callable[[], None]) -> None:
        """Call `callback` after each commit of a transaction that notified `topic`."""
        ...


WakeCallback = Callable[[], None]
AsyncFn = Callable[[], Awaitable[None]]
