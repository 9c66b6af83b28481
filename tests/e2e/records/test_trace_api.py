"""The trace of one message over the API: the message, who reacted, the rule that fired
and its parse, the records made and the reply; and why no rule fired when none did."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from reactiond.app import Daemon
from reactiond.cli.main import app
from tests.e2e.records.conftest import ES_MESSAGE, Conversation, reaction, text_message
from tests.log_sink import reset_logging

T0 = 1_736_872_000_000


@pytest.fixture(autouse=True)
def _logging_back_to_defaults() -> Iterator[None]:
    """The CLI points structlog at the runner's captured stderr, which the runner closes;
    later tests must not log into a closed file (as tests/cli/conftest.py does)."""
    yield
    reset_logging()


async def test_a_reaction_is_traced_from_message_to_reply(chat: Conversation) -> None:
    msg = text_message(ES_MESSAGE, "TRACE1", "Pagar luz CFE $890 vence 15 enero")
    await chat.post(msg)
    await chat.post(reaction(msg, "💳", "TR-R1", sent_ms=T0))
    await chat.settle()

    status, body = await chat.api("GET", "/api/trace/messages/TRACE1")
    assert status == 200, body
    assert body["message"]["text"] == "Pagar luz CFE $890 vence 15 enero"
    [r] = body["reactions"]
    assert r["emoji"] == "💳" and r["why_no_rule"] is None
    [action] = r["actions"]
    assert action["outcome"] == "created"
    assert action["parse"]["parser"] == "bill" and action["parse"]["language"] == "es"
    assert 0 < action["parse"]["confidence"] <= 1
    assert [rec["amount"] for rec in action["records"]] == ["890.00"]
    [reply] = action["replies"]
    assert reply["text"] and reply["status"] in ("pending", "sending", "sent", "dead")

    status, by_reaction = await chat.api("GET", f"/api/trace/reactions/{r['id']}")
    assert status == 200 and by_reaction["focus_reaction"] == r["id"]
    assert by_reaction["reactions"] == body["reactions"]


async def test_a_reaction_no_rule_takes_says_why(chat: Conversation, daemon: Daemon) -> None:
    msg = text_message(ES_MESSAGE, "TRACE2", "hola")
    await chat.post(msg)
    await chat.post(reaction(msg, "🦄", "TR-R2", sent_ms=T0))
    await chat.settle()
    status, body = await chat.api("GET", "/api/trace/messages/TRACE2")
    assert status == 200, body
    why = body["reactions"][0]["why_no_rule"]
    assert why["code"] == "no_rule" and "🦄" in why["text"]


async def test_an_unknown_message_is_a_404_with_a_hint(chat: Conversation) -> None:
    status, body = await chat.api("GET", "/api/trace/messages/NOPE")
    assert status == 404 and body["hint"]
    status, body = await chat.api("GET", "/api/trace/reactions/999")
    assert status == 404


async def test_the_cli_and_the_api_tell_the_same_trace(chat: Conversation, daemon: Daemon) -> None:
    msg = text_message(ES_MESSAGE, "TRACE3", "Reunión mañana a las 15h en la oficina")
    await chat.post(msg)
    await chat.post(reaction(msg, "📅", "TR-R3", sent_ms=T0))
    await chat.settle()
    _, api_body = await chat.api("GET", "/api/trace/messages/TRACE3")
    env = {"REACTIOND_DATA_DIR": str(daemon.settings.data_dir), "REACTIOND_LANGUAGE": "en"}
    runner = CliRunner()
    as_json = await asyncio.to_thread(
        runner.invoke, app, ["trace", "TRACE3", "--json"], env=env, catch_exceptions=False
    )
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output) == api_body
    reaction_id = api_body["reactions"][0]["id"]
    human = await asyncio.to_thread(
        runner.invoke, app, ["trace", str(reaction_id), "--reaction"], env=env
    )
    assert human.exit_code == 0, human.output
    assert "Reunión mañana a las 15h" in human.output
    assert "created" in human.output and "calendar" in human.output
    missing = await asyncio.to_thread(runner.invoke, app, ["trace", "NOPE"], env=env)
    assert missing.exit_code == 1 and "NOPE" in missing.output
