"""The reads behind the trace of one message (`reactiond/records/trace.py`) and the Today
page's recent reactions and refused parses. Named queries in `queries/trace.sql`."""

from __future__ import annotations

from reactiond.store.interface import Row, Transaction
from reactiond.store.outbox import OutboxRow, row_to_outbox
from reactiond.store.queries import query

# The record tables, in the order a trace lists them, with their named query.
RECORD_TABLES = ("tasks", "calendar_events", "bills", "notes")


def _q(name: str) -> str:
    return query("trace", name)


def _key(instance: str, message_id: str) -> dict[str, str]:
    return {"instance": instance, "message_id": message_id}


def message(tx: Transaction, instance: str, message_id: str) -> Row | None:
    return tx.execute_one(_q("message"), _key(instance, message_id))


def instances_of_message(tx: Transaction, message_id: str) -> list[str]:
    return [
        str(r["instance"])
        for r in tx.execute(_q("instances_of_message"), {"message_id": message_id})
    ]


def reaction_target(tx: Transaction, reaction_row_id: int) -> tuple[str, str] | None:
    row = tx.execute_one(_q("reaction_target"), {"id": reaction_row_id})
    return None if row is None else (str(row["instance"]), str(row["target_message_id"]))


def reactions_by_whatsapp_id(
    tx: Transaction, reaction_id: str, instance: str | None = None
) -> list[tuple[int, str]]:
    """(row id, instance) of the reactions whose WhatsApp id is `reaction_id` (on
    `instance`, when given)."""
    if instance is None:
        rows = tx.execute(_q("reactions_by_whatsapp_id"), {"reaction_id": reaction_id})
    else:
        rows = tx.execute(
            _q("reaction_by_whatsapp_id"), {"reaction_id": reaction_id, "instance": instance}
        )
    return [(int(r["id"]), str(r["instance"])) for r in rows]


def reactions_on_message(tx: Transaction, instance: str, message_id: str) -> list[Row]:
    return tx.execute(_q("reactions_on_message"), _key(instance, message_id))


def actions_on_message(tx: Transaction, instance: str, message_id: str) -> list[Row]:
    return tx.execute(_q("actions_on_message"), _key(instance, message_id))


def parses_on_message(tx: Transaction, instance: str, message_id: str) -> list[Row]:
    return tx.execute(_q("parses_on_message"), _key(instance, message_id))


def replies_on_message(tx: Transaction, instance: str, message_id: str) -> list[OutboxRow]:
    return [
        row_to_outbox(r) for r in tx.execute(_q("replies_on_message"), _key(instance, message_id))
    ]


def chat_changes_of_record(tx: Transaction, kind: str, record_id: int) -> list[Row]:
    """What the chat changed in one record (kind: task, event, bill, note), oldest first."""
    return tx.execute(_q("chat_changes_of_record"), {"kind": kind, "record_id": record_id})


def chat_changes_asked_by(tx: Transaction, instance: str, message_id: str) -> list[Row]:
    """What one chat message asked to change (a correction), oldest first."""
    return tx.execute(_q("chat_changes_asked_by"), _key(instance, message_id))


def record_ids_of_message(
    tx: Transaction, table: str, instance: str, message_id: str
) -> list[tuple[int, int]]:
    """(record id, action id) of the `table` records made from this message."""
    if table not in RECORD_TABLES:
        raise ValueError(f"not a record table: {table}")
    rows = tx.execute(_q(f"{table}_of_message"), _key(instance, message_id))
    return [(int(r["id"]), int(r["action_id"])) for r in rows]


def recent_reactions(tx: Transaction, n: int) -> list[Row]:
    return tx.execute(_q("recent_reactions"), {"n": n})


def refused_parses(tx: Transaction, n: int) -> list[Row]:
    return tx.execute(_q("refused_parses"), {"n": n})
