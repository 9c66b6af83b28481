"""`/api/digests` (issue 20 §5): the same digest as the chat command, from scripts."""

from __future__ import annotations

from typing import Any

import aiohttp

from reactiond.app import Daemon
from tests.e2e.conversation.conftest import jobs, owner_says
from tests.e2e.replies.conftest import DaemonFactory
from tests.e2e.replies.test_replies_end_to_end import post


async def call(daemon: Daemon, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.request(method, f"http://127.0.0.1:{daemon.port}{path}", json=body) as resp,
    ):
        return resp.status, await resp.json()


async def test_a_digest_is_set_moved_listed_and_stopped(make_daemon: DaemonFactory) -> None:
    daemon = await make_daemon()
    await post(daemon, owner_says("API-DIGEST-1", "hola"))
    status, d = await call(daemon, "PUT", "/api/digests/5215512345678", {"at": "07:30"})
    assert status == 200, d
    assert (d["at"], d["tz"], d["enabled"], d["everyone"]) == (
        "07:30",
        "America/Mexico_City",
        True,
        True,
    )
    assert d["destination"] == "5215512345678"
    status, listed = await call(daemon, "GET", "/api/digests")
    assert status == 200 and [x["at"] for x in listed["digests"]] == ["07:30"]
    status, off = await call(daemon, "DELETE", "/api/digests/5215512345678")
    assert status == 200 and off["enabled"] is False
    # the one queued when it was turned on; it will find it off
    assert len(await jobs(daemon, "digest")) == 1


async def test_refusals_say_what_to_write(make_daemon: DaemonFactory) -> None:
    daemon = await make_daemon()
    await post(daemon, owner_says("API-DIGEST-2", "hola"))
    status, err = await call(daemon, "PUT", "/api/digests/5215512345678", {"at": "25:00"})
    assert status == 400 and "08:00" in err["hint"]
    status, err = await call(daemon, "PUT", "/api/digests/5215512345678", {"when": "8"})
    assert status == 400 and "at" in err["hint"]
    status, err = await call(daemon, "PUT", "/api/digests/5299999999999", {"at": "08:00"})
    assert status == 404, err
