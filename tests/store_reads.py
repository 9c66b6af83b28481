"""What tests read back from a store, through its interface (no SQL): every record of a
table, every reply, every job, every logged event, oldest first; the actions and parses
made for one message (the trace's reads); what the chat changed in one record; the digests."""

from __future__ import annotations

from typing import Any

from reactiond.domain import Job, RecordTable
from reactiond.store import conversation_repo, events, outbox, trace_repo
from reactiond.store.conversation_repo import Digest
from reactiond.store.events import LoggedEvent
from reactiond.store.interface import Store
from reactiond.store.outbox import OutboxRow
from reactiond.store.records_query import RecordFilter, RecordOrder, record_page

EVERYTHING = 1_000_000


async def records(store: Store, table: RecordTable) -> list[dict[str, Any]]:
    """Every record of `table` as stored (with its reactor's JID and name), oldest first."""
    rows = await store.read(lambda tx: record_page(tx, RecordFilter(table=table), RecordOrder()))
    return [dict(r) for r in rows]


async def replies(store: Store) -> list[OutboxRow]:
    rows = await store.read(lambda tx: outbox.list_rows(tx, limit=EVERYTHING))
    return sorted(rows, key=lambda r: r.id)


async def jobs(store: Store, kind: str | None = None) -> list[Job]:
    found = await store.list_jobs(kind=kind, limit=EVERYTHING)
    return sorted(found, key=lambda j: j.id)


async def logged(store: Store) -> list[LoggedEvent]:
    return await store.read(lambda tx: events.events_after(tx, 0, limit=EVERYTHING))


async def actions_on(store: Store, instance: str, message_id: str) -> list[dict[str, Any]]:
    """The actions (rule outcomes) taken on one message, oldest first."""
    rows = await store.read(lambda tx: trace_repo.actions_on_message(tx, instance, message_id))
    return [dict(r) for r in rows]


async def parses_on(store: Store, instance: str, message_id: str) -> list[dict[str, Any]]:
    """The NLP log's lines for the actions on one message, oldest first."""
    rows = await store.read(lambda tx: trace_repo.parses_on_message(tx, instance, message_id))
    return [dict(r) for r in rows]


async def message(store: Store, instance: str, message_id: str) -> dict[str, Any] | None:
    """One stored message, with its author's JID (`author_jid`) and name."""
    row = await store.read(lambda tx: trace_repo.message(tx, instance, message_id))
    return dict(row) if row is not None else None


async def reactions_on(store: Store, instance: str, message_id: str) -> list[dict[str, Any]]:
    """The reactions stored on one message, in the order they were sent."""
    rows = await store.read(lambda tx: trace_repo.reactions_on_message(tx, instance, message_id))
    return [dict(r) for r in rows]


async def chat_changes(store: Store, kind: str, record_id: int) -> list[dict[str, Any]]:
    """What the chat changed in one record (kind: task, event, bill, note), oldest first."""
    rows = await store.read(lambda tx: trace_repo.chat_changes_of_record(tx, kind, record_id))
    return [dict(r) for r in rows]


async def digests(store: Store) -> list[Digest]:
    return await store.read(conversation_repo.list_digests)
