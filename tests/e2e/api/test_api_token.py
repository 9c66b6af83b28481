"""Who may call the API: loopback without a token, a bearer token when one is set, and
no exposed bind without one."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
import structlog
from aiohttp import web
from apisupport import make_settings, start_api

from reactiond.app import Daemon
from reactiond.part import Part
from reactiond.settings import SettingsError
from tests.log_sink import reset_logging

TOKEN = "s3cret-token-for-tests"
REPO = Path(__file__).resolve().parents[3]


async def test_missing_token_is_401_with_www_authenticate(tmp_path: Path) -> None:
    async for api in start_api(tmp_path, api_token=TOKEN):
        async with api.http.get(api.url + "/api/tasks") as r:
            assert r.status == 401
            assert r.headers["WWW-Authenticate"].startswith("Bearer")
            body = await r.json()
            assert "Authorization: Bearer" in body["hint"]


async def test_wrong_token_is_401(tmp_path: Path) -> None:
    async for api in start_api(tmp_path, api_token=TOKEN):
        headers = {"Authorization": "Bearer " + TOKEN[:-1] + "X"}
        status, _ = await api.get("/api/tasks", headers=headers)
        assert status == 401


async def test_right_token_is_let_in(tmp_path: Path) -> None:
    async for api in start_api(tmp_path, api_token=TOKEN):
        status, _ = await api.get("/api/tasks", headers={"Authorization": f"Bearer {TOKEN}"})
        assert status == 200


async def test_webhook_keeps_its_own_auth_when_api_token_is_set(tmp_path: Path) -> None:
    async for api in start_api(tmp_path, api_token=TOKEN):
        async with api.http.post(
            api.url + "/webhook/main",
            json={"event": "connection.update", "instance": "main", "data": {}},
            headers={"X-Reactiond-Secret": "webhook-secret-0123456789"},
        ) as r:
            assert r.status != 401


def test_exposed_bind_without_token_is_refused(tmp_path: Path) -> None:
    # Nothing listens: the refusal comes while the daemon is assembled.
    with pytest.raises(SettingsError, match="REACTIOND_API_TOKEN"):
        Daemon(make_settings(tmp_path, host="0.0.0.0"))


def test_run_refuses_exposed_bind_without_token_with_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REACTIOND_")} | {
        "REACTIOND_HOST": "0.0.0.0",
        "REACTIOND_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "reactiond", "run"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    [line] = [x for x in done.stderr.splitlines() if x.startswith("reactiond:")]
    assert line.startswith("reactiond: refusing to listen on 0.0.0.0 without an API token")


def test_token_is_never_in_the_log(tmp_path: Path) -> None:
    async def probe() -> None:
        async for api in start_api(tmp_path, api_token=TOKEN):
            await api.get("/api/tasks", headers={"Authorization": "Bearer wrong"})
            await api.get("/api/tasks", headers={"Authorization": f"Bearer {TOKEN}"})

    log_file = tmp_path / "log"
    with log_file.open("w") as fh:
        # From the defaults: a level filter left by an earlier test would hide "listening".
        reset_logging()
        structlog.configure(logger_factory=structlog.PrintLoggerFactory(file=fh))
        try:
            asyncio.run(probe())
        finally:
            reset_logging()
    text = log_file.read_text()
    assert '"listening"' in text or "listening" in text
    assert TOKEN not in text


async def test_api_routes_of_other_parts_are_behind_the_token_too(tmp_path: Path) -> None:
    async def other(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    elsewhere = Part(name="elsewhere", routes=(web.get("/api/elsewhere", other),))
    async for api in start_api(tmp_path, api_token=TOKEN, extra=[elsewhere]):
        assert (await api.get("/api/elsewhere"))[0] == 401
        ok = await api.get("/api/elsewhere", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok == (200, {"ok": True})


async def test_rules_api_is_behind_the_token(tmp_path: Path) -> None:
    async for api in start_api(tmp_path, api_token=TOKEN):
        assert (await api.get("/api/rules"))[0] == 401
        status, body = await api.get("/api/rules", headers={"Authorization": f"Bearer {TOKEN}"})
        assert status == 200
        assert [r["name"] for r in body["rules"]][:1] == ["task"]


async def test_metrics_and_exports_need_the_token(tmp_path: Path) -> None:
    async for api in start_api(tmp_path, api_token=TOKEN):
        for path in ("/metrics", "/export/tasks.csv", "/export/calendar.ics", "/api/health"):
            async with api.http.get(api.url + path) as r:
                assert r.status == 401, path


async def test_only_the_live_stream_takes_the_token_in_its_query(tmp_path: Path) -> None:
    async for api in start_api(tmp_path, api_token=TOKEN):
        async with api.http.get(
            api.url + "/api/stream",
            params={"token": TOKEN},
            headers={"Accept": "text/event-stream"},
        ) as r:
            assert r.status == 200
        assert (await api.get("/api/stream", params={"token": "wrong"}))[0] == 401
        assert (await api.get("/api/tasks", params={"token": TOKEN}))[0] == 401


# A browser on another site: a "simple" POST needs no CORS preflight, and DNS rebinding
# makes a name the site controls resolve to 127.0.0.1 (its requests then carry that name).
REBOUND = {"Host": "rebound.example:8080"}
CROSS_SITE = {"Origin": "https://evil.example", "Content-Type": "text/plain"}


async def test_without_a_token_a_rebound_host_name_is_refused(tmp_path: Path) -> None:
    async for api in start_api(tmp_path):
        status, body = await api.get("/api/tasks", headers=REBOUND)
        assert status == 403
        assert "REACTIOND_API_TOKEN" in body["hint"]
        assert (await api.get("/metrics", headers=REBOUND))[0] == 403
        assert (await api.get("/api/tasks", headers={"Host": "localhost:8080"}))[0] == 200


async def test_without_a_token_another_sites_post_is_refused_and_changes_nothing(
    tmp_path: Path,
) -> None:
    rule = '{"name": "csrf", "emoji": "🔥", "action": "note", "parser": "note"}'
    async for api in start_api(tmp_path):
        async with api.http.post(api.url + "/api/rules", data=rule, headers=CROSS_SITE) as r:
            assert r.status == 403
        _, body = await api.get("/api/rules")
        assert "csrf" not in [r["name"] for r in body["rules"]]
        same_machine = {"Origin": api.url, "Content-Type": "application/json"}
        async with api.http.post(api.url + "/api/rules", data=rule, headers=same_machine) as r:
            assert r.status != 403


async def test_with_a_token_the_token_decides_whatever_the_host_name(tmp_path: Path) -> None:
    async for api in start_api(tmp_path, api_token=TOKEN):
        headers = {**REBOUND, "Authorization": f"Bearer {TOKEN}"}
        assert (await api.get("/api/tasks", headers=headers))[0] == 200
