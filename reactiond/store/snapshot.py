"""One read of what health and metrics report from the database: the queue, the outbox,
the last webhook, the NLP and reply totals. Read at request (or scrape) time, so the
figures are the database's, correct across restarts, and cost nothing between scrapes.
Totals come from counters kept by triggers (migration 005), never from counting a whole
table: the read costs the same at 10k and at 1M records."""

from __future__ import annotations

from dataclasses import dataclass, field

from reactiond.domain import JobStatus
from reactiond.store.interface import Transaction
from reactiond.store.queries import query


def _q(name: str) -> str:
    return query("snapshot", name)


@dataclass(frozen=True)
class StoreSnapshot:
    jobs_by_status: dict[str, int]
    queue_depth: int  # queued and runnable now
    deferred: int  # queued for later (backoff, flood deferral, reminders)
    oldest_queued_age_s: float | None
    dead_jobs: int
    last_dead_at: float | None
    outbox_by_status: dict[str, int]
    outbox_oldest_pending_age_s: float | None
    last_webhook_at: float | None
    # (parser, language, outcome "success" | "failure") → count, from nlp_log
    nlp_results: dict[tuple[str, str, str], int] = field(default_factory=dict)


def take_snapshot(tx: Transaction, now: float) -> StoreSnapshot:
    jobs = {s.value: 0 for s in JobStatus}
    for r in tx.execute(_q("count_jobs_by_status")):
        jobs[str(r["status"])] = int(r["n"])
    queue = tx.execute_one(_q("queued_jobs_runnable_now"), {"now": now}) or {}
    ready = int(queue.get("ready") or 0)
    dead = tx.execute_one(_q("last_dead_job_at"))
    outbox: dict[str, int] = {}
    for r in tx.execute(_q("count_replies_by_status")):
        outbox[str(r["status"])] = int(r["n"])
    pending = tx.execute_one(_q("oldest_pending_reply_at"))
    webhook = tx.execute_one(_q("last_webhook_at"))
    nlp = {
        (str(r["parser"]), str(r["language"]), "success" if r["success"] else "failure"): int(
            r["n"]
        )
        for r in tx.execute(_q("count_parses"))
    }
    oldest = queue.get("oldest")
    pending_oldest = pending["oldest"] if pending is not None else None
    return StoreSnapshot(
        jobs_by_status=jobs,
        queue_depth=ready,
        deferred=max(0, jobs.get("queued", 0) - ready),
        oldest_queued_age_s=None if oldest is None else max(0.0, now - float(oldest)),
        dead_jobs=jobs.get("dead", 0),
        last_dead_at=None if dead is None or dead["last"] is None else float(dead["last"]),
        outbox_by_status=outbox,
        outbox_oldest_pending_age_s=(
            None if pending_oldest is None else max(0.0, now - float(pending_oldest))
        ),
        last_webhook_at=None if webhook is None or webhook["last"] is None else webhook["last"],
        nlp_results=nlp,
    )


def jobs_by_status(tx: Transaction) -> dict[str, int]:
    """How many jobs in each status (every status, 0 when none), from the kept counters."""
    counts = {s.value: 0 for s in JobStatus}
    for r in tx.execute(_q("count_jobs_by_status")):
        counts[str(r["status"])] = int(r["n"])
    return counts


def replies_by_status(tx: Transaction) -> dict[str, int]:
    """How many replies in each status the outbox has, from the kept counters."""
    return {str(r["status"]): int(r["n"]) for r in tx.execute(_q("count_replies_by_status"))}


def probe_write(tx: Transaction, now: float) -> None:
    """Write and delete one event-log row in this transaction: proves the database takes
    writes (disk space, permissions) without leaving anything behind."""
    row = tx.execute_one(_q("insert_probe_event"), {"now": now})
    assert row is not None  # RETURNING always gives the inserted row
    tx.execute(_q("delete_probe_event"), {"id": row["id"]})


def instances_seen(tx: Transaction, limit: int) -> list[str]:
    """The instances that sent webhooks, the most recent first."""
    return [str(r["instance"]) for r in tx.execute(_q("instances_by_last_webhook"), {"n": limit})]
