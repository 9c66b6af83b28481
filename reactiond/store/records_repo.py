"""Writing what a reaction does: the action log, the records, the NLP log, the reply row
and the event log, inside the job's completion transaction.

Every insert is keyed so that a replay is a no-op: the action by (rule, message, reactor)
while not cancelled (partial unique index `actions_once`), the records by their action,
the reply by a dedupe key.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reactiond.domain import INITIAL_STATUS, KIND_OF_TABLE, EntityRow, RecordTable
from reactiond.store import caldav_repo
from reactiond.store.interface import Row, Transaction
from reactiond.store.queries import query


@dataclass(frozen=True)
class Source:
    """Where a record came from; the same for every row one reaction creates."""

    instance: str
    chat_jid: str
    message_id: str
    reactor_id: int
    reaction_row_id: int
    emoji: str


@dataclass(frozen=True)
class NewAction:
    rule_id: int | None
    rule_name: str
    action: str
    outcome: str  # created | parse_failed
    detail: str | None


def insert_action(tx: Transaction, a: NewAction, src: Source, now: float) -> int | None:
    """The action's id, or None when this (rule, message, reactor) already has one."""
    row = tx.execute_one(
        "INSERT INTO actions (rule_id, rule_name, action, instance, chat_jid, message_id,"
        " reactor_id, reaction_row_id, emoji, outcome, detail, created_at)"
        " VALUES (:rule_id, :rule_name, :action, :instance, :chat, :message, :reactor,"
        " :reaction, :emoji, :outcome, :detail, :now) ON CONFLICT DO NOTHING RETURNING id",
        {
            "rule_id": a.rule_id,
            "rule_name": a.rule_name,
            "action": a.action,
            "instance": src.instance,
            "chat": src.chat_jid,
            "message": src.message_id,
            "reactor": src.reactor_id,
            "reaction": src.reaction_row_id,
            "emoji": src.emoji,
            "outcome": a.outcome,
            "detail": a.detail,
            "now": now,
        },
    )
    return int(row["id"]) if row is not None else None


def insert_records(
    tx: Transaction,
    action_id: int,
    rule_id: int | None,
    rows: Sequence[EntityRow],
    src: Source,
    now: float,
) -> list[tuple[RecordTable, int]]:
    created: list[tuple[RecordTable, int]] = []
    for row in rows:
        values: dict[str, Any] = {
            **row.values,
            "action_id": action_id,
            "instance": src.instance,
            "chat_jid": src.chat_jid,
            "message_id": src.message_id,
            "reactor_id": src.reactor_id,
            "emoji": src.emoji,
            "rule_id": rule_id,
            "created_at": now,
            "updated_at": now,
        }
        cols = sorted(values)
        inserted = tx.execute_one(
            f"INSERT INTO {row.table} ({', '.join(cols)})"
            f" VALUES ({', '.join(':' + c for c in cols)}) RETURNING id",
            values,
        )
        assert inserted is not None
        record_id = int(inserted["id"])
        created.append((row.table, record_id))
        log_event(
            tx,
            "record.created",
            {"kind": row.kind, "id": record_id, "action_id": action_id, "instance": src.instance},
            now,
        )
    return created


def cancel_action(tx: Transaction, action_id: int, table: RecordTable, now: float) -> bool:
    """Cancel what an action created if nobody touched it since; True when cancelled."""
    # Untouched: as created, or last changed by an edit of its own message (issue 20),
    # which the message's reaction may still take back.
    row = tx.execute_one(
        f"SELECT COUNT(*) AS n, SUM(CASE WHEN (status = :initial AND updated_at = created_at)"
        f" OR updated_at = (SELECT MAX(c.at) FROM chat_changes c WHERE c.via = 'edit'"
        f" AND c.record_kind = :kind AND c.record_id = {table}.id)"
        f" THEN 1 ELSE 0 END) AS untouched FROM {table} WHERE action_id = :id",
        {"initial": INITIAL_STATUS[table], "kind": KIND_OF_TABLE[table], "id": action_id},
    )
    if row is None or int(row["n"] or 0) != int(row["untouched"] or 0):
        return False
    done = tx.execute(
        "UPDATE actions SET cancelled_at = :now, outcome = 'cancelled'"
        " WHERE id = :id AND cancelled_at IS NULL RETURNING id",
        {"now": now, "id": action_id},
    )
    if not done:
        return False
    ids = tx.execute(
        f"UPDATE {table} SET status = 'cancelled', updated_at = :now"
        f" WHERE action_id = :id RETURNING id",
        {"now": now, "id": action_id},
    )
    for r in ids:
        log_event(
            tx,
            "record.cancelled",
            {"kind": KIND_OF_TABLE[table], "id": int(r["id"]), "action_id": action_id},
            now,
        )
    return True


def insert_nlp_log(
    tx: Transaction,
    action_id: int | None,
    parser: str,
    language: str,
    success: bool,
    confidence: float,
    reason: str | None,
    micros: int,
    now: float,
) -> None:
    tx.execute(
        "INSERT INTO nlp_log (action_id, parser, language, success, confidence, reason,"
        " micros, created_at) VALUES (:action_id, :parser, :language, :success, :confidence,"
        " :reason, :micros, :now)",
        {
            "action_id": action_id,
            "parser": parser,
            "language": language,
            "success": int(success),
            "confidence": confidence,
            "reason": reason,
            "micros": micros,
            "now": now,
        },
    )


def reply_left(tx: Transaction, action_id: int) -> bool:
    """Whether a reply about this action went out (or is going out right now)."""
    row = tx.execute_one(
        "SELECT 1 AS x FROM outbox WHERE action_id = :id AND status IN ('sending', 'sent') LIMIT 1",
        {"id": action_id},
    )
    return row is not None


def log_event(tx: Transaction, type_: str, data: dict[str, Any], now: float) -> None:
    tx.execute(
        "INSERT INTO event_log (type, data, created_at) VALUES (:type, :data, :now)",
        {"type": type_, "data": json.dumps(data, ensure_ascii=False), "now": now},
    )
    tx.notify("event_log")  # wakes GET /api/stream subscribers once this commits
    caldav_repo.follow_record(tx, type_, data, now)  # the calendars the record goes to


def count(tx: Transaction, instance: str, what: str, now: float) -> None:
    """A reaction we did not act on, counted where `queue stats` shows ignored events."""
    tx.execute(
        query("counters", "count_event"),
        {"instance": instance, "event": what, "outcome": "ignored", "now": now},
    )


def set_language(tx: Transaction, person_id: int, language: str) -> None:
    """The language a person's messages were detected in: their reply language, unless
    one was chosen for them (people_repo.set_reply_language)."""
    tx.execute(
        "UPDATE people SET language = :language"
        " WHERE id = :id AND language IS DISTINCT FROM :language AND language_set = 0",
        {"language": language, "id": person_id},
    )


def records_of_action(tx: Transaction, table: str, action_id: int) -> list[Row]:
    """Every record one action made in `table`, in the order it made them."""
    if table not in KIND_OF_TABLE:  # the name goes into the SQL: only a record table
        raise ValueError(f"{table!r} is not a record table")
    return tx.execute(
        f"SELECT * FROM {table} WHERE action_id = :id ORDER BY id",
        {"id": action_id},
    )
