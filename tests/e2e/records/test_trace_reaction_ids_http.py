"""`GET /api/trace/reactions/{id}` and the Trace page take a reaction as `reactiond trace
--reaction` does: by reactiond's number for it or by its WhatsApp id (the reaction's
key.id in the webhook payload). Both took the number only: the WhatsApp id was a 404."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.daemon import base_url
from tests.e2e.records.conftest import (
    ES_MESSAGE,
    HEADERS,
    Conversation,
    reaction,
    text_message,
)

T0 = 1_736_872_000_000
MESSAGE = text_message(ES_MESSAGE, "TRACE-WA", "Pagar luz CFE $890 vence 15 enero")
REACTION = reaction(MESSAGE, "💳", "WA-REACTION-1", sent_ms=T0)


async def traced(chat: Conversation) -> int:
    """The reaction posted and done; its row number."""
    await chat.post(MESSAGE)
    await chat.post(REACTION)
    await chat.settle()
    status, body = await chat.api("GET", "/api/trace/messages/TRACE-WA")
    assert status == 200, body
    number: int = body["reactions"][0]["id"]
    return number


async def page(chat: Conversation, path: str, lang: str) -> tuple[int, str]:
    headers = {"Accept": "text/html", "Accept-Language": lang}
    async with chat.http.get(base_url(chat.daemon) + path, headers=headers) as resp:
        return resp.status, await resp.text()


async def post_on(chat: Conversation, instance: str, payload: dict[str, Any]) -> None:
    async with chat.http.post(
        f"{base_url(chat.daemon)}/webhook/{instance}",
        data=json.dumps({**payload, "instance": instance}).encode(),
        headers=HEADERS,
    ) as resp:
        assert resp.status == 200, await resp.text()


async def test_the_api_takes_a_reaction_by_its_whatsapp_id(chat: Conversation) -> None:
    number = await traced(chat)
    status, by_whatsapp = await chat.api("GET", "/api/trace/reactions/WA-REACTION-1")
    assert status == 200, by_whatsapp
    assert by_whatsapp["focus_reaction"] == number
    _, by_number = await chat.api("GET", f"/api/trace/reactions/{number}")
    assert by_whatsapp == by_number
    status, on_its_instance = await chat.api(
        "GET", "/api/trace/reactions/WA-REACTION-1?instance=reactiond-demo"
    )
    assert status == 200 and on_its_instance == by_whatsapp


async def test_the_api_says_which_reaction_it_did_not_find(chat: Conversation) -> None:
    await traced(chat)
    for path, said in (
        ("/api/trace/reactions/NOPE", "no reaction 'NOPE'"),
        ("/api/trace/reactions/424242", "no reaction 424242"),
        ("/api/trace/reactions/WA-REACTION-1?instance=otra", "no reaction 'WA-REACTION-1'"),
    ):
        status, body = await chat.api("GET", path)
        assert status == 404, body
        assert body["error"] == said and "Today page" in body["hint"]
    status, body = await chat.api("GET", "/api/trace/reactions/WA-REACTION-1?since=1")
    assert status == 400 and "instance" in body["hint"]


async def test_a_whatsapp_id_seen_on_two_instances_asks_for_one(chat: Conversation) -> None:
    await traced(chat)
    await post_on(chat, "otra", MESSAGE)
    await post_on(chat, "otra", REACTION)
    await chat.settle()
    status, body = await chat.api("GET", "/api/trace/reactions/WA-REACTION-1")
    assert status == 409, body
    assert "otra" in body["hint"] and "reactiond-demo" in body["hint"]
    status, body = await chat.api("GET", "/api/trace/reactions/WA-REACTION-1?instance=otra")
    assert status == 200 and body["instance"] == "otra"
    status, html = await page(chat, "/trace/reactions/WA-REACTION-1", "es")
    assert status == 409
    assert "la reacción &#39;WA-REACTION-1&#39; se vio en varias instancias" in html
    assert "añade ?instance= con una de estas: otra, reactiond-demo" in html


async def test_the_page_takes_a_reaction_by_its_whatsapp_id(chat: Conversation) -> None:
    number = await traced(chat)
    status, html = await page(chat, "/trace/reactions/WA-REACTION-1", "en")
    assert status == 200, html[:500]
    assert "Pagar luz CFE $890 vence 15 enero" in html
    assert f'id="reaction-{number}"' in html and "focus" in html


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("es", "no hay reacción &#39;NOPE&#39;"),
        ("en", "no reaction &#39;NOPE&#39;"),
        ("pt", "não há reação &#39;NOPE&#39;"),
        ("fr", "pas de réaction &#39;NOPE&#39;"),
    ],
)
async def test_the_page_says_no_such_reaction_in_the_readers_language(
    chat: Conversation, lang: str, said: str
) -> None:
    await traced(chat)
    status, html = await page(chat, "/trace/reactions/NOPE", lang)
    assert status == 404
    assert said in html, html[:2000]
    assert f'<html lang="{lang}">' in html


async def test_the_openapi_says_the_id_may_be_a_whatsapp_id(chat: Conversation) -> None:
    status, spec = await chat.api("GET", "/api/openapi.json")
    assert status == 200
    op = spec["paths"]["/api/trace/reactions/{id}"]["get"]
    [ident] = [p for p in op["parameters"] if p["name"] == "id"]
    assert ident["schema"]["type"] == "string" and "WhatsApp id" in ident["description"]
    assert "409" in op["responses"]


async def test_the_pages_lookup_box_takes_a_reactions_whatsapp_id(chat: Conversation) -> None:
    """The box asked for a message id only: a reaction's WhatsApp id pasted there was
    "no message or reaction target 'WA-REACTION-1'", about a reaction reactiond has."""
    number = await traced(chat)
    url = base_url(chat.daemon) + "/trace?message=WA-REACTION-1"
    headers = {"Accept": "text/html", "Accept-Language": "es"}
    async with chat.http.get(url, headers=headers, allow_redirects=False) as resp:
        assert resp.status == 303
        assert resp.headers["Location"] == "/trace/reactions/WA-REACTION-1"
    status, html = await page(chat, "/trace?message=WA-REACTION-1", "es")
    assert status == 200 and f'id="reaction-{number}"' in html
    assert "Id de WhatsApp del mensaje o de la reacción" in html
    async with chat.http.get(
        base_url(chat.daemon) + "/trace?message=TRACE-WA", allow_redirects=False
    ) as resp:
        assert resp.headers["Location"].startswith("/trace/messages/TRACE-WA")
