from __future__ import annotations

import dataclasses
import functools

import pytest

from reactiond.store import events, outbox
from reactiond.store.interface import Store, Transaction
from reactiond.store.records_query import record_row
from tests.store.contract.support import a_record

NOW = 1_800_000_000.0


def _text(tx: Transaction, key: str, dest: str = "5215512345678", text: str = "hola") -> int | None:
    return outbox.queue_text(
        tx, dedupe_key=key, instance="demo", destination=dest, text=text, now=NOW
    )


async def test_queueing_the_same_reply_twice_keeps_one_row(store: Store) -> None:
    first = await store.write(lambda tx: _text(tx, "action:1:created"))
    again = await store.write(lambda tx: _text(tx, "action:1:created"))
    assert first is not None
    assert again is None
    assert await store.read(outbox.counts) == {"pending": 1}


async def test_an_empty_reply_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="needs text"):
        await store.write(lambda tx: _text(tx, "k", text="  "))


async def test_only_the_head_of_each_chat_is_claimed(store: Store) -> None:
    for i, dest in enumerate(["111", "111", "222"]):
        await store.write(functools.partial(_text, key=f"k{i}", dest=dest))
    heads = await store.read(lambda tx: outbox.due_heads(tx, NOW, busy=(), limit=10))
    assert [(r.destination, r.dedupe_key) for r in heads] == [("111", "k0"), ("222", "k2")]


async def test_a_chat_in_flight_is_not_claimed_again(store: Store) -> None:
    await store.write(lambda tx: _text(tx, "k0", dest="111"))
    heads = await store.read(lambda tx: outbox.due_heads(tx, NOW, busy={("demo", "111")}, limit=10))
    assert heads == []


async def test_a_head_waiting_for_retry_holds_back_its_chat(store: Store) -> None:
    await store.write(lambda tx: _text(tx, "k0", dest="111"))
    await store.write(lambda tx: _text(tx, "k1", dest="111"))
    [head] = await store.read(lambda tx: outbox.due_heads(tx, NOW, busy=(), limit=10))
    attempt = dataclasses.replace(head, attempts=1)
    await store.write(lambda tx: outbox.mark_retry(tx, attempt, "503", NOW + 60, NOW))
    assert await store.read(lambda tx: outbox.due_heads(tx, NOW + 1, busy=(), limit=10)) == []
    assert await store.read(outbox.next_due) == NOW + 60
    [second, first] = await store.read(lambda tx: outbox.list_rows(tx, status="pending"))
    assert first.attempts == 1 and second.attempts == 0


async def test_a_sent_reply_gives_the_next_due_row_of_its_chat(store: Store) -> None:
    for i, dest in enumerate(["111", "222", "111"]):
        await store.write(functools.partial(_text, key=f"k{i}", dest=dest))
    [head, _] = await store.read(lambda tx: outbox.due_heads(tx, NOW, busy=(), limit=10))
    sent = dataclasses.replace(head, attempts=1)
    following = await store.write(
        lambda tx: outbox.mark_sent_then_next_in_chat(tx, sent, "WA-1", NOW + 1)
    )
    assert following is not None and (following.destination, following.dedupe_key) == (
        "111",
        "k2",
    )
    assert (await store.read(lambda tx: outbox.get(tx, head.id))).status == "sent"  # type: ignore[union-attr]


async def test_a_dead_reply_gives_the_next_row_of_its_chat_only_when_due(store: Store) -> None:
    for i in range(3):
        await store.write(functools.partial(_text, key=f"k{i}", dest="111"))
    first, second, _ = await store.read(
        lambda tx: sorted(outbox.list_rows(tx, status="pending"), key=lambda r: r.id)
    )
    await store.write(
        lambda tx: outbox.mark_retry(
            tx, dataclasses.replace(second, attempts=1), "503", NOW + 60, NOW
        )
    )
    dead = dataclasses.replace(first, attempts=1)
    following = await store.write(
        lambda tx: outbox.mark_dead_then_next_in_chat(tx, dead, "400 rejected", NOW + 1)
    )
    assert following is None  # the second waits for its retry; the third waits behind it
    assert (await store.read(lambda tx: outbox.get(tx, first.id))).status == "dead"  # type: ignore[union-attr]


async def test_the_senders_look_is_the_heads_and_the_next_due_in_one_read(store: Store) -> None:
    """The chat whose head waits for a retry gives the timer; the due chat is a head."""
    await store.write(lambda tx: _text(tx, "k0", dest="111"))
    await store.write(lambda tx: _text(tx, "k1", dest="222"))
    [waiting, _] = await store.read(lambda tx: outbox.due_heads(tx, NOW, busy=(), limit=10))
    attempt = dataclasses.replace(waiting, attempts=1)
    await store.write(lambda tx: outbox.mark_retry(tx, attempt, "503", NOW + 60, NOW))
    heads, due = await store.read(
        lambda tx: outbox.due_heads_and_next_due(tx, NOW + 1, busy=(), limit=10)
    )
    assert ([r.destination for r in heads], due) == (["222"], NOW + 60)
    busy = {("demo", "222")}
    heads, due = await store.read(
        lambda tx: outbox.due_heads_and_next_due(tx, NOW + 1, busy=busy, limit=10)
    )
    assert (heads, due) == ([], NOW + 60)
    full, none = await store.read(
        lambda tx: outbox.due_heads_and_next_due(tx, NOW + 1, busy=(), limit=1)
    )
    assert ([r.destination for r in full], none) == (["222"], None)  # all taken: look again


async def test_subscribers_wake_after_a_reply_is_committed(store: Store) -> None:
    woken: list[str] = []
    store.subscribe(outbox.TOPIC, lambda: woken.append("outbox"))
    store.subscribe(events.TOPIC, lambda: woken.append("events"))
    await store.write(lambda tx: _text(tx, "k0"))
    assert woken == ["outbox"]


async def test_a_dead_reply_is_logged_for_the_stream(store: Store) -> None:
    await store.write(lambda tx: _text(tx, "k0"))
    [row] = await store.read(lambda tx: outbox.due_heads(tx, NOW, busy=(), limit=1))
    await store.write(lambda tx: outbox.mark_dead(tx, row, "400 not on WhatsApp", NOW))
    [event] = await store.read(lambda tx: events.events_after(tx, 0))
    assert event.type == "reply.dead"
    assert event.data["error"] == "400 not on WhatsApp"


async def test_prune_keeps_the_newest_events(store: Store) -> None:
    for i in range(5):
        await store.write(
            functools.partial(events.log_event, type_="record.created", data={"i": i}, now=NOW)
        )
    await store.write(lambda tx: events.prune(tx, keep_rows=2, max_age_seconds=3600, now=NOW))
    kept = await store.read(lambda tx: events.events_after(tx, 0))
    assert [e.data["i"] for e in kept] == [3, 4]


async def test_prune_drops_events_older_than_the_age_limit(store: Store) -> None:
    await store.write(lambda tx: events.log_event(tx, "record.created", {"i": 0}, NOW - 7200))
    await store.write(lambda tx: events.log_event(tx, "record.created", {"i": 1}, NOW))
    await store.write(lambda tx: events.prune(tx, keep_rows=100, max_age_seconds=3600, now=NOW))
    assert [e.data["i"] for e in await store.read(lambda tx: events.events_after(tx, 0))] == [1]


async def test_a_job_that_dies_is_announced_on_the_stream(store: Store) -> None:
    from reactiond.domain import NewJob

    await store.enqueue(NewJob(kind="reaction", payload={}, max_attempts=1), NOW)
    job = await store.claim_next_job(["reaction"], "w", 60, NOW)
    assert job is not None
    await store.fail_job(job, "w", "GiveUp: no such reaction", None, NOW)
    [event] = await store.read(lambda tx: events.events_after(tx, 0))
    assert event.type == "job.failed"
    assert event.data == {
        "job_id": job.id,
        "kind": "reaction",
        "attempts": 1,
        "error": "GiveUp: no such reaction",
    }


async def test_a_job_that_will_retry_is_not_announced(store: Store) -> None:
    from reactiond.domain import NewJob

    await store.enqueue(NewJob(kind="reaction", payload={}, max_attempts=3), NOW)
    job = await store.claim_next_job(["reaction"], "w", 60, NOW)
    assert job is not None
    await store.fail_job(job, "w", "503", NOW + 5, NOW)
    assert await store.read(lambda tx: events.events_after(tx, 0)) == []


async def test_cancel_unsent_drops_only_the_waiting_replies_of_that_action(
    store: Store,
) -> None:
    note = await a_record(store, "n", "notes", title="x", body="x")

    def setup(tx: Transaction) -> int:
        row = record_row(tx, "notes", note)
        assert row is not None
        action_id = int(row["action_id"])
        for key, action in (("mine", action_id), ("other", None)):
            outbox.queue_text(
                tx,
                dedupe_key=key,
                instance="demo",
                destination="111",
                text="hola",
                now=NOW,
                action_id=action,
            )
        return action_id

    action_id = await store.write(setup)
    assert await store.write(lambda tx: outbox.cancel_unsent(tx, action_id, NOW)) == 1
    assert await store.read(outbox.counts) == {"cancelled": 1, "pending": 1}


async def test_retry_now_revives_a_dead_reply(store: Store) -> None:
    await store.write(lambda tx: _text(tx, "k0"))
    [row] = await store.read(lambda tx: outbox.due_heads(tx, NOW, busy=(), limit=1))
    await store.write(lambda tx: outbox.mark_dead(tx, row, "400", NOW))
    revived = await store.write(lambda tx: outbox.retry_now(tx, row.id, NOW + 10))
    assert revived is not None and revived.status == "pending"
    assert revived.next_attempt_at == NOW + 10
    assert await store.write(lambda tx: outbox.retry_now(tx, 12345, NOW)) is None
