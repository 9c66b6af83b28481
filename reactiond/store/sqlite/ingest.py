"""Writing inbound events: messages, reactions, edits, receipts, deletions, people.

Each function runs inside the writer's transaction. Natural keys make redelivery a
no-op: a message by its id, a reaction by its own message id (and by target, reactor,
emoji and send time).
"""

from __future__ import annotations

from collections.abc import Sequence

import structlog

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
from reactiond.store import conversation_repo as talk
from reactiond.store import media_repo, reaction_reads, rules_repo
from reactiond.store.interface import IngestResult, JobPriority, Params
from reactiond.store.queries import query
from reactiond.store.sqlite.transaction import SqliteTransaction

log = structlog.get_logger("reactiond.store")


def _q(name: str) -> str:
    return query("ingest", name)


def ingest_events(
    tx: SqliteTransaction,
    instance: str,
    event: str,
    events: Sequence[InboundEvent],
    now: float,
    max_attempts: int,
    job_priority: JobPriority | None = None,
) -> IngestResult:
    stored = duplicates = ignored = jobs = 0
    for item in events:
        if isinstance(item, Message):
            if item.media is not None:
                # Before the message's own row: a redelivery that brings the bytes a
                # first delivery did not (webhookBase64 turned on since) still keeps them.
                media_repo.save(tx, item.instance, item.message_id, item.media, now)
            if _insert_message(tx, item, now):
                stored += 1
                said = talk.message_job(tx, event, item, max_attempts)
                if said is not None and tx.enqueue(said, now) is not None:
                    jobs += 1
                # Reactions to it that gave up as unseen (it came later than their
                # retries) run again, once, now that it is here.
                jobs += reaction_reads.run_unseen_again(
                    tx, item.instance, item.message_id, now, max_attempts
                )
            else:
                duplicates += 1
        elif isinstance(item, Reaction):
            # The reaction's row, whether it is on a message reactiond sent, and the rules
            # naming its emoji, in one batch (one round trip on PostgreSQL).
            emoji = job_priority.emoji_key(item.emoji) if job_priority is not None else ""
            reads = [_reaction_insert(tx, item, now), talk.sent_by_us_read(item)]
            if emoji:
                reads.append(rules_repo.enabled_rules_naming_read(emoji))
            inserted, ours, *rules = tx.execute_batch(reads)
            if not inserted:
                duplicates += 1
                continue
            stored += 1
            row_id = int(inserted[0]["id"])
            # A reaction on a message reactiond sent (✅ on a reminder) is about the
            # record that message announced, not a new record from its text.
            if ours:
                job = talk.reaction_job(item, row_id, max_attempts)
            else:
                priority = 0
                if job_priority is not None and emoji:
                    priority = job_priority.decide(rules[0], item)
                job = NewJob(
                    kind=JobKind.REACTION,
                    payload={"reaction": row_id, "instance": item.instance},
                    dedupe_key=f"reaction:{item.instance}:{item.reaction_id}",
                    priority=priority,
                    max_attempts=max_attempts,
                )
            if tx.enqueue(job, now) is not None:
                jobs += 1
        elif isinstance(item, MessageEdited):
            changed = tx.execute(
                _q("apply_message_edit"),
                {
                    "text": item.text,
                    "at": item.edited_at_ms / 1000,
                    "instance": item.instance,
                    "id": item.message_id,
                },
            )
            stored += len(changed)
            duplicates += 0 if changed else 1
            follow = talk.edit_job(tx, item, max_attempts) if changed else None
            if follow is not None and tx.enqueue(follow, now) is not None:
                jobs += 1
        elif isinstance(item, MessageStatusChanged):
            changed = tx.execute(
                _q("advance_message_status"),
                {
                    "status": item.status,
                    "rank": _status_rank(item.status),
                    "instance": item.instance,
                    "id": item.message_id,
                },
            )
            stored += len(changed)
            duplicates += 0 if changed else 1
        elif isinstance(item, MessageDeleted):
            changed = tx.execute(
                _q("mark_message_deleted"),
                {"now": now, "instance": item.instance, "id": item.message_id},
            )
            stored += len(changed)
            duplicates += 0 if changed else 1
            cancel = talk.delete_job(tx, item, max_attempts) if changed else None
            if cancel is not None and tx.enqueue(cancel, now) is not None:
                jobs += 1
        elif isinstance(item, EventIgnored):
            ignored += 1
    outcome = "ignored" if ignored and not (stored or duplicates) else "stored"
    bump_counter(tx, instance, event, outcome, now)
    return IngestResult(stored, duplicates, ignored, jobs)


# Evolution's delivery statuses in the order a message goes through them (names, or
# Baileys' numbers 0–5). ERROR ranks with PENDING: a send can fail only before it is
# acknowledged. A status not listed ranks lowest and is kept only over nothing. The
# stored status is ranked the same way by advance_message_status's CASE (ingest.sql).
_STATUS_ORDER = {
    "ERROR": 1, "0": 1, "PENDING": 1, "1": 1, "SERVER_ACK": 2, "2": 2,
    "DELIVERY_ACK": 3, "3": 3, "READ": 4, "4": 4, "PLAYED": 5, "5": 5,
}  # fmt: skip


def _status_rank(status: str) -> int:
    return _STATUS_ORDER.get(status.upper(), 0)


def bump_counter(
    tx: SqliteTransaction, instance: str, event: str, outcome: str, now: float
) -> None:
    tx.execute(
        query("counters", "count_event"),
        {"instance": instance, "event": event, "outcome": outcome, "now": now},
    )


def resolve_person(tx: SqliteTransaction, ids: PersonIds, name: str | None, now: float) -> int:
    """The person these identities belong to, created or merged as needed."""
    jids = sorted(ids.jids)
    marks = ",".join(f":j{i}" for i in range(len(jids)))
    known = tx.execute(
        "SELECT i.person_id, p.name, p.display_jid LIKE '%@s.whatsapp.net' AS has_phone"
        f" FROM person_ids i JOIN people p ON p.id = i.person_id WHERE i.jid IN ({marks})",
        {f"j{i}": jid for i, jid in enumerate(jids)},
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
            _q("create_person"),
            {"jid": ids.display_jid, "name": name, "now": now},
        )
        assert row is not None
        person = int(row["id"])
    else:
        person = people[0]
        for other in people[1:]:
            merge_people(tx, keep=person, gone=other, now=now)
    for jid in jids:
        tx.execute(_q("add_person_identity"), {"jid": jid, "person": person})
    if name:  # the owner's too: translation keeps only a fromMe name that is theirs
        tx.execute(_q("rename_person"), {"name": name, "id": person})
    if ids.phone_number:
        gained = tx.execute(_q("show_person_by_phone"), {"jid": ids.display_jid, "id": person})
        if people and (gained or len(people) > 1):
            _phone_now_known(tx, person)
    return person


def merge_people(tx: SqliteTransaction, *, keep: int, gone: int, now: float) -> bool:
    """Two people turned out to be one (a LID and a phone JID seen together at last):
    every row that refers to `gone` moves to `keep`, then `gone` is deleted.

    Runs in its own savepoint: if anything still refuses the move, the merge is undone
    and both people stay apart (False), so the message that revealed the link is still
    stored. A merge that fails must never make every later delivery fail."""
    tx.execute(_q("begin_merge_people"))
    try:
        _move_person_rows(tx, keep=keep, gone=gone, now=now)
    except Exception as exc:  # any store's refusal (apsw, psycopg): the merge waits
        tx.execute(_q("undo_merge_people"))
        tx.execute(_q("end_merge_people"))
        log.warning("people_not_merged", keep=keep, gone=gone, error=type(exc).__name__)
        return False
    tx.execute(_q("end_merge_people"))
    return True


def _move_person_rows(tx: SqliteTransaction, *, keep: int, gone: int, now: float) -> None:
    p = {"keep": keep, "gone": gone, "now": now}
    # The same reaction stored once under each identity (two deliveries before the link
    # was known): keep one row, point the other's actions at it, drop it.
    for dup in tx.execute(_q("same_reaction_of_both_people"), p):
        rows = {"gone_row": dup["gone_row"], "keep_row": dup["keep_row"]}
        tx.execute(_q("move_actions_to_kept_reaction"), rows)
        tx.execute(_q("delete_duplicate_reaction"), rows)
    # One live action per (rule, message, reactor): when each identity made one, the
    # later is marked superseded, as a second tap by one person would have been a no-op.
    tx.execute(_q("supersede_merged_actions"), p)
    tx.execute(_q("move_person_identities"), p)
    # Every other column that refers to a person, found from the schema so that a table
    # added later is moved too: messages, reactions, actions, tasks, events, bills, notes…
    for ref in tx.execute(query("people", "person_reference_columns")):
        table, column = ref["tbl"], ref["col"]
        tx.execute(f'UPDATE "{table}" SET "{column}" = :keep WHERE "{column}" = :gone', p)
    # Per-contact settings: what was set on either survives, the kept person's first; a
    # phone JID is the better thing to show than a LID.
    tx.execute(query("people", "merge_person_settings"), p)
    tx.execute(_q("delete_merged_person"), p)


def _phone_of(tx: SqliteTransaction, person: int) -> str | None:
    row = tx.execute_one(_q("phone_jid_of_person"), {"person": person})
    return str(row["jid"]) if row is not None else None


def _phone_now_known(tx: SqliteTransaction, person: int) -> None:
    """A person known until now only by LID (or merged with one) has a phone JID: their
    1:1 chat is one chat, named by the phone JID, in every row that names it (messages,
    reactions, actions, records: found from the schema); and replies still waiting for
    the LID go to the phone number, which every Evolution version accepts (≤2.3.5 refuse
    a LID with `exists: false`)."""
    phone = _phone_of(tx, person)
    if phone is None:
        return
    p = {"phone": phone, "number": phone.split("@", 1)[0].split(":", 1)[0], "person": person}
    lids = "(SELECT jid FROM person_ids WHERE person_id = :person AND jid LIKE '%@lid')"
    for ref in tx.execute(query("people", "chat_columns")):
        table, column = ref["tbl"], ref["col"]
        tx.execute(f'UPDATE "{table}" SET "{column}" = :phone WHERE "{column}" IN {lids}', p)
    tx.execute(query("people", "reroute_pending_replies"), p)


def canonical_chat(tx: SqliteTransaction, chat: str) -> str:
    """A 1:1 chat given by LID is named by its person's phone JID when that is known."""
    if not chat.endswith("@lid"):
        return chat
    row = tx.execute_one(_q("phone_chat_of_lid"), {"chat": chat})
    return str(row["jid"]) if row is not None else chat


def _insert_message(tx: SqliteTransaction, m: Message, now: float) -> bool:
    author = resolve_person(tx, m.author, m.author_name, now)
    chat, chat_alt = m.chat_jid, m.chat_alt_jid
    if not m.is_group:
        chat = canonical_chat(tx, m.chat_jid)
        if chat != m.chat_jid:
            chat_alt = m.chat_jid
    row = tx.execute_one(
        _q("store_message"),
        {
            "instance": m.instance,
            "id": m.message_id,
            "chat": chat,
            "chat_alt": chat_alt,
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


def _reaction_insert(tx: SqliteTransaction, r: Reaction, now: float) -> tuple[str, Params]:
    """The statement that stores a reaction (its id back; no row when it is a redelivery),
    once its reactor and chats are resolved."""
    reactor = resolve_person(tx, r.reactor, r.reactor_name, now)
    chat, target_chat = r.chat_jid, r.target_chat_jid
    if not r.is_group:
        chat, target_chat = canonical_chat(tx, chat), canonical_chat(tx, target_chat)
    return (
        _q("store_reaction"),
        {
            "instance": r.instance,
            "id": r.reaction_id,
            "target": r.target_message_id,
            "target_chat": target_chat,
            "target_from_me": int(r.target_from_me),
            "target_participant": r.target_participant,
            "chat": chat,
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
