"""The outbox: replies waiting to go out through Evolution, as rows.

Writers (actions, reminders) queue rows inside their own transaction with `queue_text`
or `queue_reaction`; the sender (engine/outbox.py) claims the head of each
(instance, destination) queue, sends it, and records the outcome. Portable SQL.

Row life: pending → sending → sent | pending (retry later) | dead (never deliverable);
pending → cancelled (its record was cancelled before the reply left).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from reactiond.store.events import log_event
from reactiond.store.interface import Row, Transaction

TOPIC = "outbox"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    dedupe_key: str
    instance: str
    destination: str
    kind: str  # text | reaction
    body: dict[str, Any]
    language: str | None
    action_id: int | None
    status: str
    attempts: int
    next_attempt_at: float
    last_error: str | None
    sent_message_id: str | None
    created_at: float
    updated_at: float
    sent_at: float | None


def row_to_outbox(row: Row) -> OutboxRow:
    return OutboxRow(
        id=int(row["id"]),
        dedupe_key=str(row["dedupe_key"]),
        instance=str(row["instance"]),
        destination=str(row["destination"]),
        kind=str(row["kind"]),
        body=json.loads(row["body"]),
        language=row["language"],
        action_id=row["action_id"],
        status=str(row["status"]),
        attempts=int(row["attempts"]),
        next_attempt_at=float(row["next_attempt_at"]),
        last_error=row["last_error"],
        sent_message_id=row["sent_message_id"],
        created_at=float(row["created_at"]),
        updated_at=float(row["updated_at"]),
        sent_at=row["sent_at"],
    )


def _insert(
    tx: Transaction,
    *,
    dedupe_key: str,
    instance: str,
    destination: str,
    kind: str,
    body: dict[str, Any],
    language: str | None,
    action_id: int | None,
    now: float,
    send_at: float | None,
) -> int | None:
    row = tx.execute_one(
        "INSERT INTO outbox (dedupe_key, instance, destination, kind, body, language,"
        " action_id, status, attempts, next_attempt_at, created_at, updated_at)"
        " VALUES (:key, :instance, :destination, :kind, :body, :language, :action_id,"
        " 'pending', 0, :send_at, :now, :now)"
        " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
        {
            "key": dedupe_key,
            "instance": instance,
            "destination": destination,
            "kind": kind,
            "body": json.dumps(body, ensure_ascii=False, sort_keys=True),
            "language": language,
            "action_id": action_id,
            "send_at": now if send_at is None else send_at,
            "now": now,
        },
    )
    if row is None:
        return None
    tx.notify(TOPIC)
    return int(row["id"])


def queue_text(
    tx: Transaction,
    *,
    dedupe_key: str,
    instance: str,
    destination: str,
    text: str,
    now: float,
    quoted: dict[str, Any] | None = None,
    language: str | None = None,
    action_id: int | None = None,
    send_at: float | None = None,
) -> int | None:
    """Queue a text reply (Evolution `sendText`) in the caller's transaction. Idempotent on
    `dedupe_key` (e.g. "action:42:created"): None when that reply was already queued."""
    if not text.strip():
        raise ValueError("a reply needs text: Evolution refuses an empty one")
    body: dict[str, Any] = {"number": destination, "text": text, "linkPreview": False}
    if quoted is not None:
        body["quoted"] = quoted
    return _insert(
        tx,
        dedupe_key=dedupe_key,
        instance=instance,
        destination=destination,
        kind="text",
        body=body,
        language=language,
        action_id=action_id,
        now=now,
        send_at=send_at,
    )


def queue_reaction(
    tx: Transaction,
    *,
    dedupe_key: str,
    instance: str,
    message_key: dict[str, Any],
    emoji: str,
    now: float,
    action_id: int | None = None,
) -> int | None:
    """Queue a reaction (Evolution `sendReaction`) on `message_key` ({id, remoteJid, fromMe}).
    Callers must not react on a message the owner reacted to (see replies.routing.may_react)."""
    return _insert(
        tx,
        dedupe_key=dedupe_key,
        instance=instance,
        destination=str(message_key["remoteJid"]),
        kind="reaction",
        body={"key": message_key, "reaction": emoji},
        language=None,
        action_id=action_id,
        now=now,
        send_at=None,
    )


def cancel_unsent(tx: Transaction, action_id: int, now: float) -> int:
    """Replies of a cancelled record that have not left yet are not sent."""
    rows = tx.execute(
        "UPDATE outbox SET status = 'cancelled', updated_at = :now"
        " WHERE action_id = :action_id AND status = 'pending' RETURNING id",
        {"action_id": action_id, "now": now},
    )
    return len(rows)


# -- the sender's side -------------------------------------------------------------------


def claim_heads(
    tx: Transaction, now: float, *, busy: Collection[tuple[str, str]], limit: int
) -> list[OutboxRow]:
    """The oldest unsent row of each (instance, destination) queue that is due now and not
    already in flight, marked `sending`. Later rows of a queue wait for their head: order
    per chat is kept even while the head waits for a retry."""
    heads = tx.execute(
        "SELECT o.* FROM outbox o JOIN ("
        "  SELECT instance, destination, MIN(id) AS head FROM outbox"
        "  WHERE status IN ('pending', 'sending') GROUP BY instance, destination"
        ") h ON o.id = h.head"
        " WHERE o.next_attempt_at <= :now ORDER BY o.next_attempt_at, o.id LIMIT :limit",
        {"now": now, "limit": limit + len(busy)},
    )
    claimed: list[OutboxRow] = []
    for row in heads:
        if (row["instance"], row["destination"]) in busy:
            continue
        tx.execute(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = :now"
            " WHERE id = :id",
            {"id": row["id"], "now": now},
        )
        claimed.append(row_to_outbox({**row, "status": "sending", "attempts": row["attempts"] + 1}))
        if len(claimed) >= limit:
            break
    return claimed


def next_due(tx: Transaction) -> float | None:
    """When the earliest waiting head becomes due (for the sender's timer)."""
    row = tx.execute_one(
        "SELECT MIN(o.next_attempt_at) AS due FROM outbox o JOIN ("
        "  SELECT MIN(id) AS head FROM outbox WHERE status IN ('pending', 'sending')"
        "  GROUP BY instance, destination"
        ") h ON o.id = h.head"
    )
    return None if row is None or row["due"] is None else float(row["due"])


def mark_sent(tx: Transaction, row_id: int, message_id: str | None, now: float) -> None:
    tx.execute(
        "UPDATE outbox SET status = 'sent', sent_message_id = :mid, sent_at = :now,"
        " last_error = NULL, updated_at = :now WHERE id = :id AND status = 'sending'",
        {"id": row_id, "mid": message_id, "now": now},
    )


def mark_retry(tx: Transaction, row_id: int, error: str, at: float, now: float) -> None:
    tx.execute(
        "UPDATE outbox SET status = 'pending', last_error = :error, next_attempt_at = :at,"
        " updated_at = :now WHERE id = :id AND status = 'sending'",
        {"id": row_id, "error": error, "at": at, "now": now},
    )


def mark_dead(tx: Transaction, row: OutboxRow, error: str, now: float) -> None:
    """Never deliverable: kept with its reason, and announced (`reply.dead`) on the stream."""
    tx.execute(
        "UPDATE outbox SET status = 'dead', last_error = :error, updated_at = :now WHERE id = :id",
        {"id": row.id, "error": error, "now": now},
    )
    log_event(
        tx,
        "reply.dead",
        {
            "outbox_id": row.id,
            "instance": row.instance,
            "destination": row.destination,
            "kind": row.kind,
            "action_id": row.action_id,
            "attempts": row.attempts,
            "error": error,
        },
        now,
    )


def resume_interrupted(tx: Transaction, now: float) -> int:
    """Rows left `sending` by a process that stopped mid-send go back to `pending`: the
    send may or may not have reached Evolution (docs/outbox.md: at-least-once here)."""
    rows = tx.execute(
        "UPDATE outbox SET status = 'pending', updated_at = :now,"
        " last_error = COALESCE(last_error, 'interrupted while sending')"
        " WHERE status = 'sending' RETURNING id",
        {"now": now},
    )
    if rows:
        tx.notify(TOPIC)
    return len(rows)


def retry_now(tx: Transaction, row_id: int, now: float) -> OutboxRow | None:
    """Send a dead (or waiting) reply again now, with its attempts kept for the record.
    None when the row does not exist or is already sent, sending or cancelled."""
    rows = tx.execute(
        "UPDATE outbox SET status = 'pending', next_attempt_at = :now, updated_at = :now"
        " WHERE id = :id AND status IN ('dead', 'pending') RETURNING *",
        {"id": row_id, "now": now},
    )
    if not rows:
        return None
    tx.notify(TOPIC)
    return row_to_outbox(rows[0])


def get(tx: Transaction, row_id: int) -> OutboxRow | None:
    row = tx.execute_one("SELECT * FROM outbox WHERE id = :id", {"id": row_id})
    return None if row is None else row_to_outbox(row)


def list_rows(tx: Transaction, *, status: str | None = None, limit: int = 50) -> list[OutboxRow]:
    if status is None:
        rows = tx.execute("SELECT * FROM outbox ORDER BY id DESC LIMIT :limit", {"limit": limit})
    else:
        rows = tx.execute(
            "SELECT * FROM outbox WHERE status = :status ORDER BY id DESC LIMIT :limit",
            {"status": status, "limit": limit},
        )
    return [row_to_outbox(r) for r in rows]


def counts(tx: Transaction) -> dict[str, int]:
    rows = tx.execute("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")
    return {str(r["status"]): int(r["n"]) for r in rows}
