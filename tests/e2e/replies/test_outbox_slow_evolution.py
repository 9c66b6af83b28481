"""Replies are not sent twice because Evolution was slow (issue 12, item 4).

Reproduced on main: Evolution answering after 15 s against a 3 s timeout turned 10
replies into 20 accepted sends. A send that times out is "maybe sent": before sending it
again, the sender asks Evolution (findMessages) whether the message exists."""

from __future__ import annotations

from reactiond.app import Daemon
from reactiond.store import outbox
from tests.e2e.replies.conftest import Clock, DaemonFactory, wait_until
from tests.fake_evolution import FakeEvolution

INSTANCE = "reactiond-demo"
CHATS = ("5215511111111", "5215522222222", "5215533333333")


async def _queue_replies(daemon: Daemon, n: int) -> list[str]:
    texts = [f"✅ Tarea creada: número {i}" for i in range(n)]
    now = daemon.clock()

    def write(tx: object) -> None:
        for i, text in enumerate(texts):
            outbox.queue_text(
                tx,  # type: ignore[arg-type]
                dedupe_key=f"k{i}",
                instance=INSTANCE,
                destination=CHATS[i % len(CHATS)],
                text=text,
                now=now,
            )

    await daemon.store.write(write)
    return texts


async def _all_sent(daemon: Daemon, n: int) -> bool:
    return await daemon.store.read(outbox.counts) == {"sent": n}


async def test_sends_that_time_out_are_looked_up_not_sent_again(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    fake.slow_sends(0.4)  # every send answers after the client gave up, and goes out
    daemon = await make_daemon(evolution_send_timeout_seconds=0.25)
    texts = await _queue_replies(daemon, 10)
    await wait_until(lambda: _all_sent(daemon, 10), what="all 10 replies sent")
    assert sorted(fake.texts) == sorted(texts)  # each accepted by Evolution exactly once
    rows = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    assert all(r.attempts >= 2 for r in rows)  # each went through the "maybe sent" path
    sent_ids = {r.sent_message_id for r in rows}
    assert sent_ids == {s for s in fake.messages if s.startswith("3EB0FAKE")}
    lookups = [r for r in fake.requests if r.path.startswith("/chat/findMessages")]
    assert len(lookups) >= 10


async def test_a_slow_answer_within_the_send_timeout_is_one_attempt(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    fake.slow_sends(0.3)  # slower than the other calls' timeout, within the send timeout
    daemon = await make_daemon(evolution_timeout_seconds=0.1, evolution_send_timeout_seconds=5)
    texts = await _queue_replies(daemon, 3)
    await wait_until(lambda: _all_sent(daemon, 3), what="all 3 replies sent")
    assert sorted(fake.texts) == sorted(texts)
    rows = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    assert [r.attempts for r in rows] == [1, 1, 1]


async def test_a_timed_out_send_evolution_does_not_have_is_sent_again(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    fake.saves_sent = False  # Evolution's message saving off: nothing to find
    fake.slow_sends(0.4)
    daemon = await make_daemon(evolution_send_timeout_seconds=0.25)
    await _queue_replies(daemon, 1)
    await wait_until(
        lambda: _attempts_at_least(daemon, 2), what="a second attempt after the lookup"
    )
    fake.healthy()
    await wait_until(lambda: _all_sent(daemon, 1), what="the reply sent")
    lookups = [r for r in fake.requests if r.path.startswith("/chat/findMessages")]
    assert lookups  # asked before sending again


async def test_while_evolution_cannot_be_asked_nothing_is_sent_again(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    fake.slow_sends(0.4)
    daemon = await make_daemon(evolution_send_timeout_seconds=0.25)
    await _queue_replies(daemon, 1)
    await fake.wait_for_sends(1)  # accepted (and saved) after the client gave up
    fake.failing(503)  # the lookups fail from now on
    await wait_until(lambda: _lookups_at_least(fake, 2), what="two failed lookups")
    rows = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    assert rows[0].status in ("pending", "sending")  # `sending`: claimed for a lookup
    assert rows[0].last_error is not None and rows[0].last_error.startswith("maybe sent at")
    fake.healthy()
    await wait_until(lambda: _all_sent(daemon, 1), what="the reply found sent")
    assert len([r for r in fake.requests if r.path.startswith("/message/")]) == 1


async def _attempts_at_least(daemon: Daemon, n: int) -> bool:
    rows = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    return bool(rows) and rows[0].attempts >= n


async def _lookups_at_least(fake: FakeEvolution, n: int) -> bool:
    return len([r for r in fake.requests if r.path.startswith("/chat/findMessages")]) >= n


async def test_a_send_cut_by_a_stop_is_looked_up_after_the_restart(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    clock = Clock()
    fake.slow_sends(6.0)  # longer than the stop's grace (evolution timeout + 5 s)
    values = {"evolution_timeout_seconds": 0.1, "evolution_send_timeout_seconds": 30}
    daemon = await make_daemon(clock=clock, **values)
    await _queue_replies(daemon, 1)
    await fake.wait_for_requests(1)
    await daemon.stop()  # the grace runs out with the send in flight
    await fake.wait_for_sends(1)  # Evolution sent it all the same
    clock.advance(120)  # past the wait before asking
    fake.healthy()
    again = await make_daemon(clock=clock, **values)
    # The restarted sender may find the reply before a read here could see it "maybe
    # sent", so the proof is what it asked Evolution and what it did not send again.
    await wait_until(lambda: _all_sent(again, 1), what="the reply found sent")
    assert await _lookups_at_least(fake, 1)
    assert len([r for r in fake.requests if r.path.startswith("/message/")]) == 1
    [row] = await again.store.read(lambda tx: outbox.list_rows(tx))
    assert row.attempts == 2 and row.sent_message_id in fake.messages
