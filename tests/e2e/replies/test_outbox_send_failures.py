"""How the outbox treats Evolution's real failure answers (issue 13 §1): a WhatsApp that
reconnects is waited for, a number not on WhatsApp is dead at once, a missing licence is
a configuration error, and an unknown route is told apart from an unknown instance."""

from __future__ import annotations

import pytest

from reactiond.app import Daemon
from reactiond.evolution.client import (
    EvolutionClient,
    InstanceNotFound,
    LicenseRequired,
    NotOnWhatsApp,
    UnknownRoute,
    WhatsAppDisconnected,
)
from reactiond.store import outbox
from reactiond.store.outbox import OutboxRow
from tests.e2e.replies.conftest import DaemonFactory, wait_until
from tests.fake_evolution import FakeEvolution

INSTANCE = "reactiond-demo"


async def queue(daemon: Daemon, key: str, destination: str, text: str) -> None:
    now = daemon.clock()
    await daemon.store.write(
        lambda tx: outbox.queue_text(
            tx, dedupe_key=key, instance=INSTANCE, destination=destination, text=text, now=now
        )
    )


async def only_row(daemon: Daemon) -> OutboxRow:
    [row] = await daemon.store.read(lambda tx: outbox.list_rows(tx))
    return row


async def settled(daemon: Daemon) -> bool:
    return (await only_row(daemon)).status in ("sent", "dead")


def send_answers(fake: FakeEvolution) -> list[int]:
    return [r.answered for r in fake.requests if r.path.startswith("/message/")]


async def test_a_reply_is_delivered_once_after_transient_connection_closed_400s(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    # Regression: a 400 "Error: Connection Closed" made the reply dead on the first try.
    fake.reconnecting(3, state="open")  # the state lags: every send is tried and refused
    daemon = await make_daemon()
    await queue(daemon, "k1", "5215512345678", "✅ Tarea creada")
    await wait_until(lambda: settled(daemon), what="the reply settled")
    row = await only_row(daemon)
    assert row.status == "sent"
    answers = send_answers(fake)  # the gate's state questions use up the window too
    assert answers[-1] == 201 and answers.count(201) == 1 and answers.count(400) >= 2
    assert row.attempts == len(answers)
    assert fake.texts == ["✅ Tarea creada"]


async def test_sends_wait_while_the_instance_is_not_open(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    fake.reconnecting(4, state="connecting")
    daemon = await make_daemon()
    await queue(daemon, "k1", "5215512345678", "hola")
    await wait_until(lambda: settled(daemon), what="the reply settled")
    assert (await only_row(daemon)).status == "sent"
    # One send met the closed socket; then only connectionState was asked until "open".
    assert send_answers(fake) == [400, 201]
    asked = [r.path for r in fake.requests if r.path.startswith("/instance/connectionState")]
    assert len(asked) >= 3
    assert fake.texts == ["hola"]


async def test_a_number_not_on_whatsapp_is_dead_at_once_with_the_reason(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    fake.refuse_numbers.add("5215500000000")
    daemon = await make_daemon()
    await queue(daemon, "k1", "5215500000000", "hola")
    await wait_until(lambda: settled(daemon), what="the reply settled")
    row = await only_row(daemon)
    assert (row.status, row.attempts) == ("dead", 1)
    assert row.last_error == "400 rejected: 5215500000000 is not on WhatsApp"


async def test_a_missing_licence_is_dead_at_once_with_its_own_hint(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    fake.license_required()
    daemon = await make_daemon()
    await queue(daemon, "k1", "111", "hola")
    await wait_until(lambda: settled(daemon), what="the reply settled")
    row = await only_row(daemon)
    assert (row.status, row.attempts) == ("dead", 1)
    assert row.last_error is not None and "LICENSE_REQUIRED" in row.last_error
    assert "outbox retry" in row.last_error


async def test_an_unknown_route_keeps_the_reply_waiting_with_the_url_hint(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(evolution_url=fake.url + "/evolution")  # a prefix not there
    await queue(daemon, "k1", "111", "hola")

    async def tried() -> bool:
        return (await only_row(daemon)).attempts >= 1 and bool(fake.requests)

    await wait_until(tried, what="one attempt")
    row = await only_row(daemon)
    assert row.status in ("pending", "sending")
    assert row.last_error is not None and "unknown route" in row.last_error
    assert "REACTIOND_EVOLUTION_URL" in row.last_error


async def test_client_tells_an_unknown_route_from_an_unknown_instance(
    fake: FakeEvolution, client: EvolutionClient
) -> None:
    with pytest.raises(InstanceNotFound):
        await client.send_text("nope", "1", "hi")
    async with EvolutionClient(fake.url + "/evolution", fake.api_key) as prefixed:
        with pytest.raises(UnknownRoute, match="REACTIOND_EVOLUTION_URL"):
            await prefixed.send_text(INSTANCE, "1", "hi")


async def test_client_names_each_failure_by_what_to_do(
    fake: FakeEvolution, client: EvolutionClient
) -> None:
    fake.reconnecting(1)
    with pytest.raises(WhatsAppDisconnected):
        await client.send_text(INSTANCE, "1", "hi")
    fake.refuse_numbers.add("5215500000000")
    with pytest.raises(NotOnWhatsApp):
        await client.send_text(INSTANCE, "5215500000000", "hi")
    fake.license_required()
    with pytest.raises(LicenseRequired):
        await client.send_text(INSTANCE, "1", "hi")


async def test_find_message_pages_the_way_evolution_does(
    fake: FakeEvolution, client: EvolutionClient
) -> None:
    # Evolution reads `page` and `offset` (the page size) and ignores `limit`.
    fake.messages["ABC"] = {"key": {"id": "ABC"}, "message": {"conversation": "hola"}}
    assert await client.find_message(INSTANCE, "ABC") is not None
    [asked] = [r.body for r in fake.requests if r.path.startswith("/chat/findMessages")]
    assert asked["page"] == 1 and asked["offset"] >= 1 and "limit" not in asked
