"""Replies to a person known only by LID go to a JID Evolution accepts (issue 13 §2):
≥2.3.6 sends to `…@lid`; before, Evolution answers `exists: false`, and the reply waits
for the person's phone number instead of dying."""

from __future__ import annotations

import copy
import json
from typing import Any

import aiohttp

from reactiond.app import Daemon
from reactiond.store import outbox
from tests.e2e.replies.conftest import DaemonFactory, wait_until
from tests.fake_evolution import FakeEvolution
from tests.fixtures import INSTANCE, fixture

LID = "190000000000002@lid"
TEXT_ID = "3A1E2D3C4B5A69788796"


def lid_only(payload: dict[str, Any]) -> dict[str, Any]:
    p = copy.deepcopy(payload)
    p["data"]["key"].pop("remoteJidAlt", None)
    return p


def lid_only_reaction() -> dict[str, Any]:
    """Lucía, known only by her LID, ✅ on her own LID-addressed message."""
    p = lid_only(fixture("messages.upsert.reaction-lid"))
    inner = p["data"]["message"]["reactionMessage"]
    inner["key"] = {"remoteJid": LID, "fromMe": False, "id": TEXT_ID}
    inner["text"] = "✅"
    return p


async def post(daemon: Daemon, payload: dict[str, Any]) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"http://127.0.0.1:{daemon.port}/webhook/{INSTANCE}",
            data=json.dumps(payload).encode(),
            headers={"X-Reactiond-Secret": "test-secret-0123456789"},
        ) as resp,
    ):
        assert resp.status == 200, await resp.text()


async def reply_row(daemon: Daemon) -> outbox.OutboxRow | None:
    rows = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    return rows[0] if rows else None


async def test_a_lid_only_reactor_is_answered_at_their_lid_on_2_3_6(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    await post(daemon, lid_only(fixture("messages.upsert.text-lid")))
    await post(daemon, lid_only_reaction())
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["number"] == LID  # the whole JID: digits alone would be a phone number


async def test_before_2_3_6_the_reply_waits_for_the_phone_number(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    fake.sends_to_lid = False  # Evolution ≤2.3.5: a LID is "not on WhatsApp"
    daemon = await make_daemon()
    await post(daemon, lid_only(fixture("messages.upsert.text-lid")))
    await post(daemon, lid_only_reaction())

    async def refused_once() -> bool:
        row = await reply_row(daemon)
        return row is not None and row.attempts >= 1 and row.status != "sending"

    await wait_until(refused_once, what="the reply tried at the LID")
    row = await reply_row(daemon)
    assert row is not None and row.status == "pending"
    assert row.last_error is not None and "waiting for the phone number" in row.last_error
    # A message carrying both identities: the reply moves to the phone number and goes.
    await post(daemon, fixture("messages.upsert.text-lid"))
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["number"] == "5215587654321"

    async def sent_row() -> bool:
        row = await reply_row(daemon)
        return row is not None and row.status == "sent"

    await wait_until(sent_row, what="the reply marked sent")
