"""The queue as JSON, and its listing's filters: one shape and one set of checks for
`reactiond queue …` and `/api/queue`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reactiond.domain import Job, JobAttempt, JobStatus, QueueStats
from reactiond.records.errors import InvalidFilter
from reactiond.records.model import iso_utc
from reactiond.whole_number import whole_number


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


QUEUE_FILTERS = ("status", "kind", "limit")
MAX_LIMIT = 1000


def parse_queue_filters(params: Mapping[str, str]) -> tuple[str | None, str | None, int]:
    """The filters of a job listing (`GET /api/queue`, `reactiond queue list`) checked;
    `InvalidFilter` names the wrong one."""
    unknown = sorted(set(params) - set(QUEUE_FILTERS))
    if unknown:
        raise InvalidFilter(
            f"unknown filter {unknown[0]!r} for the queue", f"use {', '.join(QUEUE_FILTERS)}"
        )
    status = params.get("status")
    statuses = [s.value for s in JobStatus]
    if status is not None and status not in statuses:
        raise InvalidFilter(f"unknown job status {status!r}", f"use one of {', '.join(statuses)}")
    raw_limit = params.get("limit", "50")
    limit = whole_number(raw_limit) or 0
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidFilter(
            f"limit {raw_limit!r} is not a number from 1 to {MAX_LIMIT}", f"use 1–{MAX_LIMIT}"
        )
    return status, params.get("kind") or None, limit
