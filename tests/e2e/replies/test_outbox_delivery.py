"""The outbox sender against the fake Evolution, inside a real daemon."""

from __future__ import annotations

from reactiond.app import Daemon
from reactiond.engine.outbox import MAX_IDLE_SLEEP
from reactiond.store import events, outbox
from tests.e2e.replies.conftest import DaemonFactory, crash, sender_idle, wait_until
from tests.fake_evolution import FakeEvolution

INSTANCE = "reactiond-demo"


async def queue(daemon: Daemon, key: str, destination: str, text: str) -> None:
    now = daemon.clock()
    await daemon.store.write(
        lambda tx: outbox.queue_text(
            tx, dedupe_key=key, instance=INSTANCE, destination=destination, text=text, now=now
        )
    )


async def counts(daemon: Daemon) -> dict[str, int]:
    return await daemon.store.read(outbox.counts)


async def all_settled(daemon: Daemon, n: int) -> bool:
    c = await counts(daemon)
    return c.get("sent", 0) + c.get("dead", 0) == n


async def test_a_queued_reply_is_sent_at_once_without_polling(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    await sender_idle(daemon)  # waiting on its (30 s) timer
    await queue(daemon, "k1", "5215512345678", "✅ Tarea creada: Llamar")
    # Only the commit's wake-up can deliver it before the idle timer: no wall-clock
    # latency bound (a loaded machine stretches that), a deadline well inside the timer.
    [sent] = await fake.wait_for_sends(1, within=MAX_IDLE_SLEEP / 3)
    assert sent.body == {
        "number": "5215512345678",
        "text": "✅ Tarea creada: Llamar",
        "linkPreview": False,
    }


async def test_a_sent_reply_keeps_evolutions_message_id(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    await queue(daemon, "k1", "5215512345678", "hola")
    await wait_until(lambda: all_settled(daemon, 1))
    [row] = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    assert row.status == "sent" and row.attempts == 1
    assert row.sent_message_id is not None and row.sent_message_id.startswith("3EB0FAKE")


async def test_evolution_down_for_a_while_then_back_delivers_everything_once_in_order(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    await fake.down()
    daemon = await make_daemon()
    for i in range(5):
        await queue(daemon, f"a{i}", "111", f"a{i}")
        await queue(daemon, f"b{i}", "222", f"b{i}")
    await wait_until(
        lambda: _heads_tried_at_least(daemon, 2),
        what="both chats' first replies tried twice against the closed port",
    )
    unsent = await counts(daemon)  # a head may be `sending`: claimed for its next try
    assert set(unsent) <= {"pending", "sending"} and sum(unsent.values()) == 10, unsent
    await fake.up()
    await wait_until(lambda: all_settled(daemon, 10), what="all 10 replies settled")
    assert [t for t in fake.texts if t.startswith("a")] == [f"a{i}" for i in range(5)]
    assert [t for t in fake.texts if t.startswith("b")] == [f"b{i}" for i in range(5)]
    assert len(fake.texts) == 10
    assert await counts(daemon) == {"sent": 10}


async def test_5xx_answers_are_retried_until_evolution_recovers(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    fake.failing(503, times=3)
    daemon = await make_daemon()
    await queue(daemon, "k1", "111", "hola")
    await wait_until(lambda: all_settled(daemon, 1))
    [row] = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    assert row.status == "sent" and row.attempts == 4
    assert fake.texts == ["hola"]


async def test_a_timeout_is_retried(make_daemon: DaemonFactory, fake: FakeEvolution) -> None:
    fake.slow(0.5)
    daemon = await make_daemon(evolution_send_timeout_seconds=0.1)
    await queue(daemon, "k1", "111", "hola")
    await wait_until(lambda: _attempts_at_least(daemon, 2), what="two timed-out attempts")
    fake.healthy()
    await wait_until(lambda: all_settled(daemon, 1))
    [row] = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    assert row.status == "sent"


async def _heads_tried_at_least(daemon: Daemon, n: int) -> bool:
    rows = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    return sum(1 for r in rows if r.attempts >= n) == 2


async def _attempts_at_least(daemon: Daemon, n: int) -> bool:
    rows = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    return bool(rows) and rows[0].attempts >= n


async def test_a_permanent_4xx_is_dead_with_its_reason_and_announced(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    fake.refuse_numbers.add("5215500000000")
    daemon = await make_daemon()
    await queue(daemon, "k1", "5215500000000", "hola")
    await wait_until(lambda: all_settled(daemon, 1))
    [row] = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    assert row.status == "dead" and row.attempts == 1
    assert row.last_error == "400 rejected: 5215500000000 is not on WhatsApp"
    [event] = await daemon.store.read(lambda tx: events.events_after(tx, 0))
    assert event.type == "reply.dead" and event.data["outbox_id"] == row.id


async def test_a_dead_reply_does_not_block_the_next_one_to_the_same_chat(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    fake.failing(400, times=1)
    daemon = await make_daemon()
    await queue(daemon, "k1", "111", "first")
    await queue(daemon, "k2", "111", "second")
    await wait_until(lambda: all_settled(daemon, 2))
    assert await counts(daemon) == {"dead": 1, "sent": 1}
    assert fake.texts == ["second"]


async def test_a_refused_api_key_keeps_the_reply_waiting(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(evolution_api_key="wrong")
    await queue(daemon, "k1", "111", "hola")
    await wait_until(lambda: _attempts_at_least(daemon, 2))
    [row] = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    assert row.status in ("pending", "sending")
    assert row.last_error is not None and "unauthorized" in row.last_error


async def test_a_reply_still_failing_after_the_give_up_time_is_dead(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    await fake.down()
    daemon = await make_daemon(outbox_give_up_hours=0.0001)  # 0.36 s
    await queue(daemon, "k1", "111", "hola")
    await wait_until(lambda: all_settled(daemon, 1))
    [row] = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    assert row.status == "dead"
    assert row.last_error is not None and row.last_error.startswith("gave up after")


async def test_a_send_interrupted_by_a_crash_is_looked_up_not_sent_again(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    """Issue 18: Evolution got the request and the process died before `sent` was
    committed. The row was claimed (`sending`, "maybe sent at …") in a commit before the
    request left, so the next start asks Evolution (findMessages) and finds it: sent once.
    Failed before the claim: the next start sent it again (["hola", "hola"])."""
    fake.slow(0.3)  # the request arrives; its answer (and the send) comes after the crash
    daemon = await make_daemon(evolution_send_timeout_seconds=0.5)
    await queue(daemon, "k1", "111", "hola")
    await fake.wait_for_requests(1)
    await crash(daemon)
    fake.healthy()
    again = await make_daemon(evolution_send_timeout_seconds=0.5)
    await wait_until(lambda: all_settled(again, 1))
    assert await counts(again) == {"sent": 1}
    sends = [r.body["text"] for r in fake.requests if r.path.startswith("/message/")]
    assert sends == ["hola"]
    assert [r for r in fake.requests if r.path.startswith("/chat/findMessages")]
