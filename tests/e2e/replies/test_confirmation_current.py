"""A confirmation that waited for Evolution says what the record is when it leaves, not
what it was when it was queued (issue 16 item 2)."""

from __future__ import annotations

from typing import Any

import aiohttp

from reactiond.app import Daemon
from tests import store_reads
from tests.e2e.records.conftest import ES_MESSAGE, OWNER_REACTION, text_message
from tests.e2e.replies.conftest import DaemonFactory, wait_until
from tests.e2e.replies.test_replies_end_to_end import react, sent_now
from tests.fake_evolution import FakeEvolution


async def patch(daemon: Daemon, path: str, body: dict[str, Any]) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.patch(f"http://127.0.0.1:{daemon.port}{path}", json=body) as resp,
    ):
        assert resp.status == 200, await resp.text()


async def _tried_once(daemon: Daemon) -> bool:
    replies = await store_reads.replies(daemon.store)
    return any(r.dedupe_key.startswith("action:") and r.attempts >= 1 for r in replies)


async def _task_id(daemon: Daemon) -> int:
    [task, *_] = await store_reads.records(daemon.store, "tasks")
    return int(task["id"])


async def test_a_confirmation_queued_while_evolution_was_down_shows_the_new_due(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    await fake.down()
    daemon = await make_daemon()
    message = sent_now(text_message(ES_MESSAGE, "ES-STALE-1", "Pagar la luz el 15 de enero"))
    await react(daemon, OWNER_REACTION, message, "✅", "R-STALE-1")
    await wait_until(lambda: _tried_once(daemon), what="the confirmation tried and refused")
    task = f"/api/tasks/{await _task_id(daemon)}"
    await patch(daemon, task, {"status": "done"})
    await patch(daemon, task, {"status": "open"})
    await patch(daemon, task, {"due": "2026-12-24T18:00"})
    await fake.up()
    [sent] = await fake.wait_for_sends(1)
    text = sent.body["text"]
    assert text.startswith("✅ Tarea creada: Pagar la luz"), text
    assert "24 de dic" in text and "6:00" in text, text
    assert "15 de ene" not in text


async def test_a_task_done_before_its_confirmation_left_says_so(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    await fake.down()
    daemon = await make_daemon()
    message = sent_now(text_message(ES_MESSAGE, "ES-STALE-2", "Pagar la luz el 15 de enero"))
    await react(daemon, OWNER_REACTION, message, "✅", "R-STALE-2")
    await wait_until(lambda: _tried_once(daemon), what="the confirmation tried and refused")
    await patch(daemon, f"/api/tasks/{await _task_id(daemon)}", {"status": "done"})
    await fake.up()
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["text"].endswith("\n☑️ Ya está hecha."), sent.body["text"]


async def test_a_task_cancelled_before_its_confirmation_left_withdraws_it(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    await fake.down()
    daemon = await make_daemon()
    message = sent_now(text_message(ES_MESSAGE, "ES-STALE-3", "Pagar la luz el 15 de enero"))
    await react(daemon, OWNER_REACTION, message, "✅", "R-STALE-3")
    await wait_until(lambda: _tried_once(daemon), what="the confirmation tried and refused")
    await patch(daemon, f"/api/tasks/{await _task_id(daemon)}", {"status": "cancelled"})
    [row, *_] = await store_reads.replies(daemon.store)
    assert row.status == "cancelled"
