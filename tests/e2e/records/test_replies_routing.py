"""Where the reply row goes (issue 6 §3 reply modes), written with the record."""

from __future__ import annotations

from tests.e2e.records.conftest import GROUP_REACTION_BY_OTHER, PT_MESSAGE, Conversation, reaction
from tests.fixtures import fixture

T0 = 1_736_872_000_000


async def test_owner_reaction_is_answered_in_the_owners_own_chat(chat: Conversation) -> None:
    await chat.post(fixture("messages.upsert.text-conversation.es"))
    await chat.post(fixture("messages.upsert.reaction-add"))
    await chat.settle()
    [row] = await chat.replies()
    body = row.body
    assert row.destination == body["number"] == "5215512345678"  # the envelope's sender
    assert "quoted" not in body
    assert body["text"].startswith("✅")


async def test_someone_elses_reaction_is_answered_privately(chat: Conversation) -> None:
    msg = fixture(PT_MESSAGE)
    await chat.post(msg)
    await chat.post(reaction(msg, "✅", "R-CARLA", sent_ms=T0, base=GROUP_REACTION_BY_OTHER))
    await chat.settle()
    [row] = await chat.replies()
    assert row.destination == "5511912345678"  # Carla, not the group
    assert row.language == "pt"


async def test_chat_mode_answers_in_the_chat_quoting_the_message(chat: Conversation) -> None:
    status, _ = await chat.api("PATCH", "/api/rules/task", {"config": {"reply": "chat"}})
    assert status == 200
    msg = fixture(PT_MESSAGE)
    await chat.post(msg)
    await chat.post(reaction(msg, "✅", "R-CHAT", sent_ms=T0))
    await chat.settle()
    [row] = await chat.replies()
    body = row.body
    assert body["number"] == "120363041234567890@g.us"
    assert body["quoted"]["key"]["id"] == "3AB27E90C4D15F6A8E23"
    assert body["quoted"]["key"]["participant"] == "5511987654321@s.whatsapp.net"


async def test_none_mode_creates_the_record_without_a_reply(chat: Conversation) -> None:
    await chat.api("PATCH", "/api/rules/task", {"config": {"reply": "none"}})
    await chat.post(fixture("messages.upsert.text-conversation.es"))
    await chat.post(fixture("messages.upsert.reaction-add"))
    await chat.settle()
    assert len(await chat.records("tasks")) == 1
    assert await chat.replies() == []


async def test_only_text_replies_are_queued_never_reactions(chat: Conversation) -> None:
    await chat.post(fixture("messages.upsert.text-conversation.es"))
    await chat.post(fixture("messages.upsert.reaction-add"))
    await chat.post(fixture("messages.upsert.reaction-remove"))
    await chat.settle()
    kinds = {r.kind for r in await chat.replies()}
    assert kinds <= {"text"}
