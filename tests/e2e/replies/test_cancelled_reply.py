"""A record the person was told about always gets its "cancelled" reply when the reaction
is removed, even when its confirmation was still in flight at that moment; a
confirmation withdrawn before it left is followed by nothing (issue 6 §3)."""

from __future__ import annotations

import time
from typing import Any

from reactiond.app import Daemon
from tests import store_reads
from tests.e2e.records.conftest import ES_MESSAGE, OWNER_REACTION, reaction, text_message
from tests.e2e.replies.conftest import DaemonFactory, wait_until
from tests.e2e.replies.test_replies_end_to_end import post, react, sent_now
from tests.fake_evolution import FakeEvolution
from tests.waiting import eventually


def note_message(message_id: str) -> dict[str, Any]:
    return sent_now(text_message(ES_MESSAGE, message_id, "Idea: menú de temporada con mango"))


async def remove(daemon: Daemon, message: dict[str, Any], rid: str) -> None:
    await post(daemon, reaction(message, "", rid, sent_ms=int(time.time() * 1000) + 1000))


async def cancelled_in_store(daemon: Daemon) -> bool:
    notes = await store_reads.records(daemon.store, "notes")
    return any(n["status"] == "cancelled" for n in notes)


async def test_confirmation_in_flight_when_removed_is_followed_by_the_cancelled_reply(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    fake.hold_sends()  # the confirmation stays in flight while the reaction is removed
    message = note_message("FLIGHT-1")
    await react(daemon, OWNER_REACTION, message, "📝", "R-FLIGHT-1")
    await fake.wait_for_requests(1)
    await remove(daemon, message, "R-FLIGHT-2")
    await wait_until(lambda: cancelled_in_store(daemon))
    assert fake.sends == []  # the confirmation has not been answered yet
    fake.release_sends()
    sends = await fake.wait_for_sends(2, within=10.0)
    assert sends[0].body["text"].startswith("📝 ")
    assert sends[1].body["text"].startswith("↩️ Cancelado: ")
    assert sends[0].body["number"] == sends[1].body["number"]


async def test_confirmation_withdrawn_before_it_left_is_followed_by_nothing(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    fake.failing(503)  # the confirmation cannot leave yet
    message = note_message("WITHDRAWN-1")
    await react(daemon, OWNER_REACTION, message, "📝", "R-WITHDRAWN-1")
    await fake.wait_for_requests(1)
    await remove(daemon, message, "R-WITHDRAWN-2")
    await wait_until(lambda: cancelled_in_store(daemon))
    # A later note in the same chat: once Evolution has been asked to send ITS confirmation,
    # every attempt at the withdrawn one has been answered (503). A chat's replies go one
    # at a time, so an attempt that read the confirmation before it was withdrawn cannot
    # still be on its way when Evolution is healthy again.
    later = sent_now(text_message(ES_MESSAGE, "WITHDRAWN-3", "Idea: playlist para la cena"))
    await react(daemon, OWNER_REACTION, later, "📝", "R-WITHDRAWN-3")
    await eventually(
        lambda: asks_to_send(fake, "Playlist"), what="Evolution asked for the later reply"
    )
    fake.healthy()
    # Replies leave in order per chat: had the withdrawn confirmation (or its "cancelled")
    # been left to send, it would have gone before the later one.
    sends = await fake.wait_for_sends(1)
    assert len(sends) == 1 and "Playlist" in sends[0].body["text"], [s.body for s in sends]
    assert await eventually(
        lambda: replies_settled(daemon), what="the later reply marked sent"
    ) == [
        ("action", "cancelled"),
        ("cancel", "cancelled"),  # held: its confirmation never went out
        ("action", "sent"),
    ]


async def replies_settled(daemon: Daemon) -> list[tuple[str, str]]:
    """Each reply's kind and status, once none is pending (else nothing)."""
    rows = await store_reads.replies(daemon.store)
    if any(r.status in ("pending", "sending") for r in rows):  # "sending": asked, not yet marked
        return []
    return [(r.dedupe_key.split(":")[0], r.status) for r in rows]


async def asks_to_send(fake: FakeEvolution, words: str) -> bool:
    """Evolution was asked (whatever it answered) to send a text holding `words`."""
    texts = [r.body.get("text", "") for r in fake.requests if isinstance(r.body, dict)]
    return any(words in str(text) for text in texts)


async def test_confirmation_sent_before_removal_gets_the_cancelled_reply(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = note_message("SENT-1")
    await react(daemon, OWNER_REACTION, message, "📝", "R-SENT-1")
    await fake.wait_for_sends(1)
    await remove(daemon, message, "R-SENT-2")
    sends = await fake.wait_for_sends(2)
    assert [s.body["text"][:2] for s in sends] == ["📝 ", "↩️"]
