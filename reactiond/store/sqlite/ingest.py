"""Writing inbound events: messages, reactions, edits, receipts, deletions, people.

Each function runs inside the writer's transaction. Natural keys make redelivery a
no-op: a message by its id, a reaction by its own message id (and by target, reactor,
emoji and send time).
"""

from __future__ import annotations

from collections.abc import Sequence

from reactiond.domain import (
    EventIgnored,
    InboundEvent,
    JobKind,
    Message,
    MessageDeleted,
    MessageEdited,
    MessageStatusChanged,
    NewJob,
    PersonIds,
    Reaction,
)
from reactiond.store.interface import IngestResult
from reactiond.store.rules_repo import reaction_job_priority
from reactiond.store.sqlite.transaction import SqliteTransaction


def ingest_events(
    tx: SqliteTransaction,
    instance: str,
    event: str,
    events: Sequence[InboundEvent],
    now: float,
    max_attempts: int,
) -> IngestResult:
    stored = duplicates = ignored = jobs = 0
    for item in events:
        if isinstance(item, Message):
            if _insert_message(tx, item, now):
                stored += 1
            else:
                duplicates += 1
        elif isinstance(item, Reaction):
            row_id = _insert_reaction(tx, item, now)
            if row_id is None:
                duplicates += 1
                continue
            stored += 1
            job = NewJob(
                kind=JobKind.REACTION,
                payload={"reaction": row_id, "instance": item.instance},
                dedupe_key=f"reaction:{item.instance}:{item.reaction_id}",
                priority=reaction_job_priority(tx, item),
                max_attempts=max_attempts,
            )
            if tx.enqueue(job, now) is not None:
                jobs += 1
        elif isinstance(item, MessageEdited):
            changed = tx.execute(
                "UPDATE messages SET text = :text, edited_at = :at"
                " WHERE instance = :instance AND message_id = :id"
                " AND (edited_at IS NULL OR edited_at < :at) RETURNING id",
                {
                    "text": item.text,
                    "at": item.edited_at_ms / 1000,
                    "instance": item.instance,
                    "id": item.message_id,
                },
            )
            stored += len(changed)
            duplicates += 0 if changed else 1
        elif isinstance(item, MessageStatusChanged):
            changed = tx.execute(
                "UPDATE messages SET status = :status WHERE instance = :instance"
                " AND message_id = :id AND status IS NOT :status RETURNING id",
                {"status": item.status, "instance": item.instance, "id": item.message_id},
            )
            stored += len(changed)
            duplicates += 0 if changed else 1
        elif isinstance(item, MessageDeleted):
            changed = tx.execute(
                "UPDATE messages SET deleted_at = :now WHERE instance = :instance"
                " AND message_id = :id AND deleted_at IS NULL RETURNING id",
                {"now": now, "instance": item.instance, "id": item.message_id},
            )
            stored += len(changed)
            duplicates += 0 if changed else 1
        elif isinstance(item, EventIgnored):
            ignored += 1
    outcome = "ignored" if ignored and not (stored or duplicates) else "stored"
    bump_counter(tx, instance, event, outcome, now)
    return IngestResult(stored, duplicates, ignored, jobs)


def bump_counter(
    tx: SqliteTransaction, instance: str, event: str, outcome: str, now: float
) -> None:
    tx.execute(
        "INSERT INTO event_counters (instance, event, outcome, count, last_at)"
        " VALUES (:instance, :event, :outcome, 1, :now)"
        " ON CONFLICT (instance, event, outcome) DO UPDATE SET count = count + 1, last_at = :now",
        {"instance": instance, "event": event, "outcome": outcome, "now": now},
    )


def resolve_person(tx: SqliteTransaction, ids: PersonIds, name: str | None, now: float) -> int:
    """The person these identities belong to, created or merged as needed."""
    jids = sorted(ids.jids)
    marks = ",".join("?" for _ in jids)
    known = tx.execute(
        "SELECT i.person_id, p.name, p.display_jid LIKE '%@s.whatsapp.net' AS has_phone"
        f" FROM person_ids i JOIN people p ON p.id = i.person_id WHERE i.jid IN ({marks})",
        jids,
    )
    people = sorted({int(r["person_id"]) for r in known})
    if len(known) == len(jids) and len(people) == 1:
        # Someone already known by exactly these identities, as nearly every message is:
        # one read instead of five statements, when none of the writes below would change
        # anything.
        seen = known[0]
        if (not name or seen["name"] == name) and (not ids.phone_number or seen["has_phone"]):
            return people[0]
    if not people:
        row = tx.execute_one(
            "INSERT INTO people (display_jid, name, created_at) VALUES (?, ?, ?) RETURNING id",
            (ids.display_jid, name, now),
        )
        assert row is not None
        person = int(row["id"])
    else:
        person = people[0]
        for other in people[1:]:
            _merge_people(tx, keep=person, gone=other)
    for jid in jids:
        tx.execute(
            "INSERT INTO person_ids (jid, person_id) VALUES (?, ?) ON CONFLICT (jid) DO NOTHING",
            (jid, person),
        )
    if name:  # the owner's too: translation keeps only a fromMe name that is theirs
        tx.execute(
            "UPDATE people SET name = ? WHERE id = ? AND name IS NOT ?", (name, person, name)
        )
    if ids.phone_number:
        tx.execute(
            "UPDATE people SET display_jid = ?"
            " WHERE id = ? AND display_jid NOT LIKE '%@s.whatsapp.net'",
            (ids.display_jid, person),
        )
    return person


def _merge_people(tx: SqliteTransaction, *, keep: int, gone: int) -> None:
    """Two people turned out to be one (a LID and a phone JID seen together at last)."""
    for sql in (
        "UPDATE person_ids SET person_id = :keep WHERE person_id = :gone",
        "UPDATE messages SET author_id = :keep WHERE author_id = :gone",
        "UPDATE OR IGNORE reactions SET reactor_id = :keep WHERE reactor_id = :gone",
        "UPDATE people SET tz = COALESCE((SELECT tz FROM people WHERE id = :keep),"
        " (SELECT tz FROM people WHERE id = :gone)) WHERE id = :keep",
        "DELETE FROM people WHERE id = :gone"
        " AND NOT EXISTS (SELECT 1 FROM reactions WHERE reactor_id = :gone)",
    ):
        tx.execute(sql, {"keep": keep, "gone": gone})


def _insert_message(tx: SqliteTransaction, m: Message, now: float) -> bool:
    author = resolve_person(tx, m.author, m.author_name, now)
    row = tx.execute_one(
        "INSERT INTO messages (instance, message_id, chat_jid, chat_alt_jid, is_group, from_me,"
        " author_id, author_name, kind, text, quoted_message_id, owner_jid, sent_at,"
        " received_at, raw)"
        " VALUES (:instance, :id, :chat, :chat_alt, :group, :from_me, :author, :name, :kind,"
        " :text, :quoted, :owner, :sent_at, :now, :raw)"
        " ON CONFLICT (instance, message_id) DO NOTHING RETURNING id",
        {
            "instance": m.instance,
            "id": m.message_id,
            "chat": m.chat_jid,
            "chat_alt": m.chat_alt_jid,
            "group": int(m.is_group),
            "from_me": int(m.from_me),
            "author": author,
            "name": m.author_name,
            "kind": m.kind.value,
            "text": m.text,
            "quoted": m.quoted_message_id,
            "owner": m.owner_jid,
            "sent_at": m.sent_at,
            "now": now,
            "raw": m.raw,
        },
    )
    return row is not None


def _insert_reaction(tx: SqliteTransaction, r: Reaction, now: float) -> int | None:
    reactor = resolve_person(tx, r.reactor, r.reactor_name, now)
    row = tx.execute_one(
        "INSERT INTO reactions (instance, reaction_id, target_message_id, target_chat_jid,"
        " target_from_me, target_participant, chat_jid, is_group, reactor_id, reactor_from_me,"
        " reactor_name, emoji, sent_at_ms, owner_jid, received_at, raw)"
        " VALUES (:instance, :id, :target, :target_chat, :target_from_me, :target_participant,"
        " :chat, :group, :reactor, :from_me, :name, :emoji, :sent_ms, :owner, :now, :raw)"
        " ON CONFLICT DO NOTHING RETURNING id",
        {
            "instance": r.instance,
            "id": r.reaction_id,
            "target": r.target_message_id,
            "target_chat": r.target_chat_jid,
            "target_from_me": int(r.target_from_me),
            "target_participant": r.target_participant,
            "chat": r.chat_jid,
            "group": int(r.is_group),
            "reactor": reactor,
            "from_me": int(r.reactor.from_me),
            "name": r.reactor_name,
            "emoji": r.emoji,
            "sent_ms": r.sent_at_ms,
            "owner": r.owner_jid,
            "now": now,
            "raw": r.raw,
        },
    )
    return int(row["id"]) if row is not None else None
