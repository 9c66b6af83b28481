"""The durable job queue on PostgreSQL: many workers in many processes claim at once.

The claim takes the first due job with `FOR UPDATE SKIP LOCKED`: two workers never get
the same job and never wait on each other's row. A lease (`lease_owner`,
`lease_expires_at`) says who holds it until when; a worker that dies (SIGKILL, a lost
machine) leaves its lease to expire, and the next claim, by any process, takes the job
back. Finishing a job re-reads its row `FOR UPDATE` and refuses (`JobLeaseLost`, the
transaction rolls back) when the lease moved on: a worker paused past its lease cannot
commit effects another worker is committing too.

Finishing, failing and releasing a job, the listings and the statistics are SQLite's
(store/sqlite/queue.py): their SQL is portable, and the lease read takes its `FOR UPDATE`
from the named query's @postgres variant.
"""

from __future__ import annotations

from collections.abc import Sequence

from reactiond.domain import Job
from reactiond.store.interface import Row
from reactiond.store.postgres.transaction import PgTransaction
from reactiond.store.queries import query
from reactiond.store.sqlite.queue import check_lease as check_lease
from reactiond.store.sqlite.queue import complete_job as complete_job
from reactiond.store.sqlite.queue import fail_job as fail_job
from reactiond.store.sqlite.queue import job_from_row, release_expired
from reactiond.store.sqlite.queue import release_job as release_job
from reactiond.store.sqlite.queue import wait_job as wait_job


def recover_expired_leases(tx: PgTransaction, now: float) -> int:
    """Jobs whose worker vanished become claimable again, or dead when spent. Rows another
    process is recovering (or finishing) right now are skipped, not waited for."""
    expired = tx.execute(query("queue", "find_expired_leases", "postgres"), {"now": now})
    release_expired(tx, expired, now)
    if expired:
        tx.jobs_enqueued += 1  # wake the other workers: there is work again
    return len(expired)


def claim_next_job(
    tx: PgTransaction, kinds: Sequence[str], worker: str, lease_seconds: float, now: float
) -> Job | None:
    """The next due job, claimed; the claim commits the transaction (see `_claim_after`)."""
    if not kinds:
        return None
    # Whether a lease ran out, and the queued priorities, in one round trip; the jobs of
    # a vanished worker are recovered first, which may bring a priority back.
    look = tx.execute(query("queue", "expired_then_queued_priorities"), {"now": now})
    return _claim_after(tx, look, kinds, worker, lease_seconds, now)


def claim(
    tx: PgTransaction,
    kinds: Sequence[str],
    worker: str,
    lease_seconds: float,
    now: float,
    *,
    streak: bool = False,
) -> tuple[Job | None, float | None]:
    """The next due job, claimed; or none, and when the next one is due (the worker's
    timer). The claim's first look and the timer's read go in one round trip: after a
    lone job, the queue is most often empty, and the timer's read was a round trip of its
    own. In a `streak` (the worker's previous claim found a job: a backlog), the next
    claim most likely finds one too, and the timer's read, the costliest statement of a
    drain (it walks the jobs claimed since the index was last cleaned), is left for the
    claim that finds none."""
    if not kinds:
        return None, None
    # With the COMMIT of what came before (a finished job), unless the job's lease is yet
    # to be looked at: when the queue is empty, as it most often is after a job, that was
    # the whole transaction; a job found is claimed in a transaction of its own.
    look_first = (query("queue", "expired_then_queued_priorities"), {"now": now})
    if streak:
        [look] = tx.execute_batch([look_first], commit=True)
        due = None
    else:
        look, due = tx.execute_batch(
            [look_first, (query("queue", "next_job_or_lease_due"), {"kinds": list(kinds)})],
            commit=True,
        )
    job = _claim_after(tx, look, kinds, worker, lease_seconds, now)
    if job is not None:
        return job, None
    if streak or (look and look[0]["priority"] is None):
        return None, next_job_due(tx, kinds)  # not read yet, or leases recovered since
    return None, float(due[0]["due"]) if due and due[0]["due"] is not None else None


def _claim_after(
    tx: PgTransaction,
    look: list[Row],
    kinds: Sequence[str],
    worker: str,
    lease_seconds: float,
    now: float,
) -> Job | None:
    """The claim once its first look (`expired_then_queued_priorities`) is read."""
    if look and look[0]["priority"] is None:
        recover_expired_leases(tx, now)
        look = tx.execute(query("queue", "queued_priorities"))
    # One priority at a time, highest first (the queue's own plan, store/queries/queue.sql):
    # ordering all queued jobs by priority walked every waiting job of a higher priority,
    # e.g. a million reminders due tomorrow, before the reaction due now (224 ms).
    claimed = None
    for p in look:
        # Once claimed, nothing else is in the transaction: the COMMIT goes with it (a
        # priority whose due jobs are all taken changed nothing, and the next one asked
        # is a transaction of its own).
        [rows] = tx.execute_batch(
            [
                (
                    query("queue", "claim_due_job_of_priority"),
                    {
                        "priority": p["priority"],
                        "now": now,
                        "kinds": list(kinds),
                        "worker": worker,
                        "until": now + lease_seconds,
                    },
                )
            ],
            commit=True,
        )
        if rows:
            claimed = rows[0]
            break
    if claimed is None:
        return None
    return job_from_row(claimed)


def next_job_due(tx: PgTransaction, kinds: Sequence[str]) -> float | None:
    if not kinds:
        return None
    row = tx.execute_one(query("queue", "next_job_or_lease_due"), {"kinds": list(kinds)})
    return float(row["due"]) if row is not None and row["due"] is not None else None
