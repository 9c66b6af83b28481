"""Every change made from the chat shows in the record's trace (issue 20 §6): a correction
by reply, a ✅ on reactiond's confirmation and taking it off again appear under the action
that made the record, the same through the three doors (`GET /api/trace/…`, `reactiond
trace`, the Trace page), and the correcting message's own trace says what it asked for."""

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
    edited,
    jobs_idle,
    message,
    owner_says,
    react,
    records,
    replies,
    sent_id,
    tick,
)
from tests.e2e.replies.conftest import DaemonFactory, wait_until
from tests.e2e.replies.test_replies_end_to_end import post
from tests.fake_evolution import FakeEvolution
from tests.log_sink import reset_logging


@pytest.fixture(autouse=True)
def _logging_back_to_defaults() -> Iterator[None]:
    """The CLI points structlog at the runner's captured stderr, which the runner closes."""
    yield
    reset_logging()


async def get(daemon: Daemon, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{daemon.port}{path}") as resp,
    ):
        return resp.status, await resp.text()


async def replies_recorded(daemon: Daemon, n: int) -> bool:
    return len([r for r in await replies(daemon) if r.status == "sent"]) == n


async def test_a_correction_a_tick_and_its_undo_show_in_all_three_doors(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("TRACE-CHAT-1", "Llamar al contador el 20 de diciembre a las 10")
    await post(daemon, m)
    await react(daemon, m, "✅", "R-TRACE-CHAT-1")
    await fake.wait_for_sends(1)
    confirmation = await sent_id(daemon, "action:")

    await post(daemon, edited("TRACE-CHAT-1", "Llamar al contador el 20 de diciembre a las 11"))
    await fake.wait_for_sends(2)
    await post(daemon, owner_says("TRACE-CHAT-2", "no, a las 4", quoting=confirmation))
    await fake.wait_for_sends(3)
    await tick(daemon, confirmation, "✅", "R-TRACE-CHAT-3")
    await fake.wait_for_sends(4)
    await tick(daemon, confirmation, "", "R-TRACE-CHAT-4", later_ms=1000)
    await fake.wait_for_sends(5)
    await wait_until(lambda: jobs_idle(daemon))
    await wait_until(lambda: replies_recorded(daemon, 5))  # the doors read the same state
    [task] = await records(daemon, "tasks")
    assert task["status"] == "open"

    # The API
    status, raw = await get(daemon, "/api/trace/messages/TRACE-CHAT-1")
    assert status == 200, raw
    body: dict[str, Any] = json.loads(raw)
    [action] = body["reactions"][0]["actions"]
    changes = action["changes"]
    assert [(c["via"], c["record"]["id"]) for c in changes] == [
        ("edit", task["id"]),
        ("correction", task["id"]),
        ("reaction", task["id"]),
        ("reaction", task["id"]),
    ]
    assert "2026-12-20T11:00" in json.dumps(changes[0]["changed"]), changes[0]
    assert changes[0]["by"] is None  # the message's own author, by editing it
    fix = changes[1]
    assert fix["changed"]["due"] == "2026-12-20T16:00"
    assert fix["message_id"] == "TRACE-CHAT-2"
    assert fix["by"]["jid"] == "5215512345678@s.whatsapp.net"
    assert (changes[2]["changed"]["was"], changes[2]["changed"]["status"]) == ("open", "done")
    assert changes[3]["changed"]["tick"] == "undo" and changes[3]["changed"]["status"] == "open"

    # The correcting message's own trace says what it asked for.
    status, raw = await get(daemon, "/api/trace/messages/TRACE-CHAT-2")
    assert status == 200, raw
    asked = json.loads(raw)["changes_asked"]
    assert [c["id"] for c in asked] == [fix["id"]]

    # The CLI: the same JSON, and the lines in words.
    env = {"REACTIOND_DATA_DIR": str(daemon.settings.data_dir), "REACTIOND_LANGUAGE": "en"}
    runner = CliRunner()
    as_json = await asyncio.to_thread(
        runner.invoke, app, ["trace", "TRACE-CHAT-1", "--json"], env=env, catch_exceptions=False
    )
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output) == body
    human = await asyncio.to_thread(runner.invoke, app, ["trace", "TRACE-CHAT-1"], env=env)
    assert human.exit_code == 0, human.output
    assert "changed in the chat (message edited) by its author" in human.output
    assert "changed in the chat (correction by reply)" in human.output
    assert "status open → done" in human.output
    assert "status done → open (undo)" in human.output

    # The Trace page.
    status, html = await get(daemon, "/trace/messages/TRACE-CHAT-1?lang=en")
    assert status == 200, html
    for c in changes:
        assert f'id="change-{c["id"]}"' in html
    assert "Correction by reply" in html
    assert "status open → done" in html
