"""Questions about the records (issue 20 §4), through the real webhook and the fake
Evolution: the owner asks in their own chat and gets the list in the language asked;
a note to self gets nothing; contacts are answered only when turned on, about their own
records only."""

from __future__ import annotations

import copy

from reactiond.app import Daemon
from tests.e2e.conversation.conftest import (
    contact_says,
    jobs,
    jobs_idle,
    message,
    owner_says,
    react,
    replies,
    replies_queued,
)
from tests.e2e.replies.conftest import Clock, DaemonFactory, wait_until
from tests.e2e.replies.test_replies_end_to_end import CONTACT_REACTION, post
from tests.fake_evolution import FakeEvolution
from tests.fixtures import fixture


async def seed(daemon: Daemon, fake: FakeEvolution) -> None:
    """A bill and a task of the owner's, confirmed."""
    bill = message("Q-BILL", "Pagar luz CFE $890 vence el 28 de diciembre")
    task = message("Q-TASK", "Llamar al contador el 20 de diciembre a las 10")
    for m, emoji in ((bill, "💳"), (task, "✅")):
        await post(daemon, m)
        await react(daemon, m, emoji, f"R-{m['data']['key']['id']}")
    await fake.wait_for_sends(2)


async def test_the_owner_asks_in_spanish_english_and_portuguese(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    await seed(daemon, fake)
    await post(daemon, owner_says("Q-ES", "pendientes"))
    es = (await fake.wait_for_sends(3))[2]
    assert es.body["number"] == "5215512345678"
    assert es.body["text"].startswith("📋 Pendientes:"), es.body["text"]
    assert "Llamar al contador" in es.body["text"] and "CFE" in es.body["text"]
    await post(daemon, owner_says("Q-EN", "what do I owe this month?"))
    en = (await fake.wait_for_sends(4))[3].body["text"]
    assert en.startswith("📋 This month:") and "CFE" in en and "contador" not in en, en
    await post(daemon, owner_says("Q-PT", "minhas contas do mês"))
    pt = (await fake.wait_for_sends(5))[4].body["text"]
    assert pt.startswith("📋 Este mês:") and "CFE" in pt, pt


async def test_how_much_adds_the_bills_up(make_daemon: DaemonFactory, fake: FakeEvolution) -> None:
    daemon = await make_daemon()
    await seed(daemon, fake)
    await post(daemon, owner_says("Q-TOTAL", "¿cuánto debo en diciembre?"))
    text = (await fake.wait_for_sends(3))[2].body["text"]
    assert "Total: $890.00" in text, text


async def test_a_note_to_self_gets_no_answer(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    await post(daemon, owner_says("Q-NOTE", "Comprar leche mañana"))
    await wait_until(lambda: jobs_idle(daemon))
    assert await replies_queued(daemon) == 0


async def test_a_contacts_question_is_not_answered_unless_turned_on(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    await post(daemon, contact_says("Q-CONTACT-1", "¿qué tengo pendiente?"))
    await wait_until(lambda: jobs_idle(daemon))
    assert await replies_queued(daemon) == 0


async def test_a_contact_sees_only_their_own_records(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(questions_from_contacts=True)
    await seed(daemon, fake)  # the owner's
    mine = message("Q-THEIRS", "Comprar pintura el 22 de diciembre")
    await post(daemon, mine)
    await react(daemon, mine, "✅", "R-Q-THEIRS", base=CONTACT_REACTION)
    await fake.wait_for_sends(3)
    await post(daemon, contact_says("Q-CONTACT-2", "¿qué tareas tengo?"))
    sends = await fake.wait_for_sends(4)
    text = sends[3].body["text"]
    assert "Comprar pintura" in text and "contador" not in text, text


async def test_a_flood_of_questions_is_deferred_like_reactions_and_said_once(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    clock = Clock()
    daemon = await make_daemon(clock=clock, reaction_flood_per_minute=2)
    for i in range(4):
        await post(daemon, owner_says(f"Q-FLOOD-{i}", "pendientes"))
    await wait_until(lambda: jobs_idle(daemon))
    assert len(await replies(daemon, "answer:")) == 2
    [told] = await replies(daemon, "flood:")
    assert "contesto los siguientes" in told.body["text"], told
    later = await jobs(daemon, "chat_message", "queued")
    assert len(later) == 2 and all(j.run_at > clock() for j in later)  # deferred, not lost

    clock.advance(max(j.run_at for j in later) - clock() + 1)
    daemon.wakeup()
    await wait_until(lambda: jobs_idle(daemon))
    assert len(await replies(daemon, "answer:")) == 4
    assert len(await replies(daemon, "flood:")) == 1


async def test_what_the_owner_writes_to_others_is_no_flood(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(reaction_flood_per_minute=2)
    for i in range(3):  # the owner chatting with Lucía: not messages to reactiond
        said = message(f"Q-CHAT-{i}", "nos vemos mañana")
        said["data"]["key"]["fromMe"] = True
        await post(daemon, said)
    await post(daemon, owner_says("Q-NOT-FLOOD", "pendientes"))
    [answer] = await fake.wait_for_sends(1)
    assert answer.body["text"].startswith("🎉"), answer.body["text"]


async def test_what_reactiond_itself_sent_starts_nothing(make_daemon: DaemonFactory) -> None:
    daemon = await make_daemon()
    sent = copy.deepcopy(fixture("send.message.text-confirmation"))
    sent["data"]["key"]["remoteJid"] = "5215512345678@s.whatsapp.net"
    sent["data"]["message"] = {"conversation": "📋 Pendientes: ¿qué tengo hoy?"}
    await post(daemon, sent)
    assert await jobs(daemon) == []


async def test_a_question_about_a_day_reads_the_day_with_the_parsers_grammar(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    await seed(daemon, fake)
    await post(daemon, owner_says("Q-DAY", "¿qué pago el 28 de diciembre?"))
    text = (await fake.wait_for_sends(3))[2].body["text"]
    assert "CFE" in text and "contador" not in text, text
