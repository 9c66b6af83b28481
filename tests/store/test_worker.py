"""The worker against a real store: wake-up, effects, retries, giving up, shutdown."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable

from reactiond.domain import Job, JobStatus, NewJob
from reactiond.engine.worker import (
    MAX_IDLE_SLEEP,
    Effects,
    GiveUp,
    JobHandlers,
    RetryLater,
    Wait,
    Wakeup,
    Worker,
    WorkerSettings,
)
from reactiond.store import events
from reactiond.store.interface import JOBS_TOPIC, StoreUnavailable, Transaction
from reactiond.store.sqlite.store import SqliteStore
from tests import store_reads
from tests.waiting import PATIENCE, eventually


def idle_on(wakeup: Wakeup) -> Callable[[], Awaitable[int]]:
    """A probe: how many wait on `wakeup` now (a worker that found nothing to do)."""

    async def waiting() -> int:
        return wakeup.waiting

    return waiting


def make_worker(store: SqliteStore, handlers: JobHandlers, now: float | None = None) -> Worker:
    wakeup = Wakeup()
    store.subscribe(JOBS_TOPIC, wakeup)
    clock = (lambda: now) if now is not None else None
    settings = WorkerSettings(lease_seconds=30, backoff_base=10, backoff_max=100)
    if clock is None:
        return Worker(store, handlers, wakeup, settings, rand=random.Random(1))
    return Worker(store, handlers, wakeup, settings, clock=clock, rand=random.Random(1))


async def wait_for_status(
    store: SqliteStore, job_id: int, status: JobStatus, *, within: float = PATIENCE
) -> Job:
    async def reached() -> Job | None:
        job = await store.get_job(job_id)
        return job if job is not None and job.status is status else None

    return await eventually(reached, what=f"job {job_id} {status}", within=within)


async def wait_for_failure(store: SqliteStore, job_id: int) -> Job:
    async def failed() -> Job | None:
        job = await store.get_job(job_id)
        return job if job is not None and job.last_error else None

    return await eventually(failed, what=f"job {job_id} to record a failure")


async def first_failure(store: SqliteStore, handle: Callable[[Job], Awaitable[None]]) -> Job:
    """A reaction job run by a worker on a fixed clock (1000) until `handle` fails it
    once: the job as that failure left it."""
    handlers = JobHandlers()
    handlers.register("reaction", handle)
    worker = make_worker(store, handlers, now=1000.0)
    job_id = await store.enqueue(NewJob("reaction", {}), 1000.0)
    assert job_id is not None
    worker.start()
    try:
        return await wait_for_failure(store, job_id)
    finally:
        await worker.stop()


async def test_enqueued_job_wakes_an_idle_worker_and_is_done(store: SqliteStore) -> None:
    seen: list[int] = []

    async def handle(job: Job) -> Effects:
        seen.append(job.id)

        def effects(tx: Transaction) -> None:
            events.log_event(tx, "done", {}, 0)

        return effects

    handlers = JobHandlers()
    handlers.register("reaction", handle)
    worker = make_worker(store, handlers)
    worker.start()
    try:
        await eventually(idle_on(worker.wakeup), what="the worker idle, its timer at 30 s")
        job_id = await store.enqueue(NewJob("reaction", {}), 0)
        assert job_id is not None
        # Only the enqueue's wake-up can run it before the idle timer (30 s) would.
        await wait_for_status(store, job_id, JobStatus.DONE, within=MAX_IDLE_SLEEP / 2)
    finally:
        await worker.stop()
    assert seen == [job_id]
    assert len(await store_reads.logged(store)) == 1


async def test_handler_error_is_retried_after_a_backoff(store: SqliteStore) -> None:
    async def handle(job: Job) -> None:
        raise RuntimeError("evolution said no")

    job = await first_failure(store, handle)
    assert job is not None and job.status is JobStatus.QUEUED
    assert job.last_error == "RuntimeError: evolution said no"
    assert 1005.0 <= job.run_at <= 1010.0  # base 10 s, jittered over the upper half


async def test_retry_later_at_a_given_time_is_honoured(store: SqliteStore) -> None:
    async def handle(job: Job) -> None:
        raise RetryLater("target message not seen yet", at=2000.0)

    job = await first_failure(store, handle)
    assert job is not None and job.run_at == 2000.0


async def test_a_wait_is_not_an_attempt(store: SqliteStore) -> None:
    runs: list[int] = []

    async def handle(job: Job) -> None:
        runs.append(job.attempts)
        if len(runs) < 3:  # more waits than the job has attempts
            raise Wait("the server refused the password", at=0.0)

    handlers = JobHandlers()
    handlers.register("reaction", handle)
    worker = make_worker(store, handlers)
    worker.start()
    try:
        job_id = await store.enqueue(NewJob("reaction", {}, max_attempts=2), 0)
        assert job_id is not None
        job = await wait_for_status(store, job_id, JobStatus.DONE)
    finally:
        await worker.stop()
    assert runs == [1, 1, 1] and job.attempts == 1


async def test_give_up_makes_the_job_dead_at_once(store: SqliteStore) -> None:
    async def handle(job: Job) -> None:
        raise GiveUp("rule was deleted")

    handlers = JobHandlers()
    handlers.register("reaction", handle)
    worker = make_worker(store, handlers)
    worker.start()
    try:
        job_id = await store.enqueue(NewJob("reaction", {}), 0)
        assert job_id is not None
        job = await wait_for_status(store, job_id, JobStatus.DEAD)
    finally:
        await worker.stop()
    assert job.last_error == "rule was deleted" and job.attempts == 1


async def test_stop_releases_a_job_whose_handler_does_not_finish(store: SqliteStore) -> None:
    started = asyncio.Event()

    async def handle(job: Job) -> None:
        started.set()
        await asyncio.sleep(3600)

    handlers = JobHandlers()
    handlers.register("reaction", handle)
    worker = make_worker(store, handlers)
    worker.start()
    job_id = await store.enqueue(NewJob("reaction", {}), 0)
    assert job_id is not None
    await asyncio.wait_for(started.wait(), PATIENCE)
    await worker.stop(grace=0.1)
    job = await store.get_job(job_id)
    assert job is not None and job.status is JobStatus.QUEUED and job.attempts == 0


def test_registering_two_handlers_for_one_kind_is_refused() -> None:
    handlers = JobHandlers()

    async def handle(job: Job) -> None:
        return None

    handlers.register("reaction", handle)
    try:
        handlers.register("reaction", handle)
    except ValueError as exc:
        assert "already registered" in str(exc)
    else:
        raise AssertionError("second registration accepted")


async def test_a_run_the_store_cut_is_a_counted_attempt_retried_after_a_backoff(
    store: SqliteStore,
) -> None:
    """The handler could not read what it needed (a database restart): once the store
    answers, the run is recorded as a failed attempt, not left to its lease, and a job
    that always meets an unavailable store uses up its attempts like any other."""

    async def handle(job: Job) -> None:
        raise StoreUnavailable("the database server does not accept connections", "check it")

    job = await first_failure(store, handle)
    assert job is not None and job.status is JobStatus.QUEUED and job.attempts == 1
    assert job.last_error == (
        "the database was unavailable during the run:"
        " the database server does not accept connections"
    )
    assert 1005.0 <= job.run_at <= 1010.0  # the usual backoff, not the 30 s lease
