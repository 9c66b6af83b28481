"""Reads and writes behind talking to reactiond in WhatsApp (issue 20): edits of a
message that made records, corrections quoting a confirmation, reactions on reactiond's
own messages, questions and the daily digest. Named queries in queries/conversation.sql.

Also the ingest's side: which inbound events need a conversation job at all, decided in
the webhook's transaction from what is stored (`conversation_job`)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from reactiond.domain import Message, MessageDeleted, MessageEdited, NewJob, Reaction
from reactiond.store.interface import Params, Row, Transaction
from reactiond.store.queries import query

# Job kinds (engine/conversation_jobs.py handles them).
EDITED = "message_edited"
DELETED = "message_deleted"
SAID = "chat_message"
REACTED = "chat_reaction"
DIGEST = "digest"
KINDS = (EDITED, DELETED, SAID, REACTED, DIGEST)


def _q(name: str) -> str:
    return query("conversation", name)


# -- the ingest's side -------------------------------------------------------------------


def sent_by_us(tx: Transaction, instance: str, message_id: str) -> Row | None:
    return tx.execute_one(_q("sent_by_us"), {"instance": instance, "message_id": message_id})


def message_made_records(tx: Transaction, instance: str, message_id: str) -> bool:
    found = tx.execute_one(
        _q("message_made_records"), {"instance": instance, "message_id": message_id}
    )
    return found is not None


def message_was_acted_on(tx: Transaction, instance: str, message_id: str) -> bool:
    found = tx.execute_one(
        _q("message_was_acted_on"), {"instance": instance, "message_id": message_id}
    )
    return found is not None


def failed_actions_of_message(tx: Transaction, instance: str, message_id: str) -> list[Row]:
    return tx.execute(
        _q("failed_actions_of_message"), {"instance": instance, "message_id": message_id}
    )


def _row_id(tx: Transaction, instance: str, message_id: str) -> int | None:
    row = tx.execute_one(_q("message_row_id"), {"instance": instance, "message_id": message_id})
    return int(row["id"]) if row is not None else None


# Who may ask questions in their direct chat with the owner, for the ingest (which knows
# no rules) to tell whether a contact's message may be a question: "*" anyone, else the
# phone numbers and JIDs one per line, "" nobody. Written with the talk rules
# (engine/talk_rules.py) and, until rules are stored, from REACTIOND_QUESTIONS_FROM_CONTACTS
# at each start.
ASKERS = "talk.askers"
ANYONE = "*"
# The talk rules themselves (JSON; rules/talk.py says what they mean).
TALK_RULES = "talk.rules"


def set_askers(tx: Transaction, askers: tuple[str, ...] | None, now: float) -> None:
    """None: anyone may ask; else these phone numbers and JIDs (maybe none)."""
    value = ANYONE if askers is None else "\n".join(askers)
    tx.execute(_q("set_state_value"), {"key": ASKERS, "value": value, "now": now})


def askers(tx: Transaction) -> tuple[str, ...] | None:
    """None: anyone may ask; else who may (an empty tuple: nobody, the default)."""
    row = tx.execute_one(_q("state_value"), {"key": ASKERS})
    if row is None:
        return ()
    value = str(row["value"])
    return None if value == ANYONE else tuple(v for v in value.split("\n") if v)


def _may_ask(tx: Transaction, jids: frozenset[str]) -> bool:
    allowed = askers(tx)
    if allowed is None:
        return True
    # The identity match of rules/match.py (a phone number matches a JID's phone part),
    # which the store may not import.
    phones = {j.split("@", 1)[0].split(":", 1)[0] for j in jids}
    return any((a in jids) if "@" in a else (a in phones) for a in allowed)


def talk_rules(tx: Transaction) -> str | None:
    row = tx.execute_one(_q("state_value"), {"key": TALK_RULES})
    return str(row["value"]) if row is not None else None


def set_talk_rules(tx: Transaction, value: str, now: float) -> None:
    tx.execute(_q("set_state_value"), {"key": TALK_RULES, "value": value, "now": now})


def message_job(tx: Transaction, event: str, m: Message, max_attempts: int) -> NewJob | None:
    """A conversation job for a freshly stored message, or None: a reply quoting one of
    reactiond's messages (a correction), the owner writing in their own chat (a question,
    a digest command), or, when turned on, a contact's direct message (a question). What
    reactiond itself sent (`send.message`) never is."""
    if event != "messages.upsert" or not m.text or not m.text.strip():
        return None
    quoting_us = m.quoted_message_id is not None and (
        sent_by_us(tx, m.instance, m.quoted_message_id) is not None
    )
    own_chat = (
        m.from_me and not m.is_group and m.owner_jid is not None and m.chat_jid == m.owner_jid
    )
    contact = not (quoting_us or own_chat or m.is_group or m.from_me) and _may_ask(
        tx, m.author.jids
    )
    if not (quoting_us or own_chat or contact):
        return None
    row = _row_id(tx, m.instance, m.message_id)
    if row is None:
        return None
    return NewJob(
        kind=SAID,
        payload={"message": row, "instance": m.instance, "quoting_us": quoting_us},
        dedupe_key=f"said:{m.instance}:{m.message_id}",
        max_attempts=max_attempts,
    )


def sent_by_us_read(r: Reaction) -> tuple[str, Params]:
    """Whether a reaction is on a message reactiond sent (a ✅ on a reminder), as a
    statement for ingest's batch: a row when it is."""
    return _q("sent_by_us"), {"instance": r.instance, "message_id": r.target_message_id}


def reaction_job(r: Reaction, row_id: int, max_attempts: int) -> NewJob:
    return NewJob(
        kind=REACTED,
        payload={"reaction": row_id, "instance": r.instance},
        dedupe_key=f"chat-reaction:{r.instance}:{r.reaction_id}",
        max_attempts=max_attempts,
    )


def edit_job(tx: Transaction, e: MessageEdited, max_attempts: int) -> NewJob | None:
    """A job to follow an edit, when the edited message made records that still stand (or
    a reaction on it failed to parse: it may parse now). Keyed by the new text: the same
    edit delivered twice (2.3.7 sends it as messages.edited and messages.update) is
    followed once."""
    if not message_was_acted_on(tx, e.instance, e.message_id):
        return None
    digest = hashlib.sha256(e.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return NewJob(
        kind=EDITED,
        payload={"instance": e.instance, "message_id": e.message_id},
        dedupe_key=f"edit:{e.instance}:{e.message_id}:{digest}",
        max_attempts=max_attempts,
    )


def delete_job(tx: Transaction, d: MessageDeleted, max_attempts: int) -> NewJob | None:
    if not message_made_records(tx, d.instance, d.message_id):
        return None
    return NewJob(
        kind=DELETED,
        payload={"instance": d.instance, "message_id": d.message_id},
        dedupe_key=f"delete:{d.instance}:{d.message_id}",
        max_attempts=max_attempts,
    )


# -- what the jobs read ------------------------------------------------------------------


def message(tx: Transaction, instance: str, message_id: str) -> Row | None:
    return tx.execute_one(
        _q("message_for_conversation"), {"instance": instance, "message_id": message_id}
    )


def message_by_row(tx: Transaction, row_id: int) -> Row | None:
    return tx.execute_one(_q("message_by_row"), {"id": row_id})


def live_actions_of_message(tx: Transaction, instance: str, message_id: str) -> list[Row]:
    return tx.execute(
        _q("live_actions_of_message"), {"instance": instance, "message_id": message_id}
    )


def action(tx: Transaction, action_id: int) -> Row | None:
    return tx.execute_one(_q("action_by_id"), {"id": action_id})


def confirmation_of(tx: Transaction, action_id: int) -> Row | None:
    return tx.execute_one(_q("confirmation_of_action"), {"key": f"action:{action_id}"})


def last_edit_change(tx: Transaction, kind: str, record_id: int) -> float | None:
    row = tx.execute_one(_q("last_edit_change"), {"kind": kind, "record_id": record_id})
    return float(row["at"]) if row is not None and row["at"] is not None else None


def reaction(tx: Transaction, row_id: int) -> Row | None:
    return tx.execute_one(_q("reaction_for_conversation"), {"id": row_id})


def newer_reaction_on_target(tx: Transaction, r: Row) -> bool:
    found = tx.execute_one(
        _q("newer_reaction_on_target"),
        {
            "instance": r["instance"],
            "message_id": r["target_message_id"],
            "reactor_id": r["reactor_id"],
            "sent_at_ms": r["sent_at_ms"],
            "id": r["id"],
        },
    )
    return found is not None


def recent_messages_of(tx: Transaction, person_id: int, since: float, row_id: int) -> int:
    row = tx.execute_one(
        _q("recent_chat_jobs"), {"person_id": person_id, "since": since, "id": row_id}
    )
    return int(row["n"]) if row is not None else 0


def person(tx: Transaction, person_id: int) -> Row | None:
    return tx.execute_one(_q("person_by_id"), {"id": person_id})


def chat_changes_of(tx: Transaction, kind: str, record_id: int) -> list[Row]:
    return tx.execute(_q("chat_changes_of_record"), {"kind": kind, "record_id": record_id})


def last_reaction_change(
    tx: Transaction, instance: str, action_id: int | None, kind: str, record_id: int, person: int
) -> Row | None:
    return tx.execute_one(
        _q("last_reaction_change"),
        {
            "instance": instance,
            "action_id": action_id,
            "kind": kind,
            "record_id": record_id,
            "person_id": person,
        },
    )


# -- what they write ---------------------------------------------------------------------


@dataclass(frozen=True)
class ChatChange:
    via: str  # edit | delete | correction | reaction
    instance: str
    message_id: str
    action_id: int | None
    record_kind: str
    record_id: int
    person_id: int | None
    changed: dict[str, Any]
    at: float


def add_chat_change(tx: Transaction, c: ChatChange) -> None:
    tx.execute(
        _q("add_chat_change"),
        {
            "via": c.via,
            "instance": c.instance,
            "message_id": c.message_id,
            "action_id": c.action_id,
            "kind": c.record_kind,
            "record_id": c.record_id,
            "person_id": c.person_id,
            "changed": json.dumps(c.changed, ensure_ascii=False, sort_keys=True, default=str),
            "at": c.at,
        },
    )


def cancel_action(tx: Transaction, action_id: int, why: str, now: float) -> bool:
    """Mark an action cancelled (its message was deleted): True when it was live."""
    return bool(tx.execute(_q("cancel_action"), {"id": action_id, "why": why, "now": now}))


_TABLES = ("tasks", "calendar_events", "bills", "notes")


def action_of_record(tx: Transaction, table: str, record_id: int) -> int | None:
    if table not in _TABLES:
        raise ValueError(f"{table!r} is not a record table")
    row = tx.execute_one(_q(f"action_of_{table}"), {"id": record_id})
    return int(row["action_id"]) if row is not None else None


def record_stamps(tx: Transaction, table: str, action_id: int) -> tuple[tuple[int, float], ...]:
    """Each record of an action with its last update, to tell whether it moved."""
    if table not in _TABLES:
        raise ValueError(f"{table!r} is not a record table")
    rows = tx.execute(_q(f"record_stamps_{table}"), {"action_id": action_id})
    return tuple((int(r["id"]), float(r["updated_at"])) for r in rows)


def open_tasks_due(
    tx: Transaction, person: int | None, due_from: str | None, due_to: str | None, n: int
) -> list[Row]:
    params = {"person": person, "due_from": due_from, "due_to": due_to, "n": n}
    return tx.execute(_q("open_tasks_due"), params)


def pending_bills_due(
    tx: Transaction, person: int | None, due_from: str | None, due_to: str | None, n: int
) -> list[Row]:
    params = {"person": person, "due_from": due_from, "due_to": due_to, "n": n}
    return tx.execute(_q("pending_bills_due"), params)


def scheduled_events_from(
    tx: Transaction, person: int | None, start_from: str, start_to: str | None, n: int
) -> list[Row]:
    params = {"person": person, "start_from": start_from, "start_to": start_to, "n": n}
    return tx.execute(_q("scheduled_events_from"), params)


# -- the daily digest --------------------------------------------------------------------


@dataclass(frozen=True)
class Digest:
    person_id: int
    instance: str
    destination: str
    hour: int
    minute: int
    tz: str
    language: str
    enabled: bool
    everyone: bool = False  # the owner's digest lists the whole team's records
    last_day: str | None = None


def _digest(row: Row) -> Digest:
    return Digest(
        person_id=int(row["person_id"]),
        instance=str(row["instance"]),
        destination=str(row["destination"]),
        hour=int(row["hour"]),
        minute=int(row["minute"]),
        tz=str(row["tz"]),
        language=str(row["language"]),
        enabled=bool(row["enabled"]),
        everyone=bool(row["everyone"]),
        last_day=row["last_day"],
    )


def set_digest(tx: Transaction, d: Digest, now: float) -> None:
    tx.execute(
        _q("set_digest"),
        {
            "person_id": d.person_id,
            "instance": d.instance,
            "destination": d.destination,
            "hour": d.hour,
            "minute": d.minute,
            "tz": d.tz,
            "language": d.language,
            "enabled": int(d.enabled),
            "everyone": int(d.everyone),
            "now": now,
        },
    )


def get_digest(tx: Transaction, person_id: int) -> Digest | None:
    row = tx.execute_one(_q("get_digest"), {"person_id": person_id})
    return _digest(row) if row is not None else None


def list_digests(tx: Transaction) -> list[Digest]:
    return [_digest(r) for r in tx.execute(_q("list_digests"))]


def mark_digest_day(tx: Transaction, person_id: int, day: str, now: float) -> bool:
    """True for the first digest of `day` (local), False if that day's was sent."""
    found = tx.execute(_q("mark_digest_day"), {"person_id": person_id, "day": day, "now": now})
    return bool(found)


def person_last_message(tx: Transaction, person_id: int) -> Row | None:
    return tx.execute_one(_q("person_last_message"), {"person_id": person_id})
