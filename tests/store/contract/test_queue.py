"""The durable queue: leases, effects with completion, retries, death, recovery, priority."""

from __future__ import annotations

import pytest

from reactiond.domain import JobStatus, NewJob
from reactiond.store import events
from reactiond.store.interface import JobLeaseLost, Store, Transaction

NOW = 1_800_000_000.0
KINDS = ["reaction"]


async def test_claim_takes_higher_priority_first(store: Store) -> None:
    low = await store.enqueue(NewJob("reaction", {"n": 1}), NOW)
    high = await store.enqueue(NewJob("reaction", {"n": 2}, priority=10), NOW)
    first = await store.claim_next_job(KINDS, "w", 60, NOW)
    second = await store.claim_next_job(KINDS, "w", 60, NOW)
    assert first is not None and second is not None
    assert (first.id, second.id) == (high, low)


async def test_job_with_same_dedupe_key_is_queued_once(store: Store) -> None:
    assert await store.enqueue(NewJob("reaction", {}, dedupe_key="k"), NOW) is not None
    assert await store.enqueue(NewJob("reaction", {}, dedupe_key="k"), NOW) is None


async def test_a_claimed_job_is_not_claimed_twice(store: Store) -> None:
    await store.enqueue(NewJob("reaction", {}), NOW)
    assert await store.claim_next_job(KINDS, "a", 60, NOW) is not None
    assert await store.claim_next_job(KINDS, "b", 60, NOW) is None


async def test_jobs_of_a_kind_nobody_handles_are_kept_not_claimed(store: Store) -> None:
    await store.enqueue(NewJob("future-kind", {}), NOW)
    assert await store.claim_next_job(KINDS, "w", 60, NOW) is None
    stats = await store.queue_stats(NOW)
    assert stats.by_kind == {"future-kind": {"queued": 1}}


async def test_effects_commit_with_the_completion(store: Store) -> None:
    await store.enqueue(NewJob("reaction", {}), NOW)
    job = await store.claim_next_job(KINDS, "w", 60, NOW)
    assert job is not None

    def effects(tx: Transaction) -> None:
        events.log_event(tx, "x", {}, NOW)

    await store.complete_job(job, "w", NOW, effects)
    done = await store.get_job(job.id)
    assert done is not None and done.status is JobStatus.DONE
    assert [e.type for e in await store.read(lambda tx: events.events_after(tx, 0))] == ["x"]


async def test_completing_a_job_claims_the_next_in_the_same_transaction(store: Store) -> None:
    await store.enqueue(NewJob("reaction", {"n": 1}), NOW)
    await store.enqueue(NewJob("reaction", {"n": 2}), NOW)
    first = await store.claim_next_job(KINDS, "w", 60, NOW)
    assert first is not None
    claim = await store.complete_job_and_claim(first, "w", NOW + 1, None, KINDS, 60)
    assert claim.job is not None and claim.job.payload == {"n": 2}
    assert claim.job.lease_owner == "w" and claim.job.lease_expires_at == NOW + 61
    done = await store.get_job(first.id)
    assert done is not None and done.status is JobStatus.DONE


async def test_a_claim_that_finds_nothing_says_when_the_next_job_is_due(store: Store) -> None:
    await store.enqueue(NewJob("reaction", {}, run_at=NOW + 30), NOW)
    await store.enqueue(NewJob("future-kind", {}, run_at=NOW + 5), NOW)
    claim = await store.claim_job(KINDS, "w", 60, NOW)
    assert claim.job is None and claim.next_due == NOW + 30


async def test_a_claim_that_recovers_a_spent_job_says_when_the_next_is_due(store: Store) -> None:
    """The vanished worker's job is dead once recovered (its one attempt spent): the timer
    names the next queued job, not the lease that ran out."""
    await store.enqueue(NewJob("reaction", {"n": 1}, max_attempts=1), NOW)
    gone = await store.claim_next_job(KINDS, "gone", 60, NOW)
    assert gone is not None
    await store.enqueue(NewJob("reaction", {"n": 2}, run_at=NOW + 100), NOW)
    claim = await store.claim_job(KINDS, "w", 60, NOW + 61)
    assert claim.job is None and claim.next_due == NOW + 100
    spent = await store.get_job(gone.id)
    assert spent is not None and spent.status is JobStatus.DEAD


async def test_a_lost_lease_completes_nothing_and_claims_nothing(store: Store) -> None:
    await store.enqueue(NewJob("reaction", {"n": 1}), NOW)
    slow = await store.claim_next_job(KINDS, "slow", 30, NOW)
    assert slow is not None
    await store.claim_next_job(KINDS, "fast", 30, NOW + 31)
    await store.enqueue(NewJob("reaction", {"n": 2}), NOW + 31)
    with pytest.raises(JobLeaseLost):
        await store.complete_job_and_claim(slow, "slow", NOW + 32, None, KINDS, 30)
    nobody = await store.claim_job(KINDS, "other", 30, NOW + 32)
    assert nobody.job is not None and nobody.job.payload == {"n": 2}


async def test_expired_lease_makes_the_job_claimable_by_another_worker(store: Store) -> None:
    await store.enqueue(NewJob("reaction", {}), NOW)
    crashed = await store.claim_next_job(KINDS, "crashed", 30, NOW)
    assert crashed is not None
    again = await store.claim_next_job(KINDS, "alive", 30, NOW + 31)
    assert again is not None and again.id == crashed.id
    assert again.attempts == 2
    attempts = await store.job_attempts(crashed.id)
    assert [a.outcome for a in attempts] == ["lease-expired", None]
    # not "stopped": a worker that could not write its outcome (a full disk) lost it too
    job = await store.get_job(crashed.id)
    assert job is not None and job.last_error is not None
    assert "could not write its outcome" in job.last_error


async def test_late_worker_cannot_finish_a_job_it_lost_and_its_effects_vanish(
    store: Store,
) -> None:
    await store.enqueue(NewJob("reaction", {}), NOW)
    slow = await store.claim_next_job(KINDS, "slow", 30, NOW)
    assert slow is not None
    await store.claim_next_job(KINDS, "fast", 30, NOW + 31)

    def effects(tx: Transaction) -> None:
        events.log_event(tx, "x", {}, NOW)

    with pytest.raises(JobLeaseLost):
        await store.complete_job(slow, "slow", NOW + 32, effects)
    assert await store.read(lambda tx: events.events_after(tx, 0)) == []


async def test_failed_job_waits_for_its_retry_time(store: Store) -> None:
    await store.enqueue(NewJob("reaction", {}), NOW)
    job = await store.claim_next_job(KINDS, "w", 60, NOW)
    assert job is not None
    await store.fail_job(job, "w", "boom", NOW + 10, NOW)
    assert await store.claim_next_job(KINDS, "w", 60, NOW + 5) is None
    retried = await store.claim_next_job(KINDS, "w", 60, NOW + 10)
    assert retried is not None and retried.last_error == "boom"


async def test_job_is_dead_after_max_attempts_with_its_last_error(store: Store) -> None:
    await store.enqueue(NewJob("reaction", {}, max_attempts=2), NOW)
    for i in range(2):
        job = await store.claim_next_job(KINDS, "w", 60, NOW + i)
        assert job is not None
        await store.fail_job(job, "w", f"error {i}", NOW + i, NOW + i)
    dead = await store.list_jobs(status="dead")
    assert len(dead) == 1 and dead[0].last_error == "error 1"
    assert await store.claim_next_job(KINDS, "w", 60, NOW + 100) is None


async def test_job_that_keeps_crashing_its_worker_dies_after_max_attempts(
    store: Store,
) -> None:
    await store.enqueue(NewJob("reaction", {}, max_attempts=2), NOW)
    t = NOW
    for _ in range(2):
        assert await store.claim_next_job(KINDS, "w", 10, t) is not None
        t += 11
    assert await store.claim_next_job(KINDS, "w", 10, t) is None
    assert (await store.queue_stats(t)).by_status["dead"] == 1


async def test_dead_job_can_be_retried_from_scratch(store: Store) -> None:
    job_id = await store.enqueue(NewJob("reaction", {}, max_attempts=1), NOW)
    job = await store.claim_next_job(KINDS, "w", 60, NOW)
    assert job is not None
    await store.fail_job(job, "w", "boom", None, NOW)
    assert job_id is not None
    retried = await store.retry_job(job_id, NOW + 1)
    assert retried is not None and retried.status is JobStatus.QUEUED and retried.attempts == 0
    assert await store.claim_next_job(KINDS, "w", 60, NOW + 1) is not None


async def test_only_dead_jobs_can_be_retried(store: Store) -> None:
    job_id = await store.enqueue(NewJob("reaction", {}), NOW)
    assert job_id is not None
    assert await store.retry_job(job_id, NOW) is None


async def test_released_job_is_claimable_again_without_using_an_attempt(
    store: Store,
) -> None:
    await store.enqueue(NewJob("reaction", {}), NOW)
    job = await store.claim_next_job(KINDS, "w", 60, NOW)
    assert job is not None
    await store.release_job(job, "w", NOW)
    again = await store.claim_next_job(KINDS, "w", 60, NOW)
    assert again is not None and again.attempts == 1


async def test_a_waiting_job_keeps_its_attempts_and_says_why(store: Store) -> None:
    await store.enqueue(NewJob("reaction", {}, max_attempts=2), NOW)
    for n in range(3):  # more waits than attempts: a wait is not a failure
        job = await store.claim_next_job(KINDS, "w", 60, NOW + n)
        assert job is not None and job.attempts == 1
        await store.wait_job(job, "w", "the password was refused", NOW + n + 0.5, NOW + n)
    waiting = await store.get_job(job.id)
    assert waiting is not None and waiting.status == "queued" and waiting.attempts == 0
    assert waiting.last_error == "the password was refused" and waiting.run_at == NOW + 2.5
    assert await store.job_attempts(job.id) == []


async def test_next_job_due_is_the_earliest_delayed_job(store: Store) -> None:
    await store.enqueue(NewJob("reaction", {}, run_at=NOW + 50), NOW)
    await store.enqueue(NewJob("reaction", {}, run_at=NOW + 20), NOW)
    assert await store.next_job_due(KINDS) == NOW + 20


async def test_stats_count_deferred_and_oldest_waiting(store: Store) -> None:
    await store.enqueue(NewJob("reaction", {}), NOW - 30)
    await store.enqueue(NewJob("reaction", {}, run_at=NOW + 60), NOW)
    stats = await store.queue_stats(NOW)
    assert stats.by_status["queued"] == 2
    assert stats.deferred == 1
    assert stats.oldest_queued_age_s == 30
