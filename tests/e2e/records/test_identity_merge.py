"""A contact first seen by phone JID, then by LID, then by both, stays one person and is
never locked out (issue 12 §2)."""

from __future__ import annotations

import copy
import json
from typing import Any

from tests.e2e.daemon import base_url
from tests.e2e.records.conftest import HEADERS, Conversation
from tests.fixtures import INSTANCE, fixture

ES_ID = "3A5F1C2B7D9E4A6B8C01"


def phone_only_text() -> dict[str, Any]:
    p = fixture("messages.upsert.text-conversation.es")
    p["data"]["key"].pop("remoteJidAlt", None)
    return p


def lid_only_reaction(emoji: str = "✅") -> dict[str, Any]:
    """Lucía, known only by her LID, reacts to her own (phone-addressed) message."""
    p = copy.deepcopy(fixture("messages.upsert.reaction-lid"))
    p["data"]["key"].pop("remoteJidAlt", None)
    inner = p["data"]["message"]["reactionMessage"]
    inner["key"] = {"remoteJid": "190000000000002@lid", "fromMe": False, "id": ES_ID}
    inner["text"] = emoji
    return p


async def post_status(chat: Conversation, payload: dict[str, Any]) -> int:
    async with chat.http.post(
        f"{base_url(chat.daemon)}/webhook/{INSTANCE}",
        data=json.dumps(payload).encode(),
        headers=HEADERS,
    ) as resp:
        return resp.status


async def test_phone_then_lid_then_both_never_locks_the_contact_out(chat: Conversation) -> None:
    # Regression: the third delivery answered 500 "FOREIGN KEY constraint failed" forever.
    await chat.post(phone_only_text())
    await chat.post(lid_only_reaction())
    await chat.settle()
    assert len(await chat.records("tasks")) == 1
    assert len(await chat.people()) == 2  # the author and the reactor
    both = fixture("messages.upsert.text-lid")  # carries LID and phone JID
    assert await post_status(chat, both) == 200
    assert await post_status(chat, copy.deepcopy(both)) == 200  # redelivery too
    people = await chat.people()
    assert len(people) == 1
    [task] = await chat.records("tasks")
    assert task["reactor_id"] == people[0].id
    # The reply to the LID-only reactor, still waiting, now goes to the phone number.
    [reply] = await chat.replies()
    assert (reply.destination, reply.status) == ("5215587654321", "pending")
