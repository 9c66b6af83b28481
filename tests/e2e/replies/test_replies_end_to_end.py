"""From the webhook to the fake Evolution: a reaction in WhatsApp gets its reply, in the
reactor's language, at the right destination; bills get their reminders scheduled."""

from __future__ import annotations

import copy
import json
import time
from typing import Any

import aiohttp

from reactiond.app import Daemon
from tests.e2e.records.conftest import (
    EN_MESSAGE,
    ES_MESSAGE,
    GROUP_REACTION_BY_OTHER,
    OWNER_REACTION,
    PT_MESSAGE,
    reaction,
    text_message,
)
from tests.e2e.replies.conftest import DaemonFactory
from tests.fake_evolution import FakeEvolution
from tests.fixtures import INSTANCE

OWNER_NUMBER = "5215512345678"
CONTACT_REACTION = "messages.upsert.reaction-by-contact-on-own-message"


def sent_now(payload: dict[str, Any], seconds_ago: int = 60) -> dict[str, Any]:
    """The message as if sent a minute ago, so that "mañana"/due dates lie ahead."""
    p = copy.deepcopy(payload)
    p["data"]["messageTimestamp"] = int(time.time()) - seconds_ago
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


async def react(daemon: Daemon, base: str, message: dict[str, Any], emoji: str, rid: str) -> None:
    await post(daemon, message)
    now_ms = int(time.time() * 1000)
    await post(daemon, reaction(message, emoji, rid, sent_ms=now_ms, base=base))


async def test_an_owners_bill_reaction_in_spanish_is_confirmed_in_their_own_chat(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(
        text_message(ES_MESSAGE, "ES-BILL-1", "Pagar luz CFE $890 vence el 28 de diciembre")
    )
    await react(daemon, OWNER_REACTION, message, "💳", "R-ES-1")
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["number"] == OWNER_NUMBER
    assert "quoted" not in sent.body
    text = sent.body["text"]
    assert text.startswith("💳 Cuenta registrada: CFE — $890.00"), text
    assert "Vence:" in text and "28 de dic" in text


async def test_a_bill_reaction_schedules_its_reminders(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(
        text_message(ES_MESSAGE, "ES-BILL-2", "Pagar luz CFE $890 vence el 28 de diciembre")
    )
    await react(daemon, OWNER_REACTION, message, "💳", "R-ES-2")
    await fake.wait_for_sends(1)
    reminders = await daemon.store.list_jobs(status="queued", kind="reminder")
    assert sorted(j.payload["purpose"] for j in reminders) == ["bill_before", "bill_due"]
    assert {j.payload["destination"] for j in reminders} == {OWNER_NUMBER}
    assert {j.payload["language"] for j in reminders} == {"es"}


async def test_a_contacts_task_reaction_in_english_is_answered_privately_in_english(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(
        text_message(EN_MESSAGE, "EN-TASK-1", "Review the presentation tomorrow at 3pm")
    )
    await react(daemon, CONTACT_REACTION, message, "✅", "R-EN-1")
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["number"] == "14155550123"
    assert sent.body["text"].startswith("✅ Task added: "), sent.body["text"]
    assert "3:00 PM" in sent.body["text"]


async def test_a_group_members_event_reaction_in_portuguese_is_answered_to_them(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(text_message(PT_MESSAGE, "PT-CAL-1", "Reunião amanhã às 15h no Zoom"))
    await react(daemon, GROUP_REACTION_BY_OTHER, message, "📅", "R-PT-1")
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["number"] == "5511912345678"
    assert sent.body["text"].startswith("📅 Evento agendado: "), sent.body["text"]
    assert "15:00" in sent.body["text"]


async def test_a_message_that_does_not_parse_gets_help_with_a_working_example(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(text_message(ES_MESSAGE, "ES-BAD-1", "Hola, ¿cómo estás?"))
    await react(daemon, OWNER_REACTION, message, "💳", "R-ES-3")
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["number"] == OWNER_NUMBER
    assert sent.body["text"].startswith("🤔 No entendí la cuenta."), sent.body["text"]
    assert "Pagar luz CFE $890 vence 15 enero" in sent.body["text"]


async def test_removing_the_reaction_sends_a_one_line_cancelled_reply(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(text_message(ES_MESSAGE, "ES-NOTE-1", "Idea: menú de temporada con mango"))
    await react(daemon, OWNER_REACTION, message, "📝", "R-ES-4")
    await fake.wait_for_sends(1)
    removal = reaction(message, "", "R-ES-5", sent_ms=int(time.time() * 1000) + 1000)
    await post(daemon, removal)
    sends = await fake.wait_for_sends(2)
    assert sends[1].body["text"].startswith("↩️ Cancelado: ")
    assert "\n" not in sends[1].body["text"]


async def test_chat_mode_replies_in_the_group_quoting_the_message(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    async with (
        aiohttp.ClientSession() as http,
        http.patch(
            f"http://127.0.0.1:{daemon.port}/api/rules/task", json={"config": {"reply": "chat"}}
        ) as resp,
    ):
        assert resp.status == 200, await resp.text()
    message = sent_now(text_message(PT_MESSAGE, "PT-TASK-1", "Enviar o relatório amanhã"))
    await react(daemon, OWNER_REACTION, message, "✅", "R-PT-2")
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["number"] == "120363041234567890@g.us"
    assert sent.body["quoted"]["key"]["id"] == "PT-TASK-1"
    assert sent.body["text"].startswith("✅ Tarefa criada: ")


async def test_none_mode_sends_nothing_to_evolution(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    async with (
        aiohttp.ClientSession() as http,
        http.patch(
            f"http://127.0.0.1:{daemon.port}/api/rules/note", json={"config": {"reply": "none"}}
        ) as resp,
    ):
        assert resp.status == 200, await resp.text()
    message = sent_now(text_message(ES_MESSAGE, "ES-NOTE-2", "Idea: menú con mango"))
    await react(daemon, OWNER_REACTION, message, "📝", "R-ES-6")
    # A task reaction afterwards does reply: once it arrived, the note's would have too.
    other = sent_now(text_message(ES_MESSAGE, "ES-TASK-2", "Llamar al contador mañana"))
    await react(daemon, OWNER_REACTION, other, "✅", "R-ES-7")
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["text"].startswith("✅ Tarea creada: ")
    assert len(fake.sends) == 1
