"""A record the person was told about always gets its "cancelled" reply when the reaction
is removed, even when its confirmation was still in flight at that moment; a
confirmation withdrawn before it left is followed by nothing (issue 6 §3)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from reactiond.app import Daemon
from tests import store_reads
from tests.e2e.records.conftest import ES_MESSAGE, OWNER_REACTION, reaction, text_message
from tests.e2e.replies.conftest import DaemonFactory, wait_until
from tests.e2e.replies.test_replies_end_to_end import post, react, sent_now
from tests.fake_evolution import FakeEvolution


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
    fake.slow(
        0.6
    )  # (under the 1 s timeout) the confirmation is still in flight while the reaction is removed
    message = note_message("FLIGHT-1")
    await react(daemon, OWNER_REACTION, message, "📝", "R-FLIGHT-1")
    await fake.wait_for_requests(1)
    await remove(daemon, message, "R-FLIGHT-2")
    await wait_until(lambda: cancelled_in_store(daemon))
    assert fake.sends == []  # the confirmation has not been answered yet
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
    fake.healthy()
    await asyncio.sleep(0.5)  # several sender rounds (backoff at most 0.05 s here)
    assert fake.sends == []
    rows = await store_reads.replies(daemon.store)
    assert [(r.dedupe_key.split(":")[0], r.status) for r in rows] == [
        ("action", "cancelled"),
        ("cancel", "cancelled"),  # held: its confirmation never went out
    ]


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
