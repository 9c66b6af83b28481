from __future__ import annotations

import json
import time

import pytest

from reactiond.evolution.client import (
    WEBHOOK_EVENTS,
    EvolutionClient,
    EvolutionMaybeSent,
    EvolutionRejected,
    EvolutionUnauthorized,
    EvolutionUnavailable,
    InstanceNotFound,
    Timeouts,
    error_message,
    webhook_set_body,
)
from tests.fake_evolution import FIXTURES, FakeEvolution

INSTANCE = "reactiond-demo"


async def test_send_text_posts_the_contract_body_and_returns_the_message_id(
    fake: FakeEvolution, client: EvolutionClient
) -> None:
    quoted = {"key": {"id": "3A5F1C2B7D9E4A6B8C01", "remoteJid": "x@s.whatsapp.net"}}
    sent = await client.send_text(INSTANCE, "5215587654321", "✅ hola", quoted=quoted)
    [request] = fake.sends
    assert request.path == f"/message/sendText/{INSTANCE}"
    assert request.headers["apikey"] == fake.api_key
    assert request.body == {
        "number": "5215587654321",
        "text": "✅ hola",
        "linkPreview": False,
        "quoted": quoted,
    }
    assert sent.message_id is not None and sent.message_id.startswith("3EB0")
    assert sent.status == "PENDING"


async def test_send_reaction_posts_key_and_emoji(
    fake: FakeEvolution, client: EvolutionClient
) -> None:
    expected = json.loads((FIXTURES / "sendReaction.request.json").read_text(encoding="utf-8"))
    await client.send_reaction(INSTANCE, expected["key"], expected["reaction"])
    assert fake.sends[0].body == expected


async def test_a_wrong_api_key_is_unauthorized(fake: FakeEvolution) -> None:
    async with EvolutionClient(fake.url, "wrong") as c:
        with pytest.raises(EvolutionUnauthorized, match="REACTIOND_EVOLUTION_API_KEY"):
            await c.send_text(INSTANCE, "1", "hi")


async def test_an_unknown_instance_is_not_found(client: EvolutionClient) -> None:
    with pytest.raises(InstanceNotFound, match="does not exist"):
        await client.send_text("nope", "1", "hi")


async def test_a_number_not_on_whatsapp_is_rejected_with_a_readable_reason(
    fake: FakeEvolution, client: EvolutionClient
) -> None:
    fake.refuse_numbers.add("5215500000000")
    with pytest.raises(EvolutionRejected, match="5215500000000 is not on WhatsApp") as info:
        await client.send_text(INSTANCE, "5215500000000", "hi")
    assert info.value.status == 400


async def test_a_5xx_is_unavailable(fake: FakeEvolution, client: EvolutionClient) -> None:
    fake.failing(502)
    with pytest.raises(EvolutionUnavailable) as info:
        await client.send_text(INSTANCE, "1", "hi")
    assert info.value.status == 502


async def test_a_closed_port_is_unavailable(fake: FakeEvolution, client: EvolutionClient) -> None:
    await fake.down()
    with pytest.raises(EvolutionUnavailable, match="cannot reach"):
        await client.send_text(INSTANCE, "1", "hi")


async def test_a_slow_server_times_out_as_unavailable(fake: FakeEvolution) -> None:
    fake.slow(0.5)
    async with EvolutionClient(fake.url, fake.api_key, timeouts=Timeouts(total=0.1)) as c:
        with pytest.raises(EvolutionUnavailable, match="in time"):
            await c.connection_state(INSTANCE)


async def test_a_send_that_times_out_is_maybe_sent(fake: FakeEvolution) -> None:
    fake.slow(0.5)
    timeouts = Timeouts(total=5, send=0.1)
    async with EvolutionClient(fake.url, fake.api_key, timeouts=timeouts) as c:
        with pytest.raises(EvolutionMaybeSent, match="may still send it"):
            await c.send_text(INSTANCE, "1", "hi")


async def test_find_sent_finds_a_text_sent_since_and_not_another(
    fake: FakeEvolution, client: EvolutionClient
) -> None:
    since = time.time() - 1
    sent = await client.send_text(INSTANCE, "5215512345678", "hola")
    await client.send_text(INSTANCE, "5215512345678", "otra")
    body = {"number": "5215512345678", "text": "hola", "linkPreview": False}
    assert await client.find_sent(INSTANCE, "text", body, since) == sent.message_id
    assert await client.find_sent(INSTANCE, "text", {**body, "text": "nunca"}, since) is None
    assert await client.find_sent(INSTANCE, "text", body, since + 3600) is None


async def test_set_webhook_sends_the_events_and_the_secret_header(
    fake: FakeEvolution, client: EvolutionClient
) -> None:
    await client.set_webhook(INSTANCE, "http://127.0.0.1:8787/webhook/reactiond-demo", secret="s3")
    body = fake.requests[0].body["webhook"]
    expected = json.loads((FIXTURES / "webhook.set.request.json").read_text(encoding="utf-8"))
    assert body["events"] == expected["webhook"]["events"] == list(WEBHOOK_EVENTS)
    assert body["headers"] == {"x-reactiond-secret": "s3"}
    assert body["enabled"] is True and body["byEvents"] is False and body["base64"] is False


async def test_find_webhook_reads_back_what_was_set(client: EvolutionClient) -> None:
    assert await client.find_webhook(INSTANCE) is None
    await client.set_webhook(INSTANCE, "http://h/webhook/reactiond-demo", secret="s3")
    found = await client.find_webhook(INSTANCE)
    assert found is not None
    assert found.url == "http://h/webhook/reactiond-demo"
    assert found.headers["x-reactiond-secret"] == "s3"
    assert found.events == WEBHOOK_EVENTS


async def test_connection_state_reports_the_instance_state(
    fake: FakeEvolution, client: EvolutionClient
) -> None:
    fake.state = "connecting"
    state = await client.connection_state(INSTANCE)
    assert state.state == "connecting" and not state.is_open


async def test_find_message_returns_a_stored_message_or_none(
    fake: FakeEvolution, client: EvolutionClient
) -> None:
    fake.messages["ABC"] = {"key": {"id": "ABC"}, "message": {"conversation": "hola"}}
    found = await client.find_message(INSTANCE, "ABC")
    assert found is not None and found["message"] == {"conversation": "hola"}
    assert await client.find_message(INSTANCE, "missing") is None


def test_webhook_body_matches_the_fixture_shape() -> None:
    expected = json.loads((FIXTURES / "webhook.set.request.json").read_text(encoding="utf-8"))
    body = webhook_set_body(expected["webhook"]["url"], "change-me-long-random-string", "k")
    assert body == expected | {
        "webhook": expected["webhook"] | {"headers": body["webhook"]["headers"]}
    }
    assert body["webhook"]["headers"] == {
        "x-reactiond-secret": "change-me-long-random-string",
        "jwt_key": "k",
    }


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("error.400.validation.json", 'instance requires property "text"'),
        ("error.400.reaction-not-single-emoji.json", "Reaction must be a single emoji"),
        ("error.401.unauthorized.json", "Unauthorized"),
        ("error.400.not-on-whatsapp.json", "5215500000000 is not on WhatsApp"),
    ],
)
def test_error_messages_are_flattened_to_one_line(fixture: str, expected: str) -> None:
    payload = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))
    assert expected in error_message(payload)
