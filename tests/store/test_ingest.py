"""Inbound events on SQLite: what only this implementation shows (group commits, a failing
write in a group, columns no store read returns). The contract for every store is in
`tests/store/contract/test_ingest.py`."""

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
