"""The outbox: replies waiting to go out through Evolution, as rows.

Writers (actions, reminders) queue rows inside their own transaction with `queue_text`
or `queue_reaction`; the sender (engine/outbox.py) claims the head of each
(instance, destination) queue, sends it, and records the outcome. Portable SQL.

Row life: pending → sent | pending (retry later) | dead (never deliverable);
pending → cancelled (its record was cancelled before the reply left); a row may also be
queued *held* (`cancelled` with `last_error = HELD`): it is released to `pending` only if
a reply of the same action that was cancelled while in flight turns out to have been
sent (see `mark_sent`): a "cancelled" notice that is needed only if the person heard of
the record. Which chats are in flight is known to the one sender in memory; each row is
*claimed* (`claim_for_sending`: `sending`, "maybe sent at <time>") in a commit before its
request leaves, so that a process killed mid-send leaves a row that the next sender asks
Evolution about instead of sending again. A `sending` row of a process that is gone is
otherwise treated as `pending`.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from reactiond.store.events import log_event
from reactiond.store.interface import Row, Transaction
from reactiond.store.queries import query

TOPIC = "outbox"


def _q(name: str) -> str:
    return query("outbox", name)


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


# The reason a held row gives while it waits (see the module's docstring).
HELD = "held: sent only if the confirmation it follows turns out to have gone out"


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
    held: bool = False,
) -> int | None:
    row = tx.execute_one(
        _q("queue_reply"),
        {
            "status": "cancelled" if held else "pending",
            "why": HELD if held else None,
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
    held: bool = False,
) -> int | None:
    """Queue a text reply (Evolution `sendText`) in the caller's transaction. Idempotent on
    `dedupe_key` (e.g. "action:42:created"): None when that reply was already queued.
    `held`: queued but not sent unless a withdrawn reply of `action_id` went out anyway."""
    if held and action_id is None:
        raise ValueError("a held reply follows the replies of an action: give action_id")
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
        held=held,
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
    rows = tx.execute(_q("cancel_unsent_replies"), {"action_id": action_id, "now": now})
    return len(rows)


def confirmation_key(action_id: int) -> str:
    """The dedupe key of the confirmation an action's records get (engine/reactions.py)."""
    return f"action:{action_id}"


def unsent_confirmation(tx: Transaction, action_id: int) -> OutboxRow | None:
    """An action's confirmation while it has not left yet (None once sent, dead, withdrawn)."""
    row = tx.execute_one(_q("unsent_reply_by_key"), {"key": confirmation_key(action_id)})
    return None if row is None else row_to_outbox(row)


def replace_text(tx: Transaction, row: OutboxRow, text: str, now: float) -> None:
    """Give an unsent reply new words (its record changed before it left)."""
    if not text.strip():
        raise ValueError("a reply needs text: Evolution refuses an empty one")
    body = {**row.body, "text": text}
    tx.execute(
        _q("reword_unsent_reply"),
        {"id": row.id, "body": json.dumps(body, ensure_ascii=False, sort_keys=True), "now": now},
    )


# -- the sender's side -------------------------------------------------------------------


def due_heads(
    tx: Transaction, now: float, *, busy: Collection[tuple[str, str]], limit: int
) -> list[OutboxRow]:
    """The oldest unsent row of each (instance, destination) queue that is due now and not
    in flight (`busy`, kept in memory by the one sender). Later rows of a queue wait for
    their head: order per chat holds even while the head waits for a retry. Read-only:
    being in flight needs no commit; each send claims its row (`claim_for_sending`)."""
    heads = tx.execute(_q("due_heads"), {"now": now, "limit": limit + len(busy)})
    return _free_heads(heads, busy, limit)


def _free_heads(rows: list[Row], busy: Collection[tuple[str, str]], limit: int) -> list[OutboxRow]:
    return [row_to_outbox(r) for r in rows if (r["instance"], r["destination"]) not in busy][:limit]


def _earliest(chat_heads: list[Row], busy: Collection[tuple[str, str]]) -> float | None:
    due = [
        float(r["next_attempt_at"])
        for r in chat_heads
        if (r["instance"], r["destination"]) not in busy
    ]
    return min(due) if due else None


def _following(row: OutboxRow) -> tuple[str, dict[str, Any]]:
    """The read of the row that follows `row` in its chat (due or not)."""
    params = {"instance": row.instance, "destination": row.destination, "after": row.id}
    return _q("next_in_chat"), params


def _due_row(rows: list[Row], now: float) -> OutboxRow | None:
    row = rows[0] if rows else None
    if row is None or float(row["next_attempt_at"]) > now:
        return None
    return row_to_outbox(row)


def next_due(tx: Transaction, busy: Collection[tuple[str, str]] = ()) -> float | None:
    """When the earliest waiting head of a chat not in flight becomes due (for the
    sender's timer; a chat in flight wakes the sender itself when it is done)."""
    return _earliest(tx.execute(_q("chat_heads")), busy)


def due_heads_and_next_due(
    tx: Transaction, now: float, *, busy: Collection[tuple[str, str]], limit: int
) -> tuple[list[OutboxRow], float | None]:
    """`due_heads`, and when they are fewer than `limit`, `next_due` of the chats neither
    busy nor among them: both reads in one batch (one round trip on PostgreSQL), as the
    sender asks for them after every send. The sender's whole read: the batch carries
    its COMMIT."""
    heads_rows, chat_rows = tx.execute_batch(
        [
            (_q("due_heads"), {"now": now, "limit": limit + len(busy)}),
            (_q("chat_heads"), {}),
        ],
        commit=True,
    )
    heads = _free_heads(heads_rows, busy, limit)
    if len(heads) == limit:
        return heads, None  # the sender looks again at once
    return heads, _earliest(chat_rows, {*busy, *((r.instance, r.destination) for r in heads)})


def mark_sent(tx: Transaction, row: OutboxRow, message_id: str | None, now: float) -> None:
    """`row.attempts` counts this attempt. A row withdrawn while it was in flight went out
    all the same: the replies held for that case (its record's "cancelled") are released.
    A row still pending or sending, as nearly every row is, is marked in one statement that
    carries its COMMIT (one round trip on PostgreSQL); only a row found otherwise is looked
    at, in a transaction of its own. So it is its transaction's last statement, as the
    sender calls it: what came before commits with it."""
    params = _sent_params(row, message_id, now)
    [marked] = tx.execute_batch([(_q("mark_sent"), params)], commit=True)
    if not marked:
        _mark_sent_after_all(tx, row, params, now)


def mark_sent_then_next_in_chat(
    tx: Transaction, row: OutboxRow, message_id: str | None, now: float
) -> OutboxRow | None:
    """`mark_sent`, and the row that follows in its chat if it is due:
    one round trip, not committed yet, so that the sender's claim of that row
    (`claim_for_sending`) carries the COMMIT of both. A reply that follows another costs
    the sender one transaction instead of three (the mark, the read, the claim)."""
    params = _sent_params(row, message_id, now)
    marked, following = tx.execute_batch([(_q("mark_sent"), params), _following(row)])
    if not marked:
        _mark_sent_after_all(tx, row, params, now)
    return _due_row(following, now)


def mark_dead_then_next_in_chat(
    tx: Transaction, row: OutboxRow, error: str, now: float
) -> OutboxRow | None:
    """`mark_dead`, and the row that follows in its chat if it is due, not committed yet
    (as `mark_sent_then_next_in_chat`)."""
    mark_dead(tx, row, error, now)
    following = tx.execute(*_following(row))
    return _due_row(following, now)


def _sent_params(row: OutboxRow, message_id: str | None, now: float) -> dict[str, Any]:
    return {"id": row.id, "mid": message_id, "attempts": row.attempts, "now": now}


def _mark_sent_after_all(
    tx: Transaction, row: OutboxRow, params: dict[str, Any], now: float
) -> None:
    """A row withdrawn (or otherwise settled) while it was in flight, found sent."""
    before = tx.execute_one(_q("reply_status"), {"id": row.id})
    if before is not None and before["status"] == "cancelled" and row.action_id is not None:
        released = tx.execute(
            _q("release_held_replies"),
            {"action_id": row.action_id, "held": HELD, "id": row.id, "now": now},
        )
        if released:
            tx.notify(TOPIC)
    tx.execute(_q("mark_sent_withdrawn"), params)


def mark_retry(tx: Transaction, row: OutboxRow, error: str, at: float, now: float) -> None:
    tx.execute(
        _q("mark_retry"),
        {"id": row.id, "error": error, "at": at, "attempts": row.attempts, "now": now},
    )


def mark_dead(tx: Transaction, row: OutboxRow, error: str, now: float) -> None:
    """Never deliverable: kept with its reason, and announced (`reply.dead`) on the stream."""
    tx.execute(
        _q("mark_dead"),
        {"id": row.id, "error": error, "attempts": row.attempts, "now": now},
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


def claim_for_sending(
    tx: Transaction, row: OutboxRow, note: str, recheck_at: float, now: float, holder: str | None
) -> bool:
    """Say on disk, before the request leaves, that `row` may be out from now on: status
    `sending`, `note` ("maybe sent at <time>: …") in `last_error`, and not due again before
    `recheck_at`. A process killed between Evolution's answer and the `sent` commit then
    leaves a row the next sender asks Evolution about (engine/outbox.py: "maybe sent")
    rather than sends again. False, and nothing is to be sent: the row changed since it was
    read (withdrawn, new words, claimed by another sender), or, when `holder` is given
    (several processes), the outbox's task lease is no longer this process's. The claim
    is its transaction's last statement: its COMMIT goes with it (one round trip on
    PostgreSQL before the send, not two)."""
    params: dict[str, Any] = {
        "id": row.id,
        "note": note[:500],
        "recheck": recheck_at,
        "now": now,
        "seen": row.updated_at,
    }
    sql = _q("claim_for_sending")
    if holder is not None:
        sql = _q("claim_for_sending_while_holding_the_lease")
        params["holder"] = holder
    [claimed] = tx.execute_batch([(sql, params)], commit=True)
    return bool(claimed)


def resume_interrupted(tx: Transaction, now: float) -> int:
    """Rows left `sending` (by an older or interrupted process) go back to `pending`."""
    rows = tx.execute(_q("resume_interrupted"), {"now": now})
    if rows:
        tx.notify(TOPIC)
    return len(rows)


def retry_now(tx: Transaction, row_id: int, now: float) -> OutboxRow | None:
    """Send a dead (or waiting) reply again now, with its attempts kept for the record.
    None when the row does not exist or is already sent, sending or cancelled."""
    rows = tx.execute(_q("retry_now"), {"id": row_id, "now": now})
    if not rows:
        return None
    tx.notify(TOPIC)
    return row_to_outbox(rows[0])


def get(tx: Transaction, row_id: int) -> OutboxRow | None:
    row = tx.execute_one(_q("reply_by_id"), {"id": row_id})
    return None if row is None else row_to_outbox(row)


def list_rows(
    tx: Transaction,
    *,
    status: str | None = None,
    limit: int = 50,
    statuses: Collection[str] = (),
    instance: str | None = None,
    destination: str | None = None,
    kind: str | None = None,
    before_id: int | None = None,
) -> list[OutboxRow]:
    """The newest rows first, narrowed by each filter given; `before_id` pages (keyset)."""
    wanted = [*statuses, *([status] if status is not None else [])]
    where: list[str] = []
    params: dict[str, Any] = {"limit": limit}
    if wanted:
        names = [f"s{i}" for i in range(len(wanted))]
        where.append(f"status IN ({', '.join(':' + n for n in names)})")
        params.update(zip(names, wanted, strict=True))
    for column, value in (("instance", instance), ("destination", destination), ("kind", kind)):
        if value is not None:
            where.append(f"{column} = :{column}")
            params[column] = value
    if before_id is not None:
        where.append("id < :before_id")
        params["before_id"] = before_id
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    # Composed, not named: the filters given, and an IN list as long as the statuses asked.
    rows = tx.execute(f"SELECT * FROM outbox{clause} ORDER BY id DESC LIMIT :limit", params)
    return [row_to_outbox(r) for r in rows]


def counts(tx: Transaction) -> dict[str, int]:
    rows = tx.execute(_q("reply_counts"))
    return {str(r["status"]): int(r["n"]) for r in rows}
