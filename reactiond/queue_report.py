"""The queue as JSON: one shape for `reactiond queue … --json` and `/api/queue`."""

from __future__ import annotations

from typing import Any

from reactiond.domain import Job, JobAttempt, QueueStats
from reactiond.records.model import iso_utc


def job_json(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "kind": job.kind,
        "status": job.status.value,
        "priority": job.priority,
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "run_at": iso_utc(job.run_at),
        "last_error": job.last_error,
        "created_at": iso_utc(job.created_at),
        "updated_at": iso_utc(job.updated_at),
        "payload": job.payload,
    }


def attempt_json(a: JobAttempt) -> dict[str, Any]:
    return {
        "attempt": a.attempt,
        "started_at": iso_utc(a.started_at),
        "finished_at": iso_utc(a.finished_at),
        "outcome": a.outcome,
        "error": a.error,
    }


def stats_json(stats: QueueStats) -> dict[str, Any]:
    return {
        "by_status": stats.by_status,
        "by_kind": stats.by_kind,
        "oldest_queued_age_s": stats.oldest_queued_age_s,
        "deferred": stats.deferred,
        "events_ignored": stats.events_ignored,
    }
