"""What tests put in a store before they look, through its interface: a job that died
after one attempt, a reply that went out or died, a record as a reaction's job writes it.

One exception, `reaction_source`: the person and the reaction a record comes from are
written with SQL, because the store's only write for them is ingest, and ingest also
queues the reaction's job, which a running daemon would take and turn into records of its
own. Everything after them (the action, the record) goes through the records repository."""

from __future__ import annotations

import dataclasses
from typing import Any

from reactiond.domain import EntityRow, NewJob, RecordTable
from reactiond.store import outbox, people_repo, records_repo
from reactiond.store.interface import Store, Transaction
from reactiond.store.outbox import OutboxRow
from reactiond.store.people_repo import PersonNotFound
from reactiond.store.records_repo import NewAction, Source

WORKER = "test-worker"


async def dead_job(store: Store, job: NewJob, error: str, now: float) -> int:
    """Queue `job`, run it once and let it die with `error`: the queue's own path."""
    job_id = await store.enqueue(job, now)
    claimed = await store.claim_next_job([job.kind], WORKER, 60.0, now)
    assert claimed is not None and claimed.id == job_id, (job_id, claimed)
    await store.fail_job(claimed, WORKER, error, None, now)
    return job_id


def reply(
    tx: Transaction,
    key: str,
    *,
    queued_at: float,
    due_at: float | None = None,
    instance: str = "main",
) -> int:
    """A text reply to 521 queued at `queued_at` and due at `due_at` (at once by default)."""
    reply_id = outbox.queue_text(
        tx, dedupe_key=key, instance=instance, destination="521", text="…", now=queued_at,
        send_at=due_at,
    )  # fmt: skip
    assert reply_id is not None
    return reply_id


def _reply(tx: Transaction, reply_id: int) -> OutboxRow:
    row = outbox.get(tx, reply_id)
    assert row is not None, f"no reply {reply_id}"
    return row


def reply_sent(tx: Transaction, reply_id: int, now: float) -> None:
    """Reply `reply_id` went out (as WhatsApp message SENT-<id>)."""
    outbox.mark_sent(tx, _reply(tx, reply_id), f"SENT-{reply_id}", now)


def reply_dead(
    tx: Transaction, reply_id: int, error: str, now: float, *, attempts: int | None = None
) -> None:
    """Reply `reply_id` died with `error` (after `attempts` tries, when given)."""
    row = _reply(tx, reply_id)
    if attempts is not None:
        row = dataclasses.replace(row, attempts=attempts)
    outbox.mark_dead(tx, row, error, now)


def person(tx: Transaction, jid: str, name: str | None, now: float) -> int:
    """The person known by `jid`, new if nobody is. Raw SQL: see the module's docstring."""
    try:
        return people_repo.find_person(tx, jid)
    except PersonNotFound:
        pass
    row = tx.execute_one(
        "INSERT INTO people (display_jid, name, created_at) VALUES (?, ?, ?) RETURNING id",
        (jid, name, now),
    )
    assert row is not None
    tx.execute("INSERT INTO person_ids (jid, person_id) VALUES (?, ?)", (jid, row["id"]))
    return int(row["id"])


def reaction_source(
    tx: Transaction,
    *,
    person_id: int,
    instance: str,
    reaction_id: str,
    message_id: str,
    chat: str,
    emoji: str,
    sent_at_ms: int,
    now: float,
) -> Source:
    """A reaction of `person_id` on `message_id`, stored without its job: what the records
    it makes come from. Raw SQL: see the module's docstring."""
    row = tx.execute_one(
        "INSERT INTO reactions (instance, reaction_id, target_message_id, target_chat_jid,"
        " target_from_me, chat_jid, is_group, reactor_id, reactor_from_me, emoji,"
        " sent_at_ms, received_at) VALUES (?, ?, ?, ?, 0, ?, 0, ?, 0, ?, ?, ?) RETURNING id",
        (instance, reaction_id, message_id, chat, chat, person_id, emoji, sent_at_ms, now),
    )
    assert row is not None
    return Source(instance, chat, message_id, person_id, int(row["id"]), emoji)


def record(
    tx: Transaction,
    src: Source,
    table: RecordTable,
    values: dict[str, Any],
    *,
    action: str,
    now: float,
    acted: tuple[str, str, float] | None = None,
) -> int:
    """The action (rule name, outcome and time: `acted`, by default "test", "created",
    `now`) and the record it made from `src`, as a reaction's job writes them."""
    rule_name, outcome, acted_at = acted or ("test", "created", now)
    made = NewAction(None, rule_name, action, outcome, None)
    action_id = records_repo.insert_action(tx, made, src, acted_at)
    assert action_id is not None
    [(_, record_id)] = records_repo.insert_records(
        tx, action_id, None, [EntityRow(table, values)], src, now
    )
    return record_id
