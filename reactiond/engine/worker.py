"""The worker: claims jobs with a lease, runs their handler, finishes them with their effects.

A handler is an async function of the job that returns the *effects* to commit with the
job's completion (a function of the transaction), or raises:
- `RetryLater` → tried again after a backoff (or at the time it names),
- `GiveUp` → dead at once with its reason,
- `Wait` → not a failure: run again at the time it names, its reason shown as the job's
  last error, and the run does not count against the job's attempts (a password the
  server refuses waits for a person, however long that takes),
- any other exception → retried with backoff; dead after `max_attempts`.

Jobs of a kind no handler is registered for are never claimed: they wait, they are not
dropped. Enqueueing wakes the worker at once; a timer serves only delayed jobs.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

import structlog

from reactiond.domain import Job
from reactiond.engine.retry import backoff_delay
from reactiond.store.interface import Claim, JobLeaseLost, Store, StoreUnavailable, Transaction

log = structlog.get_logger("reactiond.worker")

Effects = Callable[[Transaction], None]
JobHandler = Callable[[Job], Awaitable[Effects | None]]
MAX_IDLE_SLEEP = 30.0


class RetryLater(Exception):
    def __init__(self, reason: str, *, at: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.at = at


class Wait(Exception):
    def __init__(self, reason: str, *, at: float) -> None:
        super().__init__(reason)
        self.reason = reason
        self.at = at


class GiveUp(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class JobObserver(Protocol):
    """Told about every finished run of a job (metrics). Outcomes: done, retry, dead,
    waiting, lease_lost, unrecorded (the store could not record the outcome while the
    job's lease lasted)."""

    def job_finished(self, job: Job, outcome: str, run_seconds: float, now: float) -> None: ...


class JobHandlers:
    """Which handler runs which kind of job; filled by the composition root."""

    def __init__(self) -> None:
        self._handlers: dict[str, JobHandler] = {}

    def register(self, kind: str, handler: JobHandler) -> None:
        if kind in self._handlers:
            raise ValueError(f"a handler for {kind!r} jobs is already registered")
        self._handlers[kind] = handler

    def get(self, kind: str) -> JobHandler | None:
        return self._handlers.get(kind)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(sorted(self._handlers))


@dataclass(frozen=True)
class WorkerSettings:
    lease_seconds: float = 60.0
    backoff_base: float = 2.0
    backoff_max: float = 3600.0
    concurrency: int = 1


class Wakeup:
    """Set when jobs are enqueued; the worker waits on it instead of polling."""

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self.waiting = 0  # workers idle on it now (what a test waits for, not a sleep)

    def __call__(self) -> None:
        self._event.set()

    async def wait(self, seconds: float | None) -> None:
        self.waiting += 1
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._event.wait(), seconds)
        finally:
            self.waiting -= 1
        self._event.clear()


class Worker:
    def __init__(
        self,
        store: Store,
        handlers: JobHandlers,
        wakeup: Wakeup,
        settings: WorkerSettings,
        *,
        clock: Callable[[], float] = time.time,
        rand: random.Random | None = None,
        name: str | None = None,
    ) -> None:
        self.store = store
        self.handlers = handlers
        self.wakeup = wakeup
        self.settings = settings
        self.clock = clock
        self.rand = rand or random.Random()
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self._stopping = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self.jobs_done = 0
        self.observer: JobObserver | None = None

    def start(self) -> None:
        for i in range(self.settings.concurrency):
            self._tasks.append(asyncio.create_task(self._loop(f"{self.name}/{i}")))

    async def stop(self, grace: float = 10.0) -> None:
        """Finish the running jobs (or release their leases) and stop claiming."""
        self._stopping.set()
        self.wakeup()
        if self._tasks:
            _, pending = await asyncio.wait(self._tasks, timeout=grace)
            for t in pending:
                t.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        self._tasks.clear()

    async def _loop(self, worker: str) -> None:
        job: Job | None = None  # claimed with the previous job's completion
        streak = False  # that claim found a job: a backlog is being drained
        while not self._stopping.is_set():
            if job is None:
                try:
                    claim = await self.store.claim_job(
                        self.handlers.kinds, worker, self.settings.lease_seconds, self.clock()
                    )
                except StoreUnavailable as exc:
                    log.error("claim_failed", worker=worker, why=exc.reason)
                    await self.wakeup.wait(5.0)
                    continue
                if claim.job is None:
                    await self._idle(claim.next_due)
                    continue
                job = claim.job
            claim_after = await self._run(job, worker, streak)
            job = None
            streak = claim_after is not None and claim_after.job is not None
            if claim_after is not None:
                job = claim_after.job
                if job is None:
                    await self._idle(claim_after.next_due)
        if job is not None:  # claimed as the worker was told to stop: give it back
            await self._release(job, worker)

    async def _idle(self, due: float | None) -> None:
        timeout = MAX_IDLE_SLEEP if due is None else min(MAX_IDLE_SLEEP, due - self.clock())
        if timeout > 0 and not self._stopping.is_set():
            await self.wakeup.wait(timeout)

    async def _run(self, job: Job, worker: str, streak: bool = False) -> Claim | None:
        """Run `job` and record its outcome. When it is done, the next job is claimed in
        the transaction that completes it (one transaction per job instead of two, or three
        with the timer's read when the queue is empty): returned, unless the worker is
        stopping or the run ended otherwise (then None: the loop claims by itself).
        `streak`: `job` was claimed with the previous job's completion (the store then
        reads the timer only if no job follows)."""
        bound = log.bind(job_id=job.id, kind=job.kind, attempt=job.attempts, worker=worker)
        handler = self.handlers.get(job.kind)
        started = time.perf_counter()
        outcome = "done"
        claim: Claim | None = None
        effects: Effects | None = None
        ran = False  # the handler returned: what is left is recording its outcome
        try:
            if handler is None:
                raise RetryLater(f"no handler for {job.kind!r} jobs")
            try:
                effects = await handler(job)
            except asyncio.CancelledError:
                await self._release(job, worker)
                raise
            ran = True
            if self._stopping.is_set():
                await self.store.complete_job(job, worker, self.clock(), effects)
            else:
                claim = await self.store.complete_job_and_claim(
                    job,
                    worker,
                    self.clock(),
                    effects,
                    self.handlers.kinds,
                    self.settings.lease_seconds,
                    streak=streak,
                )
        except Wait as exc:
            outcome = await self._wait(job, worker, exc, bound)
        except RetryLater as exc:
            at = exc.at if exc.at is not None else self.clock() + self._delay(job)
            outcome = await self._fail(job, worker, exc.reason, at, bound)
        except GiveUp as exc:
            outcome = await self._fail(job, worker, exc.reason, None, bound)
        except JobLeaseLost as exc:
            outcome = "lease_lost"
            bound.warning("job_lease_lost", why=str(exc))
        except StoreUnavailable as exc:
            bound.error("job_not_finished", why=exc.reason)
            outcome = await self._when_the_store_answers(
                job, worker, ran, effects, exc.reason, bound
            )
        except Exception as exc:
            bound.exception("job_failed")
            error = f"{type(exc).__name__}: {exc}"
            outcome = await self._fail(job, worker, error, self.clock() + self._delay(job), bound)
        else:
            self.jobs_done += 1
            bound.info("job_done", ms=round((time.perf_counter() - started) * 1000, 2))
        if self.observer is not None:
            self.observer.job_finished(job, outcome, time.perf_counter() - started, self.clock())
        return claim

    async def _when_the_store_answers(
        self,
        job: Job,
        worker: str,
        ran: bool,
        effects: Effects | None,
        reason: str,
        bound: structlog.typing.FilteringBoundLogger,
    ) -> str:
        """The store went away during the run (a database restart, a network cut): while
        the job's lease lasts, record it as soon as the store answers again, rather than
        leave it to the lease's end (a minute by default) for another run. A job whose
        handler returned is completed with its effects; one whose handler could not read
        or write what it needed is a failed attempt, retried after the usual backoff (so
        that a job that always meets an unavailable store still ends dead, never loops).
        The lease check in both makes it safe to try: a completion that did commit before
        the store went away (its answer lost) finds the job done, and nothing is doubled."""
        delay = 0.25
        while not self._stopping.is_set():
            expires = job.lease_expires_at
            if expires is None or self.clock() + delay >= expires:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), delay)
            now = self.clock()
            retry_at = now + self._delay(job)
            try:
                if ran:
                    await self.store.complete_job(job, worker, now, effects)
                else:
                    error = f"the database was unavailable during the run: {reason}"
                    await self.store.fail_job(job, worker, error, retry_at, now)
            except StoreUnavailable:
                delay = min(delay * 2, 4.0)
                continue
            except JobLeaseLost:
                # Within its own lease, only this worker's earlier commit (its answer lost
                # with the connection) can have finished the job.
                bound.info("job_recorded_before_the_store_went_away")
                return "done" if ran else "lease_lost"
            bound.info("job_recorded_after_the_store_came_back", done=ran)
            if ran:
                self.jobs_done += 1
                return "done"
            return "dead" if job.attempts >= job.max_attempts else "retry"
        return "unrecorded"

    def _delay(self, job: Job) -> float:
        return backoff_delay(
            job.attempts,
            base=self.settings.backoff_base,
            cap=self.settings.backoff_max,
            rand=self.rand,
        )

    async def _fail(
        self,
        job: Job,
        worker: str,
        error: str,
        retry_at: float | None,
        bound: structlog.typing.FilteringBoundLogger,
    ) -> str:
        """Record a failed run; return its outcome: retry, dead, or unrecorded."""
        try:
            await self.store.fail_job(job, worker, error, retry_at, self.clock())
        except (JobLeaseLost, StoreUnavailable) as exc:
            bound.warning("job_fail_not_recorded", why=str(exc))
            return "unrecorded"
        dead = retry_at is None or job.attempts >= job.max_attempts
        bound.warning("job_dead" if dead else "job_retry", error=error, retry_at=retry_at)
        return "dead" if dead else "retry"

    async def _wait(
        self, job: Job, worker: str, exc: Wait, bound: structlog.typing.FilteringBoundLogger
    ) -> str:
        try:
            await self.store.wait_job(job, worker, exc.reason, exc.at, self.clock())
        except (JobLeaseLost, StoreUnavailable) as lost:
            bound.warning("job_wait_not_recorded", why=str(lost))
            return "unrecorded"
        bound.warning("job_waiting", reason=exc.reason, run_at=exc.at)
        return "waiting"

    async def _release(self, job: Job, worker: str) -> None:
        with contextlib.suppress(JobLeaseLost, StoreUnavailable):
            await asyncio.shield(self.store.release_job(job, worker, self.clock()))
