"""The daemon under a real process manager's protocol: READY, WATCHDOG, STOPPING, signals."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from functools import partial
from pathlib import Path
from typing import Any

import aiohttp
import apsw
import pytest

from tests.e2e.ops.support import INSTANCE, REPO, SECRET, reaction_payload
from tests.waiting import eventually, eventually_sync

SLOW = REPO / "tests/e2e/ops/slow_daemon.py"


async def post(session: aiohttp.ClientSession, url: str, payload: Any, secret: str = SECRET) -> int:
    async with session.post(
        f"{url}/webhook/{INSTANCE}", json=payload, headers={"X-Reactiond-Secret": secret}
    ) as resp:
        await resp.read()
        return resp.status


async def at_least(items: list[str], n: int) -> bool:
    return len(items) >= n


# Raw SQL: the file as the daemon process left it, read-only from outside that process.
def db_rows(data_dir: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = apsw.Connection(str(data_dir / "reactiond.db"), flags=apsw.SQLITE_OPEN_READONLY)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


async def test_ready_is_sent_once_the_webhook_answers(daemon_factory: Any) -> None:
    d = daemon_factory().start()  # start() returns after READY=1, reading the port from it
    ready = d.notify.wait_for("READY=1")
    assert f"STATUS=listening on 127.0.0.1:{d.port}" in ready.splitlines()
    assert d.port > 0  # the port it really bound (it was asked for port 0)
    async with aiohttp.ClientSession() as s:
        assert await post(s, d.url, reaction_payload(1)) == 200


async def test_watchdog_pings_come_from_the_running_loop(daemon_factory: Any) -> None:
    d = daemon_factory(WATCHDOG_USEC="200000").start()
    d.notify.wait_for("WATCHDOG=1")
    d.notify.messages.clear()
    d.notify.wait_for("WATCHDOG=1")  # and again: it keeps pinging


async def test_no_watchdog_pings_when_systemd_did_not_ask(daemon_factory: Any) -> None:
    d = daemon_factory().start()
    await asyncio.sleep(0.5)
    d.notify.sock.settimeout(0.2)
    with contextlib.suppress(TimeoutError):
        d.notify.messages.append(d.notify.sock.recv(4096).decode())
    assert not any("WATCHDOG=1" in m for m in d.notify.messages)


async def test_sigterm_says_stopping_and_exits_zero(daemon_factory: Any) -> None:
    d = daemon_factory().start()
    d.signal(signal.SIGTERM)
    d.notify.wait_for("STOPPING=1")
    code, err = d.wait()
    assert code == 0, err


async def test_a_second_instance_on_the_same_data_dir_refuses_naming_the_pid(
    daemon_factory: Any, tmp_path: Path
) -> None:
    first = daemon_factory(tmp_path / "data").start()
    assert first.proc is not None
    second = daemon_factory(tmp_path / "data")
    code, err = second.run_to_exit()
    assert code == 1
    assert f"process {first.proc.pid}" in err
    assert "already using" in err
    async with aiohttp.ClientSession() as s:  # the first one is untouched
        assert await post(s, first.url, reaction_payload(2)) == 200


async def test_sigterm_during_load_loses_no_acknowledged_event_and_leaves_no_job_claimed(
    daemon_factory: Any,
) -> None:
    d = daemon_factory(script=SLOW, OPS_HANDLER_SECONDS="0.02").start()
    acked: list[str] = []
    refused = 0

    async def sender(session: aiohttp.ClientSession, start: int) -> None:
        nonlocal refused
        for i in range(start, start + 100_000, 16):
            payload = reaction_payload(i)
            try:
                status = await post(session, d.url, payload)
            except aiohttp.ClientError:
                refused += 1
                return
            if status == 200:
                acked.append(payload["data"]["key"]["id"])
            else:
                refused += 1
                return

    async with aiohttp.ClientSession() as session:
        senders = [asyncio.create_task(sender(session, k)) for k in range(16)]
        await eventually(partial(at_least, acked, 51), what="51 reactions acknowledged")
        t0 = time.monotonic()
        d.signal(signal.SIGTERM)
        await asyncio.wait_for(asyncio.gather(*senders), 30)
    code, err = await asyncio.to_thread(d.wait)
    stop_seconds = time.monotonic() - t0
    assert code == 0, err
    assert refused > 0  # it was under load (51+ acknowledged), and it stopped taking more
    stored = {r[0] for r in db_rows(d.data_dir, "SELECT reaction_id FROM reactions")}
    assert set(acked) <= stored
    assert db_rows(d.data_dir, "SELECT id FROM jobs WHERE status = 'running'") == []
    assert db_rows(d.data_dir, "SELECT job_id FROM job_attempts WHERE finished_at IS NULL") == []
    assert stop_seconds < 20  # REACTIOND_STOP_TIMEOUT_SECONDS default


async def test_sigterm_gives_back_the_lease_of_a_job_that_outlasts_the_grace(
    daemon_factory: Any,
) -> None:
    d = daemon_factory(
        script=SLOW, OPS_HANDLER_SECONDS="600", REACTIOND_STOP_TIMEOUT_SECONDS="2"
    ).start()
    async with aiohttp.ClientSession() as s:
        assert await post(s, d.url, reaction_payload(7)) == 200

    def claimed() -> list[tuple[Any, ...]]:
        return db_rows(d.data_dir, "SELECT id FROM jobs WHERE status = 'running'")

    eventually_sync(claimed, what="the worker to claim the 10-minute job")
    d.signal(signal.SIGTERM)
    code, err = await asyncio.to_thread(d.wait)
    assert code == 0, err  # within wait()'s 60 s: the grace (2 s), not the job's 600 s
    rows = db_rows(d.data_dir, "SELECT status, attempts, lease_owner FROM jobs")
    assert rows == [("queued", 0, None)]


async def test_sighup_reloads_the_webhook_secret_from_the_config_file(
    daemon_factory: Any, tmp_path: Path
) -> None:
    config = tmp_path / "reactiond.toml"
    config.write_text('webhook_secret = "old-secret-0123456789"\n')
    d = daemon_factory()
    del d.env["REACTIOND_WEBHOOK_SECRET"]
    d.argv = [d.argv[0], "-m", "reactiond", "--config", str(config), "run"]
    d.start()
    async with aiohttp.ClientSession() as s:
        assert await post(s, d.url, reaction_payload(1), "old-secret-0123456789") == 200
        config.write_text('webhook_secret = "new-secret-0123456789"\n')
        d.notify.messages.clear()
        d.signal(signal.SIGHUP)
        d.notify.wait_for("RELOADING=1")
        d.notify.wait_for("READY=1")
        assert await post(s, d.url, reaction_payload(2), "old-secret-0123456789") == 401
        assert await post(s, d.url, reaction_payload(3), "new-secret-0123456789") == 200


async def test_sighup_reloads_the_config_file_given_after_run(
    daemon_factory: Any, tmp_path: Path
) -> None:
    # The form packaging/systemd.md documents for live rotation (issue 16 items 9, 10).
    config = tmp_path / "reactiond.toml"
    config.write_text('webhook_secret = "old-secret-0123456789"\n')
    d = daemon_factory()
    del d.env["REACTIOND_WEBHOOK_SECRET"]
    d.argv = [d.argv[0], "-m", "reactiond", "run", "--config", str(config)]
    d.start()
    async with aiohttp.ClientSession() as s:
        config.write_text('webhook_secret = "new-secret-0123456789"\n')
        d.notify.messages.clear()
        d.signal(signal.SIGHUP)
        d.notify.wait_for("RELOADING=1")
        d.notify.wait_for("READY=1")
        assert await post(s, d.url, reaction_payload(2), "old-secret-0123456789") == 401
        assert await post(s, d.url, reaction_payload(3), "new-secret-0123456789") == 200


async def test_sighup_with_broken_settings_keeps_the_running_ones(
    daemon_factory: Any, tmp_path: Path
) -> None:
    config = tmp_path / "reactiond.toml"
    config.write_text('webhook_secret = "old-secret-0123456789"\n')
    d = daemon_factory()
    del d.env["REACTIOND_WEBHOOK_SECRET"]
    d.argv = [d.argv[0], "-m", "reactiond", "--config", str(config), "run"]
    d.start()
    config.write_text("webhook_secret = [unclosed\n")
    d.notify.messages.clear()
    d.signal(signal.SIGHUP)
    d.notify.wait_for("READY=1")
    async with aiohttp.ClientSession() as s:
        assert await post(s, d.url, reaction_payload(1), "old-secret-0123456789") == 200


async def test_the_daemon_runs_and_stops_under_memory_deny_write_execute(
    daemon_factory: Any,
) -> None:
    from tests.e2e.ops.test_unit_file import MDWE, mdwe_supported

    if not mdwe_supported():
        pytest.skip("kernel without PR_SET_MDWE")
    d = daemon_factory()
    d.argv = [d.argv[0], str(MDWE), *d.argv]
    d.start()
    async with aiohttp.ClientSession() as s:
        for i in range(20):
            assert await post(s, d.url, reaction_payload(i)) == 200
    d.signal(signal.SIGTERM)
    code, err = await asyncio.to_thread(d.wait)
    assert code == 0, err


async def test_sighup_applies_new_allowed_instances(daemon_factory: Any, tmp_path: Path) -> None:
    config = tmp_path / "reactiond.toml"
    config.write_text(f'allowed_instances = ["{INSTANCE}"]\n')
    d = daemon_factory()
    d.argv = [d.argv[0], "-m", "reactiond", "--config", str(config), "run"]
    d.start()
    async with aiohttp.ClientSession() as s:
        assert await post(s, d.url, reaction_payload(1)) == 200
        config.write_text('allowed_instances = ["another-instance"]\n')
        d.notify.messages.clear()
        d.signal(signal.SIGHUP)
        d.notify.wait_for("READY=1")
        assert await post(s, d.url, reaction_payload(2)) == 403
