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
from typing import Any, cast

from reactiond.domain import INITIAL_STATUS, KIND_OF_TABLE, EntityRow, RecordTable
from reactiond.store import caldav_repo
from reactiond.store.interface import Row, Transaction
from reactiond.store.queries import query


def _q(name: str) -> str:
    return query("records", name)


def _of_table(name: str, table: str) -> str:
    """The named query `name` of one record table: `{kind}` in it stands for the table's
    kind (`untouched_{kind}s_of_action` → `untouched_tasks_of_action`)."""
    return _q(name.format(kind=KIND_OF_TABLE[cast(RecordTable, table)]))


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
    outcome: str  # created | parse_failed | cancelled (closed as logged: close_action)
    detail: str | None


def insert_action(tx: Transaction, a: NewAction, src: Source, now: float) -> int | None:
    """The action's id, or None when this (rule, message, reactor) already has one."""
    row = tx.execute_one(
        _q("log_action"),
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
        # Composed, not named: its columns are the row's own, which differ from row to row
        # (a parser's fields, or a stored record's whole row when an edit remakes it).
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


def close_action(tx: Transaction, action_id: int, now: float) -> bool:
    """Mark an action cancelled as it is logged (it made no records: its message was
    deleted first), so that it holds no (rule, message, reactor) slot."""
    return bool(tx.execute(_q("mark_action_cancelled"), {"now": now, "id": action_id}))


def cancel_action(tx: Transaction, action_id: int, table: RecordTable, now: float) -> bool:
    """Cancel what an action created if nobody touched it since; True when cancelled."""
    row = tx.execute_one(
        _of_table("untouched_{kind}s_of_action", table),
        {"initial": INITIAL_STATUS[table], "kind": KIND_OF_TABLE[table], "id": action_id},
    )
    if row is None or int(row["n"] or 0) != int(row["untouched"] or 0):
        return False
    done = tx.execute(_q("mark_action_cancelled"), {"now": now, "id": action_id})
    if not done:
        return False
    ids = tx.execute(_of_table("cancel_{kind}s_of_action", table), {"now": now, "id": action_id})
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
        _q("log_nlp_result"),
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
    return tx.execute_one(_q("reply_went_out"), {"id": action_id}) is not None


def log_event(tx: Transaction, type_: str, data: dict[str, Any], now: float) -> None:
    tx.execute(
        query("events", "log_record_event"),
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
        query("people", "set_detected_language"),
        {"language": language, "id": person_id},
    )


def records_of_action(tx: Transaction, table: str, action_id: int) -> list[Row]:
    """Every record one action made in `table`, in the order it made them."""
    if table not in KIND_OF_TABLE:  # only a record table has a named query of its own
        raise ValueError(f"{table!r} is not a record table")
    return tx.execute(_of_table("{kind}s_of_action", table), {"id": action_id})
