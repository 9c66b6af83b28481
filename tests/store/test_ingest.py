"""Inbound events on SQLite: what only this implementation shows (group commits, a failing
write in a group, columns no store read returns). The contract for every store is in
`tests/store/contract/test_ingest.py`."""

# Raw SQL here: a statement the database refuses, inside a group commit.
from __future__ import annotations

import asyncio
import time
from typing import Any

from reactiond.evolution.inbound import Translation, translate
from reactiond.store import trace_repo
from reactiond.store.interface import Transaction
from reactiond.store.sqlite.store import SqliteStore
from tests.fixtures import INSTANCE, fixture, with_ids


async def ingest(store: SqliteStore, payload: dict[str, Any]) -> Any:
    t = translate(payload, instance_from_url=INSTANCE)
    assert isinstance(t, Translation)
    return await store.ingest(t.instance, t.event, t.events, time.time())


async def message(store: SqliteStore, payload: dict[str, Any]) -> Any:
    """The stored message of `payload` (by its key), or None."""
    key = payload["data"].get("key", payload["data"])
    message_id = key.get("id") or key.get("keyId")
    return await store.read(lambda tx: trace_repo.message(tx, INSTANCE, message_id))


async def test_delete_marks_the_message_deleted(store: SqliteStore) -> None:
    text = fixture("messages.upsert.text-conversation.es")
    await ingest(store, text)
    await ingest(store, fixture("messages.delete.revoke"))
    row = await message(store, text)
    assert row is not None and row["deleted_at"] is not None


async def test_read_receipt_sets_the_message_status(store: SqliteStore) -> None:
    sent = fixture("send.message.text-confirmation")
    await ingest(store, sent)
    await ingest(store, fixture("messages.update.status-read"))
    row = await message(store, sent)
    assert row is not None and row["status"] == "READ"


async def test_concurrent_writes_share_commits(tmp_path: Any) -> None:
    store = SqliteStore(tmp_path / "db")
    await store.open()
    try:
        payload = fixture("messages.upsert.reaction-add")
        await asyncio.gather(*(ingest(store, with_ids(payload, str(i))) for i in range(200)))
        commits, writes = store.group_commit_stats
        assert writes == 200
        assert commits < writes  # several requests acknowledged by one commit
        assert len(await store.list_jobs(limit=1000)) == 200
    finally:
        await store.close()


async def test_a_failing_write_does_not_sink_the_others_in_its_group(store: SqliteStore) -> None:
    def bad(tx: Transaction) -> None:
        # Raw: a statement the database itself refuses, inside a group commit.
        tx.execute("INSERT INTO no_such_table VALUES (1)")

    payloads = [with_ids(fixture("messages.upsert.text-conversation.es"), str(i)) for i in range(5)]
    results = await asyncio.gather(
        store.write(bad), *(ingest(store, p) for p in payloads), return_exceptions=True
    )
    assert isinstance(results[0], Exception)
    assert all(not isinstance(r, Exception) for r in results[1:])
    assert all([await message(store, p) for p in payloads])
