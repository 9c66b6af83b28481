"""Hostile payloads on the webhook get a 4xx, never a 500, and a message that reads as a
date at the calendar's edge never makes a record that breaks the exports (issue 12,
item 3). Each of these was a 500 before."""

from __future__ import annotations

import json
from typing import Any

from reactiond.store import reaction_reads
from tests import store_reads
from tests.e2e.daemon import base_url
from tests.e2e.records.conftest import (
    ES_MESSAGE,
    HEADERS,
    OWNER_REACTION,
    Conversation,
    reaction,
    text_message,
)
from tests.fixtures import INSTANCE, fixture

T0 = 1_736_872_000_000  # ms, after every fixture message was sent


async def _post_raw(chat: Conversation, body: bytes) -> tuple[int, Any]:
    async with chat.http.post(
        f"{base_url(chat.daemon)}/webhook/{INSTANCE}", data=body, headers=HEADERS
    ) as resp:
        return resp.status, await resp.json()


async def test_lone_surrogate_in_a_message_is_stored_as_replacement_character(
    chat: Conversation,
) -> None:
    msg = text_message(ES_MESSAGE, "MSG-cut", "Pagar luz \ud83d")
    body = json.dumps(msg).encode()  # ensure_ascii: the surrogate travels as \ud83d
    assert b"\\ud83d" in body
    status, answer = await _post_raw(chat, body)
    assert status == 200, answer
    row = await chat.daemon.store.read(
        lambda tx: reaction_reads.message_with_author(tx, INSTANCE, "MSG-cut")
    )
    assert row is not None and row["text"] == "Pagar luz \ufffd"


async def test_lone_surrogate_in_a_reaction_is_stored_not_refused(chat: Conversation) -> None:
    msg = text_message(ES_MESSAGE, "MSG-r", "Llamar al contador mañana")
    await chat.post(msg)
    payload = reaction(msg, "✅", "R-cut", sent_ms=T0)
    payload["data"]["pushName"] = "Ana \udc8d"
    status, answer = await _post_raw(chat, json.dumps(payload).encode())
    assert status == 200, answer


async def test_lone_surrogates_in_message_ids_are_400_not_one_id(chat: Conversation) -> None:
    """`"\\ud800"` and `"\\udc00"` both became `"�"`: the second message was dropped as a
    duplicate of the first (200, duplicates 1). An id is kept exactly or refused."""
    for cut in ("\ud800", "\udc00", "\udc00\ud800"):
        msg = text_message(ES_MESSAGE, f"MSG-{cut}", "hola")
        body = json.dumps(msg).encode()  # ensure_ascii: the surrogate travels escaped
        assert b"\\ud" in body
        status, answer = await _post_raw(chat, body)
        assert status == 400, answer
        assert answer["error"].startswith("body refused: 'id' holds a lone surrogate"), answer
        assert answer["hint"] == "send Evolution's JSON payload"
    # As raw bytes (ED A0 80) too, and in a chat's JID.
    msg = text_message(ES_MESSAGE, "MSG-SURROGATE-BYTES", "hola")
    body = json.dumps(msg).encode().replace(b"MSG-SURROGATE-BYTES", b"MSG-\xed\xa0\x80")
    status, answer = await _post_raw(chat, body)
    assert status == 400 and "'id' holds a lone surrogate" in answer["error"], answer
    msg = text_message(ES_MESSAGE, "MSG-jid", "hola")
    msg["data"]["key"]["remoteJid"] = "52155\ud800@s.whatsapp.net"
    status, answer = await _post_raw(chat, json.dumps(msg).encode())
    assert status == 400 and "'remoteJid' holds a lone surrogate" in answer["error"], answer
    assert await store_reads.message(chat.daemon.store, INSTANCE, "MSG-\ufffd") is None
    # A reaction's own id and its target's, likewise.
    target = text_message(ES_MESSAGE, "MSG-target", "Llamar al contador mañana")
    await chat.post(target)
    for where in ("key", "target"):
        payload = reaction(target, "✅", "R-ok", sent_ms=T0)
        if where == "key":
            payload["data"]["key"]["id"] = "R-\ud800"
        else:
            payload["data"]["message"]["reactionMessage"]["key"]["id"] = "MSG-\udc00"
        status, answer = await _post_raw(chat, json.dumps(payload).encode())
        assert status == 400 and "lone surrogate" in answer["error"], answer
    # Two ids that differ only past a cut were one; now the good one is stored, once.
    good = text_message(ES_MESSAGE, "MSG-whole", "hola")
    assert (await chat.post(good))["stored"] == 1

    msg = text_message(ES_MESSAGE, "MSG-deep", "hola")
    body = json.dumps(msg).encode()[:-1] + b', "deep": ' + b"[" * 1000 + b"]" * 1000 + b"}"
    status, answer = await _post_raw(chat, body)
    assert status == 400, answer
    assert "nested deeper" in answer["error"]


async def test_message_timestamp_beyond_64_bits_is_400(chat: Conversation) -> None:
    msg = text_message(ES_MESSAGE, "MSG-big", "hola")
    msg["data"]["messageTimestamp"] = 2**70
    status, answer = await _post_raw(chat, json.dumps(msg).encode())
    assert status == 400, answer
    assert "64 bits" in answer["error"]


async def test_sender_timestamp_high_beyond_64_bits_is_400(chat: Conversation) -> None:
    payload = fixture(OWNER_REACTION)
    payload["data"]["message"]["reactionMessage"]["senderTimestampMs"]["high"] = 2**80
    status, answer = await _post_raw(chat, json.dumps(payload).encode())
    assert status == 400, answer


async def test_message_timestamp_past_year_2999_is_400(chat: Conversation) -> None:
    msg = text_message(ES_MESSAGE, "MSG-far", "hola")
    msg["data"]["messageTimestamp"] = 2**62  # in 64 bits, but millions of years away
    status, answer = await _post_raw(chat, json.dumps(msg).encode())
    assert status == 400, answer


async def test_a_20000_character_reaction_emoji_is_400_and_nothing_is_stored(
    chat: Conversation,
) -> None:
    msg = text_message(ES_MESSAGE, "MSG-e", "Llamar al contador mañana")
    await chat.post(msg)
    payload = reaction(msg, "✅" * 20_000, "R-huge", sent_ms=T0)
    status, answer = await _post_raw(chat, json.dumps(payload).encode())
    assert status == 400, answer
    assert "not an emoji" in answer["error"]
    assert await store_reads.reactions_on(chat.daemon.store, INSTANCE, "MSG-e") == []


async def test_a_message_dated_year_9999_makes_no_record_and_the_export_still_works(
    chat: Conversation,
) -> None:
    for n, (emoji, text) in enumerate(
        [
            ("📅", "Reunión el 31/12/9999 a las 23:30"),
            ("✅", "Entregar el informe el 31/12/9999 a las 23:59"),
            ("💳", "Pagar luz 500 pesos el 31/12/9999"),
        ]
    ):
        msg = text_message(ES_MESSAGE, f"MSG-9999-{n}", text)
        await chat.post(msg)
        await chat.post(reaction(msg, emoji, f"R-9999-{n}", sent_ms=T0 + n))
    await chat.settle()
    for table in ("calendar_events", "tasks", "bills"):
        assert await chat.records(table) == []
    status, _ = await chat.api("GET", "/api/calendar-events?tz=Pacific/Kiritimati")
    assert status == 200
    async with chat.http.get(f"{base_url(chat.daemon)}/export/calendar.ics") as resp:
        assert resp.status == 200


async def test_a_40_digit_amount_makes_no_bill_and_the_job_does_not_crash(
    chat: Conversation,
) -> None:
    """Found by the fuzz suite: the bill parser read 40 nines as an amount that cannot be
    rounded to cents (decimal.InvalidOperation), and the reaction job crashed."""
    msg = text_message(ES_MESSAGE, "MSG-huge", "9" * 40)
    await chat.post(msg)
    await chat.post(reaction(msg, "💳", "R-huge-amount", sent_ms=T0))
    await chat.settle()
    assert await chat.records("bills") == []
    assert [j.status for j in await chat.jobs()] == ["done"]
