"""What the person reads when reactiond could not do all it was asked (issue 16 item 3),
from the webhook to the fake Evolution."""

from __future__ import annotations

from tests.e2e.records.conftest import ES_MESSAGE, OWNER_REACTION, text_message
from tests.e2e.replies.conftest import DaemonFactory
from tests.e2e.replies.test_replies_end_to_end import react, sent_now
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
