"""Inbound events are kept exactly once, with their jobs, in one transaction."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from reactiond.evolution.inbound import Translation, translate
from reactiond.store.interface import Transaction
from reactiond.store.sqlite.store import SqliteStore
from tests.fixtures import INSTANCE, fixture, with_ids


async def ingest(store: SqliteStore, payload: dict[str, Any]) -> Any:
    t = translate(payload, instance_from_url=INSTANCE)
    assert isinstance(t, Translation)
    return await store.ingest(t.instance, t.event, t.events, time.time())


async def count(store: SqliteStore, table: str) -> int:
    def q(tx: Transaction) -> int:
        row = tx.execute_one(f"SELECT COUNT(*) AS n FROM {table}")
        assert row is not None
        return int(row["n"])

    return await store.read(q)


async def test_message_is_stored_once_however_often_it_is_delivered(store: SqliteStore) -> None:
    payload = fixture("messages.upsert.text-conversation.es")
    first = await ingest(store, payload)
    again = await ingest(store, payload)
    assert (first.stored, again.stored, again.duplicates) == (1, 0, 1)
    assert await count(store, "messages") == 1


async def test_reaction_and_its_job_are_stored_together_once(store: SqliteStore) -> None:
    payload = fixture("messages.upsert.reaction-add")
    first = await ingest(store, payload)
    await ingest(store, payload)
    assert first.jobs_enqueued == 1
    assert await count(store, "reactions") == 1
    assert await count(store, "jobs") == 1


async def test_reaction_removal_is_kept_and_queued_too(store: SqliteStore) -> None:
    outcome = await ingest(store, fixture("messages.upsert.reaction-remove"))
    assert outcome.jobs_enqueued == 1


async def test_edit_updates_the_stored_text(store: SqliteStore) -> None:
    await ingest(store, fixture("messages.upsert.text-extended-normalized.en"))
    await ingest(store, fixture("messages.edited.text-edit"))
    row = await store.read(
        lambda tx: tx.execute_one(
            "SELECT text, edited_at FROM messages WHERE message_id = ?",
            ("A7C31E9B05D24F68B1E0C9D8F7A6B5C4",),
        )
    )
    assert row is not None
    assert row["text"] == "Review presentation by Thursday"
    assert row["edited_at"] is not None


async def test_delete_marks_the_message_deleted(store: SqliteStore) -> None:
    await ingest(store, fixture("messages.upsert.text-conversation.es"))
    await ingest(store, fixture("messages.delete.revoke"))
    row = await store.read(lambda tx: tx.execute_one("SELECT deleted_at FROM messages"))
    assert row is not None and row["deleted_at"] is not None


async def test_read_receipt_sets_the_message_status(store: SqliteStore) -> None:
    await ingest(store, fixture("send.message.text-confirmation"))
    await ingest(store, fixture("messages.update.status-read"))
    row = await store.read(lambda tx: tx.execute_one("SELECT status FROM messages"))
    assert row is not None and row["status"] == "READ"


async def test_ignored_events_are_counted(store: SqliteStore) -> None:
    await ingest(store, fixture("connection.update.open"))
    await ingest(store, fixture("connection.update.open"))
    stats = await store.queue_stats(time.time())
    assert stats.events_ignored == {"connection.update": 2}


async def test_a_person_seen_by_phone_and_by_lid_is_one_person(store: SqliteStore) -> None:
    # Lucía writes by phone JID (with her LID as alternate), then LID-addressed.
    await ingest(store, fixture("messages.upsert.text-conversation.es"))
    await ingest(store, fixture("messages.upsert.text-lid"))
    await ingest(store, fixture("messages.upsert.reaction-lid"))
    authors = await store.read(
        lambda tx: tx.execute(
            "SELECT DISTINCT author_id FROM messages WHERE from_me = 0"
            " UNION SELECT reactor_id FROM reactions"
        )
    )
    assert len(authors) == 1


async def test_identities_first_seen_apart_are_merged_when_seen_together(
    store: SqliteStore,
) -> None:
    lid_only = fixture("messages.upsert.text-lid")
    del lid_only["data"]["key"]["remoteJidAlt"]
    phone_only = with_ids(fixture("messages.upsert.text-conversation.es"), "x")
    del phone_only["data"]["key"]["remoteJidAlt"]
    await ingest(store, lid_only)
    await ingest(store, phone_only)
    assert await count(store, "people") == 2
    await ingest(store, fixture("messages.upsert.text-lid"))  # carries both identities
    assert await count(store, "people") == 1
    authors = await store.read(lambda tx: tx.execute("SELECT DISTINCT author_id FROM messages"))
    assert len(authors) == 1


async def test_a_known_sender_who_changes_their_name_is_renamed(store: SqliteStore) -> None:
    first = fixture("messages.upsert.text-conversation.es")
    renamed = with_ids(fixture("messages.upsert.text-conversation.es"), "later")
    renamed["data"]["pushName"] = "Lucía H."
    await ingest(store, first)
    await ingest(store, renamed)
    names = await store.read(
        lambda tx: tx.execute("SELECT name FROM people WHERE name IS NOT NULL")
    )
    assert [r["name"] for r in names] == ["Lucía H."]


async def test_a_person_known_by_lid_gets_their_phone_jid_when_it_appears(
    store: SqliteStore,
) -> None:
    lid_only = fixture("messages.upsert.text-lid")
    del lid_only["data"]["key"]["remoteJidAlt"]
    await ingest(store, lid_only)
    await ingest(store, with_ids(fixture("messages.upsert.text-lid"), "both"))
    shown = await store.read(lambda tx: tx.execute("SELECT display_jid FROM people"))
    assert [r["display_jid"] for r in shown] == ["5215587654321@s.whatsapp.net"]


async def test_a_known_sender_seen_with_a_new_identity_gains_it(store: SqliteStore) -> None:
    phone_only = fixture("messages.upsert.text-conversation.es")
    del phone_only["data"]["key"]["remoteJidAlt"]
    await ingest(store, phone_only)
    await ingest(store, with_ids(fixture("messages.upsert.text-conversation.es"), "with-lid"))
    assert await count(store, "people") == 1
    assert await count(store, "person_ids") == 2


async def test_concurrent_writes_share_commits(tmp_path: Any) -> None:
    store = SqliteStore(tmp_path / "db")
    await store.open()
    try:
        payload = fixture("messages.upsert.reaction-add")
        await asyncio.gather(*(ingest(store, with_ids(payload, str(i))) for i in range(200)))
        commits, writes = store.group_commit_stats
        assert writes == 200
        assert commits < writes  # several requests acknowledged by one commit
        assert await count(store, "jobs") == 200
    finally:
        await store.close()


async def test_a_failing_write_does_not_sink_the_others_in_its_group(store: SqliteStore) -> None:
    def bad(tx: Transaction) -> None:
        tx.execute("INSERT INTO no_such_table VALUES (1)")

    payloads = [with_ids(fixture("messages.upsert.text-conversation.es"), str(i)) for i in range(5)]
    results = await asyncio.gather(
        store.write(bad), *(ingest(store, p) for p in payloads), return_exceptions=True
    )
    assert isinstance(results[0], Exception)
    assert all(not isinstance(r, Exception) for r in results[1:])
    assert await count(store, "messages") == 5
