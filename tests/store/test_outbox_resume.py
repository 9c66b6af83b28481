"""A row a killed reactiond left `sending` (claimed for sending, never marked sent) goes
back to `pending` at start."""

from __future__ import annotations

from reactiond.store import outbox
from reactiond.store.interface import Transaction
from reactiond.store.sqlite.store import SqliteStore

NOW = 1_800_000_000.0


async def test_a_row_left_sending_goes_back_to_pending(store: SqliteStore) -> None:
    reply = await store.write(
        lambda tx: outbox.queue_text(
            tx, dedupe_key="k0", instance="demo", destination="111", text="hola", now=NOW
        )
    )
    assert reply is not None

    def claim(tx: Transaction) -> bool:
        row = outbox.get(tx, reply)
        assert row is not None
        return outbox.claim_for_sending(tx, row, "maybe sent", NOW + 60, NOW, None)

    assert await store.write(claim)
    assert await store.read(outbox.counts) == {"sending": 1}
    assert await store.write(lambda tx: outbox.resume_interrupted(tx, NOW)) == 1
    assert await store.read(outbox.counts) == {"pending": 1}
