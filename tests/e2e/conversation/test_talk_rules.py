"""The talk rules (issue 20 §4, §6): questions, the digest command, corrections and ticks
can each be turned off, and one contact allowed to ask in their direct chat, through the
API (`PUT /api/talk`) or the CLI (`reactiond talk …`) while the daemon runs: the next
message follows the change, no restart."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest
from typer.testing import CliRunner

from reactiond.app import Daemon
from reactiond.cli.main import app
from tests.e2e.conversation.conftest import (
    contact_says,
    jobs_idle,
    message,
    owner_says,
    react,
    records,
    replies_queued,
    sent_id,
    tick,
)
from tests.e2e.replies.conftest import DaemonFactory, wait_until
from tests.e2e.replies.test_replies_end_to_end import post
from tests.fake_evolution import FakeEvolution
from tests.log_sink import reset_logging
from tests.store_reads import digests


@pytest.fixture(autouse=True)
def _logging_back_to_defaults() -> Iterator[None]:
    """The CLI points structlog at the runner's captured stderr, which the runner closes."""
    yield
    reset_logging()


async def put_talk(daemon: Daemon, body: Any) -> tuple[int, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.put(f"http://127.0.0.1:{daemon.port}/api/talk", json=body) as resp,
    ):
        return resp.status, await resp.json()


async def settled(daemon: Daemon) -> int:
    await wait_until(lambda: jobs_idle(daemon))
    return await replies_queued(daemon)


def cli(daemon: Daemon, *args: str) -> Any:
    env = {"REACTIOND_DATA_DIR": str(daemon.settings.data_dir)}
    return CliRunner().invoke(app, list(args), env=env)


async def test_questions_and_the_digest_command_turn_off_for_the_next_message(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    await post(daemon, owner_says("TALK-Q-1", "pendientes"))
    await fake.wait_for_sends(1)

    status, rules = await put_talk(daemon, {"questions": False})
    assert status == 200 and rules["questions"] is False and rules["stored"] is True
    await post(daemon, owner_says("TALK-Q-2", "pendientes"))
    assert await settled(daemon) == 1  # not answered
    # The digest command is its own switch: still on.
    await post(daemon, owner_says("TALK-Q-3", "resumen diario 7:30"))
    [*_, on] = await fake.wait_for_sends(2)
    assert "7:30" in on.body["text"], on.body["text"]

    status, rules = await put_talk(daemon, {"digest": False, "questions": True})
    assert status == 200
    await post(daemon, owner_says("TALK-Q-4", "resumen diario 9"))
    assert await settled(daemon) == 2  # not taken
    [d] = await digests(daemon.store)
    assert (d.hour, d.minute) == (7, 30)
    await post(daemon, owner_says("TALK-Q-5", "pendientes"))
    await fake.wait_for_sends(3)  # questions back on


async def test_refused_talk_rules_say_which_field_and_why(make_daemon: DaemonFactory) -> None:
    daemon = await make_daemon()
    status, err = await put_talk(daemon, {"questions": "maybe"})
    assert status == 400 and err["problems"] == [
        {"field": "questions", "reason": "must be true or false"}
    ]
    status, err = await put_talk(daemon, {"askers": ["abc"]})
    assert status == 400 and "neither a phone number" in err["problems"][0]["reason"]
    status, err = await put_talk(daemon, {"anyone": True})
    assert status == 400 and "questions, contacts, digest" in err["problems"][0]["reason"]
    status, err = await put_talk(daemon, ["questions"])
    assert status == 400 and err["hint"]


async def test_one_contact_allowed_from_the_cli_may_ask_in_their_chat(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    await post(daemon, contact_says("TALK-C-1", "¿qué tengo pendiente?"))
    assert await settled(daemon) == 0

    allowed = await asyncio.to_thread(cli, daemon, "talk", "allow", "+52 1 55 8765 4321")
    assert allowed.exit_code == 0, allowed.output
    assert "askers       5215587654321" in allowed.output
    await post(daemon, contact_says("TALK-C-2", "¿qué tengo pendiente?"))
    [answer] = await fake.wait_for_sends(1)
    assert answer.body["number"] == "5215587654321"
    assert answer.body["text"].startswith("🎉"), answer.body["text"]  # nothing of theirs

    shown = await asyncio.to_thread(cli, daemon, "talk", "show", "--json")
    assert json.loads(shown.output)["askers"] == ["5215587654321"]
    gone = await asyncio.to_thread(cli, daemon, "talk", "disallow", "5215587654321")
    assert gone.exit_code == 0, gone.output
    await post(daemon, contact_says("TALK-C-3", "¿qué tengo pendiente?"))
    assert await settled(daemon) == 1

    refused = await asyncio.to_thread(cli, daemon, "talk", "off", "gossip")
    assert refused.exit_code == 1
    assert "gossip: not something to turn on or off; use one of questions" in refused.output


async def test_corrections_and_ticks_can_be_turned_off(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("TALK-FIX-1", "Llamar al contador el 20 de diciembre a las 10")
    await post(daemon, m)
    await react(daemon, m, "✅", "R-TALK-FIX-1")
    await fake.wait_for_sends(1)
    confirmation = await sent_id(daemon, "action:")
    status, _ = await put_talk(daemon, {"corrections": False, "ticks": False})
    assert status == 200

    await post(daemon, owner_says("TALK-FIX-2", "no, a las 4", quoting=confirmation))
    await tick(daemon, confirmation, "✅", "R-TALK-FIX-3")
    assert await settled(daemon) == 1
    [task] = await records(daemon, "tasks")
    assert (task["due_local"], task["status"]) == ("2026-12-20T10:00", "open")
