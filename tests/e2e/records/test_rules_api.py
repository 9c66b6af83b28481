"""/api/rules through the real server: validation, conflicts, changes without restart."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from tests.e2e.daemon import base_url, running_daemon
from tests.e2e.records.conftest import Conversation


async def test_default_rules_exist_after_first_start(chat: Conversation) -> None:
    status, body = await chat.api("GET", "/api/rules")
    assert status == 200
    assert {(r["name"], tuple(r["triggers"])) for r in body["rules"]} == {
        ("task", ("✅",)),
        ("calendar", ("📅",)),
        ("bill", ("💳",)),
        ("note", ("📝",)),
        ("urgent task", ("🔴",)),
    }


async def test_rules_are_sent_with_their_emoji_as_written_not_escaped(
    chat: Conversation,
) -> None:
    url = base_url(chat.daemon) + "/api/rules"
    async with chat.http.get(url) as resp:
        raw = await resp.text()
    assert "💳" in raw
    assert "\\u" not in raw


async def test_conflicting_rule_is_refused_naming_the_other(chat: Conversation) -> None:
    status, body = await chat.api(
        "POST", "/api/rules", {"name": "todo", "triggers": ["✅️"], "action": "create_task"}
    )
    assert status == 409
    assert "'task'" in body["error"]


async def test_invalid_rule_is_refused_with_field_and_reason(chat: Conversation) -> None:
    status, body = await chat.api(
        "POST", "/api/rules", {"name": "x", "triggers": ["ok"], "action": "create_bill"}
    )
    assert status == 400
    assert body["problems"][0]["field"] == "triggers"
    assert "not an emoji" in body["problems"][0]["reason"]


async def test_rule_for_another_chat_kind_does_not_conflict(chat: Conversation) -> None:
    await chat.api("PATCH", "/api/rules/task", {"conditions": {"chats": "direct"}})
    status, body = await chat.api(
        "POST",
        "/api/rules",
        {
            "name": "group task",
            "triggers": ["✅"],
            "action": "create_task",
            "conditions": {"chats": "groups"},
        },
    )
    assert status == 201, body
    assert body["id"] is not None


async def test_rules_test_shows_what_would_be_created_without_saving(chat: Conversation) -> None:
    status, body = await chat.api(
        "POST",
        "/api/rules/test",
        {
            "emoji": "💳",
            "text": "Pagar luz CFE $890 vence 15 enero",
            "tz": "America/Mexico_City",
            "now": "2025-01-14T10:10",
        },
    )
    assert status == 200
    [result] = body["results"]
    assert result["rule"]["name"] == "bill"
    assert result["would_create"][0]["amount"] == "890.00"
    assert result["would_create"][0]["due_local"] == "2025-01-15"
    assert await chat.records("bills") == []


async def test_deleted_rule_is_gone(chat: Conversation) -> None:
    status, _ = await chat.api("DELETE", "/api/rules/note")
    assert status == 200
    status, body = await chat.api("GET", "/api/rules/note")
    assert status == 404
    assert "hint" in body


async def test_rules_api_is_behind_the_api_token_when_one_is_set(tmp_path: Path) -> None:
    async with (
        running_daemon(tmp_path, api_token="t0ken-for-tests-0123") as d,
        aiohttp.ClientSession() as http,
    ):
        url = f"http://127.0.0.1:{d.port}/api/rules"
        async with http.get(url) as resp:
            assert resp.status == 401
        async with http.get(url, headers={"Authorization": "Bearer t0ken-for-tests-0123"}) as resp:
            assert resp.status == 200


async def test_rules_test_refuses_an_unknown_lang_with_a_hint(chat: Conversation) -> None:
    status, body = await chat.api(
        "POST", "/api/rules/test", {"emoji": "💳", "text": "Pay rent $900", "lang": "de"}
    )
    assert status == 400
    assert body["error"] == "unknown lang 'de'"
    assert body["hint"] == "use es, en, pt, fr, or leave it out to detect the language"


async def test_rules_test_parses_in_the_forced_lang(chat: Conversation) -> None:
    status, body = await chat.api(
        "POST", "/api/rules/test", {"emoji": "✅", "text": "Llamar a Juan", "lang": "pt"}
    )
    assert status == 200
    assert body["results"][0]["parse"]["language"] == "pt"
