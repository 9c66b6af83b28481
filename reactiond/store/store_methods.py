"""What `SqliteStore` and `PgStore` share: every `Store` method that is one transaction
around a repository function (ingest, the queue's steps and reads), and the topic
subscriptions. Each store brings how a transaction runs (`_write`, `_read`: SQLite's
group-committing writer and readers, PostgreSQL's pool) and its queue module (`_queue`:
the claim differs; finishing, listing and the statistics are the same SQL)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, TypeVar

from reactiond.domain import InboundEvent, Job, JobAttempt, NewJob, QueueStats
from reactiond.store.interface import Claim, IngestResult, JobPriority, Transaction
from reactiond.store.sqlite import ingest
from reactiond.store.sqlite import queue as shared_queue

T = TypeVar("T")


class StoreMethods:
    _default_max_attempts: int
    _job_priority: JobPriority | None
    _subscribers: dict[str, list[Callable[[], None]]]
    # claim_next_job, complete_job, fail_job, release_job, wait_job, next_job_due here
    _queue: ModuleType = shared_queue

    async def _write(self, fn: Callable[[Any], T]) -> T:
        raise NotImplementedError

    async def _read(self, fn: Callable[[Any], T]) -> T:
        raise NotImplementedError

    def subscribe(self, topic: str, callback: Callable[[], None]) -> None:
        """Call `callback` after every commit (on PostgreSQL: by any process on the
        database) of a transaction that did `tx.notify(topic)`: how the outbox sender and
        the SSE stream wake without polling."""
        self._subscribers.setdefault(topic, []).append(callback)

    async def write(self, fn: Callable[[Transaction], T]) -> T:
        return await self._write(fn)

    async def read(self, fn: Callable[[Transaction], T]) -> T:
        return await self._read(fn)

    async def write_bulk(self, fn: Callable[[Transaction], T]) -> T:
        """`write` for many rows at once (hundreds of deletions, say): kept off the event
        loop. PostgreSQL's writes all run in threads already."""
        return await self._write(fn)

    # -- inbound -----------------------------------------------------------------------
    async def ingest(
        self, instance: str, event: str, events: Sequence[InboundEvent], now: float
    ) -> IngestResult:
        max_attempts, priority = self._default_max_attempts, self._job_priority
        return await self._write(
            lambda tx: ingest.ingest_events(
                tx, instance, event, events, now, max_attempts, job_priority=priority
            )
        )

    async def count_event(self, instance: str, event: str, outcome: str, now: float) -> None:
        await self._write(lambda tx: ingest.bump_counter(tx, instance, event, outcome, now))

    # -- queue -------------------------------------------------------------------------
    async def enqueue(self, job: NewJob, now: float) -> int | None:
        m = self._default_max_attempts
        result: int | None = await self._write(
            lambda tx: tx.enqueue(job, now, default_max_attempts=m)
        )
        return result

    async def claim_next_job(
        self, kinds: Sequence[str], worker: str, lease_seconds: float, now: float
    ) -> Job | None:
        q = self._queue
        claimed: Job | None = await self._write(
            lambda tx: q.claim_next_job(tx, kinds, worker, lease_seconds, now)
        )
        return claimed

    async def complete_job(
        self,
        job: Job,
        worker: str,
        now: float,
        effects: Callable[[Transaction], None] | None = None,
    ) -> None:
        q = self._queue
        await self._write(lambda tx: q.complete_job(tx, job, worker, now, effects))

    def _claim(
        self,
        tx: Any,
        kinds: Sequence[str],
        worker: str,
        lease_seconds: float,
        now: float,
        streak: bool = False,
    ) -> Claim:
        job, due = self._queue.claim(tx, kinds, worker, lease_seconds, now, streak=streak)
        return Claim(job) if job is not None else Claim(None, due)

    async def claim_job(
        self, kinds: Sequence[str], worker: str, lease_seconds: float, now: float
    ) -> Claim:
        return await self._write(lambda tx: self._claim(tx, kinds, worker, lease_seconds, now))

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
        q = self._queue

        def finish_then_claim(tx: Any) -> Claim:
            q.complete_job(tx, job, worker, now, effects)
            return self._claim(tx, kinds, worker, lease_seconds, now, streak)

        return await self._write(finish_then_claim)

    async def fail_job(
        self, job: Job, worker: str, error: str, retry_at: float | None, now: float
    ) -> None:
        q = self._queue
        await self._write(lambda tx: q.fail_job(tx, job, worker, error, retry_at, now))

    async def release_job(self, job: Job, worker: str, now: float) -> None:
        q = self._queue
        await self._write(lambda tx: q.release_job(tx, job, worker, now))

    async def wait_job(self, job: Job, worker: str, reason: str, run_at: float, now: float) -> None:
        q = self._queue
        await self._write(lambda tx: q.wait_job(tx, job, worker, reason, run_at, now))

    async def next_job_due(self, kinds: Sequence[str]) -> float | None:
        q = self._queue
        due: float | None = await self._read(lambda tx: q.next_job_due(tx, kinds))
        return due

    async def get_job(self, job_id: int) -> Job | None:
        return await self._read(lambda tx: shared_queue.get_job(tx, job_id))

    async def list_jobs(
        self, status: str | None = None, kind: str | None = None, limit: int = 50
    ) -> list[Job]:
        return await self._read(lambda tx: shared_queue.list_jobs(tx, status, kind, limit))

    async def job_attempts(self, job_id: int) -> list[JobAttempt]:
        return await self._read(lambda tx: shared_queue.job_attempts(tx, job_id))

    async def retry_job(self, job_id: int, now: float) -> Job | None:
        return await self._write(lambda tx: shared_queue.retry_job(tx, job_id, now))

    async def queue_stats(self, now: float) -> QueueStats:
        return await self._read(lambda tx: shared_queue.queue_stats(tx, now))
