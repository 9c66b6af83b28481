"""A row an older reactiond left `sending` (nothing writes that state now: a reply in
flight is kept in memory) goes back to `pending` at start. SQLite only: the state cannot
be reached through the store's interface, so the row is set by hand."""

from __future__ import annotations

from reactiond.store import outbox
from reactiond.store.sqlite.store import SqliteStore

NOW = 1_800_000_000.0


async def test_a_row_left_sending_goes_back_to_pending(store: SqliteStore) -> None:
    await store.write(
        lambda tx: outbox.queue_text(
            tx, dedupe_key="k0", instance="demo", destination="111", text="hola", now=NOW
        )
    )
    await store.write(lambda tx: tx.execute("UPDATE outbox SET status = 'sending'"))
    assert await store.write(lambda tx: outbox.resume_interrupted(tx, NOW)) == 1
    assert await store.read(outbox.counts) == {"pending": 1}
