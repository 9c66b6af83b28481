from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from reactiond.store import events, outbox
from reactiond.store.interface import Transaction
from reactiond.store.sqlite.store import SqliteStore

NOW = 1_800_000_000.0


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    st = SqliteStore(tmp_path / "r.db")
    await st.open()
    yield st
    await st.close()


def _text(tx: Transaction, key: str, dest: str = "5215512345678", text: str = "hola") -> int | None:
    return outbox.queue_text(
        tx, dedupe_key=key, instance="demo", destination=dest, text=text, now=NOW
    )


async def test_queueing_the_same_reply_twice_keeps_one_row(store: SqliteStore) -> None:
    first = await store.write(lambda tx: _text(tx, "action:1:created"))
    again = await store.write(lambda tx: _text(tx, "action:1:created"))
    assert first is not None
    assert again is None
    assert await store.read(outbox.counts) == {"pending": 1}


async def test_an_empty_reply_is_refused(store: SqliteStore) -> None:
    with pytest.raises(ValueError, match="needs text"):
        await store.write(lambda tx: _text(tx, "k", text="  "))


async def test_only_the_head_of_each_chat_is_claimed(store: SqliteStore) -> None:
    for i, dest in enumerate(["111", "111", "222"]):
        await store.write(lambda tx, i=i, dest=dest: _text(tx, f"k{i}", dest=dest))
    claimed = await store.write(lambda tx: outbox.claim_heads(tx, NOW, busy=(), limit=10))
    assert [(r.destination, r.dedupe_key) for r in claimed] == [("111", "k0"), ("222", "k2")]
    assert all(r.status == "sending" and r.attempts == 1 for r in claimed)


async def test_a_chat_in_flight_is_not_claimed_again(store: SqliteStore) -> None:
    await store.write(lambda tx: _text(tx, "k0", dest="111"))
    claimed = await store.write(
        lambda tx: outbox.claim_heads(tx, NOW, busy={("demo", "111")}, limit=10)
    )
    assert claimed == []


async def test_a_head_waiting_for_retry_holds_back_its_chat(store: SqliteStore) -> None:
    await store.write(lambda tx: _text(tx, "k0", dest="111"))
    await store.write(lambda tx: _text(tx, "k1", dest="111"))
    [head] = await store.write(lambda tx: outbox.claim_heads(tx, NOW, busy=(), limit=10))
    await store.write(lambda tx: outbox.mark_retry(tx, head.id, "503", NOW + 60, NOW))
    assert await store.write(lambda tx: outbox.claim_heads(tx, NOW + 1, busy=(), limit=10)) == []
    assert await store.read(outbox.next_due) == NOW + 60


async def test_subscribers_wake_after_a_reply_is_committed(store: SqliteStore) -> None:
    woken: list[str] = []
    store.subscribe(outbox.TOPIC, lambda: woken.append("outbox"))
    store.subscribe(events.TOPIC, lambda: woken.append("events"))
    await store.write(lambda tx: _text(tx, "k0"))
    assert woken == ["outbox"]


async def test_a_dead_reply_is_logged_for_the_stream(store: SqliteStore) -> None:
    await store.write(lambda tx: _text(tx, "k0"))
    [row] = await store.write(lambda tx: outbox.claim_heads(tx, NOW, busy=(), limit=1))
    await store.write(lambda tx: outbox.mark_dead(tx, row, "400 not on WhatsApp", NOW))
    [event] = await store.read(lambda tx: events.events_after(tx, 0))
    assert event.type == "reply.dead"
    assert event.data["error"] == "400 not on WhatsApp"


async def test_an_interrupted_send_goes_back_to_pending(store: SqliteStore) -> None:
    await store.write(lambda tx: _text(tx, "k0"))
    await store.write(lambda tx: outbox.claim_heads(tx, NOW, busy=(), limit=1))
    assert await store.write(lambda tx: outbox.resume_interrupted(tx, NOW)) == 1
    assert await store.read(outbox.counts) == {"pending": 1}


async def test_prune_keeps_the_newest_events(store: SqliteStore) -> None:
    for i in range(5):
        await store.write(lambda tx, i=i: events.log_event(tx, "record.created", {"i": i}, NOW))
    await store.write(lambda tx: events.prune(tx, keep_rows=2, max_age_seconds=3600, now=NOW))
    kept = await store.read(lambda tx: events.events_after(tx, 0))
    assert [e.data["i"] for e in kept] == [3, 4]


async def test_prune_drops_events_older_than_the_age_limit(store: SqliteStore) -> None:
    await store.write(lambda tx: events.log_event(tx, "record.created", {"i": 0}, NOW - 7200))
    await store.write(lambda tx: events.log_event(tx, "record.created", {"i": 1}, NOW))
    await store.write(lambda tx: events.prune(tx, keep_rows=100, max_age_seconds=3600, now=NOW))
    assert [e.data["i"] for e in await store.read(lambda tx: events.events_after(tx, 0))] == [1]
