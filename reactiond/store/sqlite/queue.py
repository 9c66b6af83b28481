"""The durable job queue: claim with a lease, finish with effects, retry, die, recover.

All functions run inside the writer's transaction (or a reader's, for the listings).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from reactiond.domain import Job, JobAttempt, JobStatus, QueueStats
from reactiond.store.events import log_event
from reactiond.store.interface import JOBS_TOPIC, JobLeaseLost, Row, Transaction
from reactiond.store.queries import query
from reactiond.store.sqlite.transaction import SqliteTransaction


def job_from_row(row: Row) -> Job:
    return Job(
        id=int(row["id"]),
        kind=str(row["kind"]),
        payload=json.loads(row["payload"]),
        priority=int(row["priority"]),
        status=JobStatus(row["status"]),
        attempts=int(row["attempts"]),
        max_attempts=int(row["max_attempts"]),
        run_at=float(row["run_at"]),
        lease_owner=row["lease_owner"],
        lease_expires_at=row["lease_expires_at"],
        last_error=row["last_error"],
        created_at=float(row["created_at"]),
        updated_at=float(row["updated_at"]),
        dedupe_key=row["dedupe_key"],
    )


def recover_expired_leases(tx: SqliteTransaction, now: float) -> int:
    """Jobs whose worker vanished (crash, kill) become claimable again, or dead when spent."""
    expired = tx.execute(query("queue", "find_expired_leases"), {"now": now})
    release_expired(tx, expired, now)
    return len(expired)


def release_expired(tx: Transaction, expired: Sequence[Row], now: float) -> None:
    """Each job of `expired` (id, attempts, max_attempts, lease_owner) queued again, or dead
    when its attempts are spent, and its open attempt closed as lease-expired."""
    for row in expired:
        spent = int(row["attempts"]) >= int(row["max_attempts"])
        tx.execute(
            query("queue", "release_expired_job"),
            {
                "status": "dead" if spent else "queued",
                "error": f"lease expired: worker {row['lease_owner']} did not finish it in time"
                " (it stopped, stalled, or could not write its outcome)",
                "now": now,
                "finished": now if spent else None,
                "id": row["id"],
            },
        )
        tx.execute(
            query("queue", "close_expired_attempt"),
            {"now": now, "id": row["id"], "attempt": row["attempts"]},
        )


def claim_next_job(
    tx: SqliteTransaction, kinds: Sequence[str], worker: str, lease_seconds: float, now: float
) -> Job | None:
    if not kinds:
        return None
    recover_expired_leases(tx, now)
    job_id = _first_due(tx, frozenset(kinds), now)
    if job_id is None:
        return None
    claimed = tx.execute_one(
        query("queue", "lease_job"),
        {"worker": worker, "until": now + lease_seconds, "now": now, "id": job_id},
    )
    assert claimed is not None
    job = job_from_row(claimed)
    tx.execute(
        query("queue", "begin_attempt"),
        {"id": job.id, "attempt": job.attempts, "worker": worker, "now": now},
    )
    return job


def _first_due(tx: SqliteTransaction, kinds: frozenset[str], now: float) -> int | None:
    """The job to run next: the highest priority first, then the longest due, then the
    oldest; among the kinds this worker handles (others stay queued for a worker that
    does). Walks the due jobs of one priority at a time, in index order, and stops at the
    first one of a wanted kind: no sort, and no look at jobs that are not due yet."""
    for p in tx.execute(query("queue", "queued_priorities")):
        due = tx.conn.execute(
            query("queue", "first_due_job_of_priority"), {"priority": p["priority"], "now": now}
        )
        for row in due:
            if row["kind"] in kinds:
                return int(row["id"])
    return None


def check_lease(tx: Transaction, job: Job, worker: str) -> None:
    _still_leased(job, worker)(tx.execute(query("queue", "job_lease"), {"id": job.id}))


def _still_leased(job: Job, worker: str) -> Callable[[list[Row]], None]:
    """What refuses the job's row unless `worker` still holds it for this attempt."""

    def check(rows: list[Row]) -> None:
        row = rows[0] if rows else None
        if (
            row is None
            or row["status"] != "running"
            or row["lease_owner"] != worker
            or int(row["attempts"]) != job.attempts
        ):
            raise JobLeaseLost(f"job {job.id} is no longer leased to {worker}")

    return check


def complete_job(
    tx: Transaction,
    job: Job,
    worker: str,
    now: float,
    effects: Callable[[Transaction], None] | None,
) -> None:
    # The lease is read (FOR UPDATE on PostgreSQL) with the effects' first statement that
    # needs an answer, and looked at before the commit: a lost lease rolls them back.
    tx.execute_later(query("queue", "job_lease"), {"id": job.id}, then=_still_leased(job, worker))
    if effects is not None:
        effects(tx)
    tx.execute(query("queue", "mark_job_done"), {"now": now, "id": job.id})
    _finish_attempt(tx, job, now, "done", None)


def fail_job(
    tx: Transaction, job: Job, worker: str, error: str, retry_at: float | None, now: float
) -> None:
    check_lease(tx, job, worker)
    dead = retry_at is None or job.attempts >= job.max_attempts
    tx.execute(
        query("queue", "mark_job_failed"),
        {
            "status": "dead" if dead else "queued",
            "run_at": job.run_at if dead or retry_at is None else retry_at,
            "error": error[:2000],
            "now": now,
            "finished": now if dead else None,
            "id": job.id,
        },
    )
    _finish_attempt(tx, job, now, "dead" if dead else "retry", error[:2000])
    if dead:
        # On GET /api/stream: a job that will not run again needs a human.
        log_event(
            tx,
            "job.failed",
            {"job_id": job.id, "kind": job.kind, "attempts": job.attempts, "error": error[:500]},
            now,
        )
    else:
        tx.notify(JOBS_TOPIC)  # a retry due later: workers recompute their next wake-up


def release_job(tx: Transaction, job: Job, worker: str, now: float) -> None:
    """Give a claimed job back untouched (shutdown): it does not count as an attempt."""
    check_lease(tx, job, worker)
    tx.execute(query("queue", "give_job_back"), {"now": now, "id": job.id})
    tx.execute(query("queue", "forget_attempt"), {"id": job.id, "attempt": job.attempts})
    tx.notify(JOBS_TOPIC)  # another worker (of this process or another) may take it now


def wait_job(
    tx: Transaction, job: Job, worker: str, reason: str, run_at: float, now: float
) -> None:
    """The job cannot run until something outside it changes (a password a server refuses):
    queued again for `run_at` with `reason` as its last error, and, as with a release, the
    run does not count as an attempt: waiting never uses up a job's retries."""
    check_lease(tx, job, worker)
    tx.execute(
        query("queue", "make_job_wait"),
        {"run_at": run_at, "error": reason[:2000], "now": now, "id": job.id},
    )
    tx.execute(query("queue", "forget_attempt"), {"id": job.id, "attempt": job.attempts})
    tx.notify(JOBS_TOPIC)  # a wait due later: workers recompute their next wake-up


def _finish_attempt(tx: Transaction, job: Job, now: float, outcome: str, error: str | None) -> None:
    tx.execute(
        query("queue", "finish_attempt"),
        {"now": now, "outcome": outcome, "error": error, "id": job.id, "attempt": job.attempts},
    )


def retry_job(tx: SqliteTransaction, job_id: int, now: float) -> Job | None:
    """A dead (or cancelled) job gets a fresh set of attempts, runnable now."""
    row = tx.execute_one(query("queue", "retry_dead_job"), {"now": now, "id": job_id})
    if row is not None:
        tx.jobs_enqueued += 1
    return job_from_row(row) if row is not None else None


def claim(
    tx: SqliteTransaction,
    kinds: Sequence[str],
    worker: str,
    lease_seconds: float,
    now: float,
    *,
    streak: bool = False,
) -> tuple[Job | None, float | None]:
    """The next due job, claimed; or none, and when the next one is due (the timer).
    `streak` changes nothing here: the timer's read costs no round trip in-process."""
    job = claim_next_job(tx, kinds, worker, lease_seconds, now)
    return (job, None) if job is not None else (None, next_job_due(tx, kinds))


def next_job_due(tx: SqliteTransaction, kinds: Sequence[str]) -> float | None:
    if not kinds:
        return None
    kinds_json = json.dumps(list(kinds))
    queued = tx.execute_one(query("queue", "next_queued_run_at"), {"kinds": kinds_json})
    leased = tx.execute_one(query("queue", "earliest_lease_expiry"), {"kinds": kinds_json})
    times = [float(r[k]) for r, k in ((queued, "run_at"), (leased, "t")) if r and r[k] is not None]
    return min(times) if times else None


_LISTINGS = {
    (False, False): "list_jobs",
    (True, False): "list_jobs_of_status",
    (False, True): "list_jobs_of_kind",
    (True, True): "list_jobs_of_status_and_kind",
}


def list_jobs(tx: SqliteTransaction, status: str | None, kind: str | None, limit: int) -> list[Job]:
    # One query per set of filters given, with only those filters (queue.sql says why).
    name = _LISTINGS[status is not None, kind is not None]
    given = {"status": status, "kind": kind}
    params: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    rows = tx.execute(query("queue", name), {**params, "limit": limit})
    return [job_from_row(r) for r in rows]


def get_job(tx: SqliteTransaction, job_id: int) -> Job | None:
    row = tx.execute_one(query("queue", "get_job"), {"id": job_id})
    return job_from_row(row) if row is not None else None


def job_attempts(tx: SqliteTransaction, job_id: int) -> list[JobAttempt]:
    rows = tx.execute(query("queue", "list_job_attempts"), {"id": job_id})
    return [
        JobAttempt(
            job_id=int(r["job_id"]),
            attempt=int(r["attempt"]),
            started_at=float(r["started_at"]),
            finished_at=r["finished_at"],
            outcome=r["outcome"],
            error=r["error"],
        )
        for r in rows
    ]


def queue_stats(tx: SqliteTransaction, now: float) -> QueueStats:
    by_status = {s.value: 0 for s in JobStatus}
    by_kind: dict[str, dict[str, int]] = {}
    for r in tx.execute(query("queue", "count_jobs_by_kind_and_status")):
        by_status[r["status"]] = by_status.get(r["status"], 0) + int(r["n"])
        by_kind.setdefault(r["kind"], {})[r["status"]] = int(r["n"])
    oldest = tx.execute_one(query("queue", "oldest_due_job_run_at"), {"now": now})
    deferred = tx.execute_one(query("queue", "count_deferred_jobs"), {"now": now})
    ignored = {
        f"{r['event']}": int(r["n"]) for r in tx.execute(query("queue", "count_ignored_events"))
    }
    age = None
    if oldest is not None and oldest["t"] is not None:
        age = max(0.0, now - float(oldest["t"]))
    return QueueStats(
        by_status=by_status,
        by_kind=by_kind,
        oldest_queued_age_s=age,
        deferred=int(deferred["n"]) if deferred is not None else 0,
        events_ignored=ignored,
    )
