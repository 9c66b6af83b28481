"""What the person reads when reactiond could not do all it was asked (issue 16 item 3),
from the webhook to the fake Evolution."""

from __future__ import annotations

from tests.e2e.records.conftest import (
    EN_MESSAGE,
    ES_MESSAGE,
    GROUP_REACTION_BY_OTHER,
    OWNER_REACTION,
    PT_MESSAGE,
    text_message,
)
from tests.e2e.replies.conftest import DaemonFactory
from tests.e2e.replies.test_replies_end_to_end import (
    CONTACT_REACTION,
    react,
    sent_now,
)
from tests.fake_evolution import FakeEvolution


async def test_a_check_on_chatter_says_there_is_nothing_to_do_not_no_text(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(text_message(ES_MESSAGE, "ES-JAJA-1", "jajaja ok"))
    await react(daemon, OWNER_REACTION, message, "✅", "R-JAJA-1")
    [sent] = await fake.wait_for_sends(1)
    text = sent.body["text"]
    assert "no tiene texto" not in text
    assert "no dice qué anotar" in text
    assert "Prueba así:" in text


async def test_a_bill_with_a_date_that_cannot_exist_says_the_date_was_not_understood(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(
        text_message(ES_MESSAGE, "ES-FEB31-1", "renta $8,500 vence el 31 de febrero")
    )
    await react(daemon, OWNER_REACTION, message, "💳", "R-FEB31-1")
    [sent] = await fake.wait_for_sends(1)
    first, *rest = sent.body["text"].splitlines()
    assert first == "💳 Cuenta registrada: Renta — $8,500.00"
    assert rest == [
        "⚠️ No entendí la fecha «31 de febrero» (ese día no existe), así que quedó sin fecha."
        " Prueba así: «Pagar luz CFE $890 vence 15 enero»"
    ]


async def test_a_bill_due_on_words_that_are_no_date_names_them_with_an_example(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(
        text_message(ES_MESSAGE, "ES-MADRE-1", "renta $8,500 vence el día de la madre")
    )
    await react(daemon, OWNER_REACTION, message, "💳", "R-MADRE-1")
    [sent] = await fake.wait_for_sends(1)
    first, *rest = sent.body["text"].splitlines()
    assert first == "💳 Cuenta registrada: Renta — $8,500.00"
    assert rest == [
        "⚠️ No entendí «el día de la madre» como fecha, así que quedó sin fecha."
        " Prueba así: «Pagar luz CFE $890 vence 15 enero»"
    ]


async def test_a_bill_whose_due_date_was_read_names_nothing(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(text_message(ES_MESSAGE, "ES-MARZO-1", "renta $8,500 vence el 15 de marzo"))
    await react(daemon, OWNER_REACTION, message, "💳", "R-MARZO-1")
    [sent] = await fake.wait_for_sends(1)
    assert "No entendí" not in sent.body["text"]
    assert "⚠️" not in sent.body["text"]


async def test_an_event_on_words_that_are_no_date_is_refused_naming_them(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(text_message(ES_MESSAGE, "ES-CENA-1", "cena familiar el día de la madre"))
    await react(daemon, OWNER_REACTION, message, "📅", "R-CENA-1")
    [sent] = await fake.wait_for_sends(1)
    text = sent.body["text"]
    assert "No entendí «día de la madre» como fecha." in text
    assert "Prueba así:" in text


async def test_a_task_due_whenever_is_named_in_english_to_an_english_reader(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(
        text_message(EN_MESSAGE, "EN-BOSS-1", "Send the report by the day the boss says")
    )
    await react(daemon, CONTACT_REACTION, message, "✅", "R-BOSS-1")
    [sent] = await fake.wait_for_sends(1)
    *_, last = sent.body["text"].splitlines()
    assert last == (
        '⚠️ I didn\'t understand "the day the boss says" as a date, so it has no date.'
        ' Try it like this: "Call the accountant tomorrow at 10am"'
    )


async def test_a_bill_due_on_payday_is_named_in_portuguese_to_a_portuguese_reader(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = sent_now(
        text_message(PT_MESSAGE, "PT-PAGTO-1", "aluguel R$ 2.000 vence no dia do pagamento")
    )
    await react(daemon, GROUP_REACTION_BY_OTHER, message, "💳", "R-PAGTO-1")
    [sent] = await fake.wait_for_sends(1)
    *_, last = sent.body["text"].splitlines()
    assert last == (
        "⚠️ Não entendi “no dia do pagamento” como data, então ficou sem data."
        " Tente assim: “Pagar conta de luz R$ 230 vence dia 15”"
    )
