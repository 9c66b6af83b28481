"""The durable event log behind `GET /api/stream`: what happened, in order, with ids.

Anything that changes what a user sees writes one row here *in its own transaction*
(record created/updated/cancelled, job failed, reply dead), so a reconnecting SSE client
resumes from `Last-Event-ID` without gaps. Bounded: `prune` keeps the newest rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from reactiond.store import caldav_repo
from reactiond.store.interface import Transaction
from reactiond.store.queries import query

TOPIC = "event_log"

EVENT_TYPES = (
    "record.created",
    "record.updated",
    "record.cancelled",
    "job.failed",
    "reply.dead",
    "calendar.conflict",
)


def _q(name: str) -> str:
    return query("events", name)


@dataclass(frozen=True)
class LoggedEvent:
    id: int
    type: str
    data: dict[str, Any]
    created_at: float


def log_event(tx: Transaction, type_: str, data: dict[str, Any], now: float) -> int:
    """Append one event in the caller's transaction; SSE subscribers wake after commit."""
    row = tx.execute_one(
        _q("log_event"),
        {"type": type_, "data": json.dumps(data, ensure_ascii=False, sort_keys=True), "now": now},
    )
    assert row is not None
    tx.notify(TOPIC)
    # Every change a person sees is logged here: the calendars it goes to follow it.
    caldav_repo.follow_record(tx, type_, data, now)
    return int(row["id"])


def events_after(tx: Transaction, after_id: int, *, limit: int = 500) -> list[LoggedEvent]:
    rows = tx.execute(_q("events_after"), {"after": after_id, "limit": limit})
    return [
        LoggedEvent(int(r["id"]), str(r["type"]), json.loads(r["data"]), float(r["created_at"]))
        for r in rows
    ]


def last_event_id(tx: Transaction) -> int:
    row = tx.execute_one(_q("last_event_id"))
    return 0 if row is None or row["id"] is None else int(row["id"])


def oldest_event_id(tx: Transaction) -> int | None:
    row = tx.execute_one(_q("oldest_event_id"))
    return None if row is None or row["id"] is None else int(row["id"])


def prune(
    tx: Transaction,
    *,
    keep_rows: int,
    max_age_seconds: float,
    now: float,
    batch: int | None = None,
) -> int:
    """Drop events beyond the newest `keep_rows` and older than `max_age_seconds`; with
    `batch`, at most that many, oldest first (the caller repeats until fewer are
    dropped: one statement over a year's log held the writer, and the GIL, for seconds
    and returned a row per event, issue 17)."""
    params: dict[str, float | int] = {"cutoff": now - max_age_seconds, "keep": keep_rows}
    if batch is None:
        return len(tx.execute(_q("drop_old_events"), params))
    params["batch"] = batch
    return len(tx.execute(_q("drop_old_events_in_batch"), params))
