"""The OpenAPI document is honest: every route the server has is in it (and nothing
else), and schemathesis, driving the real `reactiond run` from the document, finds no
5xx, no undocumented status, no response that breaks its schema."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from apisupport import NOW, REPO, Api, start_api

from reactiond.domain import NewJob
from reactiond.exports.feeds import create_feed
from reactiond.store import outbox
from tests.e2e.ops.support import NotifySocket
from tests.store_writes import dead_job

METHODS = {"GET", "POST", "PATCH", "PUT", "DELETE"}


def _served(api: Api) -> set[tuple[str, str]]:
    assert api.daemon.runner is not None
    out = set()
    for route in api.daemon.runner.app.router.routes():
        if route.method not in METHODS:
            continue  # HEAD comes with every GET
        if getattr(route.handler, "__module__", "").startswith("reactiond.web.pages"):
            continue  # the HTML pages for people (issue 19) are not the JSON API
        info = route.resource.get_info() if route.resource else {}
        path = info.get("path") or info.get("formatter")
        assert path, route
        out.add((route.method, path))
    return out


def _documented(doc: dict) -> set[tuple[str, str]]:
    out = set()
    for path, item in doc["paths"].items():
        for method in item:
            if method.upper() in METHODS:
                out.add((method.upper(), path))
    return out


def _expand(served: set[tuple[str, str]], documented: set[tuple[str, str]]) -> set:
    """A served template such as /export/{kind}.csv stands for the documented paths it
    matches (one per kind)."""
    out = set()
    for method, path in served:
        pattern = "^" + re.sub(r"\\\{\w+\\\}", r"[^/]+", re.escape(path)) + "$"
        same = {(m, p) for m, p in documented if m == method and p == path}
        matches = {(m, p) for m, p in documented if m == method and re.match(pattern, p)}
        out |= same or matches or {(method, path)}
    return out


async def test_every_route_is_in_the_openapi_document(api: Api) -> None:
    status, doc = await api.get("/api/openapi.json")
    assert status == 200
    assert doc["openapi"].startswith("3.1")
    documented = _documented(doc)
    served = _expand(_served(api), documented)
    assert served - documented == set(), "routes missing from the OpenAPI document"
    assert documented - served == set(), "documented routes the server does not have"


async def test_openapi_record_schemas_come_from_the_models(api: Api) -> None:
    _, doc = await api.get("/api/openapi.json")
    task = doc["components"]["schemas"]["Task"]
    assert "due" in task["properties"]
    assert doc["components"]["schemas"]["TaskChange"]["additionalProperties"] is False


async def test_the_document_says_a_loopback_daemon_without_a_token_needs_none(api: Api) -> None:
    _, doc = await api.get("/api/openapi.json")
    assert doc["security"] == [{}]


async def test_the_document_says_a_daemon_with_a_token_needs_it(tmp_path: Path) -> None:
    """What schemathesis' ignored_auth reads: with `[{bearerAuth}, {}]` (either) it never
    checked that a call without the token is refused."""
    async for api in start_api(tmp_path / "data", api_token=API_TOKEN):
        headers = {"Authorization": f"Bearer {API_TOKEN}"}
        async with api.http.get(api.url + "/api/openapi.json", headers=headers) as r:
            doc = await r.json()
        assert doc["security"] == [{"bearerAuth": []}]
        assert doc["paths"]["/livez"]["get"]["security"] == []  # still open


async def _seed(data: Path) -> str:
    """A few records of each kind (ids 1..3 exist), a dead job, a reply waiting in the
    outbox, and a feed: its token."""
    async for api in start_api(data):
        for _ in range(3):
            await api.seed.task(due="2026-01-16T15:00")
            await api.seed.event(recurrence="FREQ=WEEKLY")
            await api.seed.bill()
            await api.seed.note()
        await dead_job(api.daemon.store, NewJob("st-probe", {"n": 1}), "boom", NOW)
        await api.daemon.store.write(
            lambda tx: outbox.queue_text(
                tx,
                dedupe_key="st-reply",
                instance="main",
                destination="5215512345678",
                text="✅ Tarea creada\nVence: mañana",
                now=NOW,
            )
        )
        issued = await api.daemon.store.write(lambda tx: create_feed(tx, "st", {}, NOW))
        return issued.token
    raise AssertionError("unreachable")


# The feed is fuzzed with a live token. POST /api/rules/test shares its path with
# /api/rules/{ref} (a rule named "test"), so its Allow header rightly lists more methods.
SCHEMATHESIS_CONFIG = """
[[operations]]
include-path = "/feeds/{{token}}.ics"
parameters = {{ token = "{token}" }}

[[operations]]
include-path = "/api/rules/test"
phases.coverage.unexpected-methods = []
"""


API_TOKEN = "st-api-token-0123456789"


# Without a token: the coverage phase (every operation's boundary and invalid values),
# then REACTIOND_SCHEMATHESIS_EXAMPLES fuzzed cases per operation, 10 by default: the suite's
# longest test at 25 (~50 s on a quiet 2-core machine; the whole suite's target is 3
# min), for a deeper run by hand: `REACTIOND_SCHEMATHESIS_EXAMPLES=200 pytest -k schemathesis`.
# With a token, what is new is the token: ignored_auth calls each operation again without
# it and with a wrong one, once per operation, on its first success; the coverage phase's
# schema-valid cases (`--mode positive`) give every operation a success. Its invalid
# cases, the fuzzing and the stateful phases would only repeat the run without a token,
# which sends them to the same handlers.
FUZZ_EXAMPLES = os.environ.get("REACTIOND_SCHEMATHESIS_EXAMPLES", "10")
RUNS = {
    "loopback": (None, ["--max-examples", FUZZ_EXAMPLES]),
    "with-token": (API_TOKEN, ["--phases", "examples,coverage", "--mode", "positive"]),
}


# About a minute on a quiet 2-core machine; far longer when it shares the cores.
@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("run", RUNS)
def test_schemathesis_finds_no_server_error_or_schema_violation(tmp_path: Path, run: str) -> None:
    """With a token, schemathesis also checks (ignored_auth) that a call without it or
    with a wrong one is refused."""
    api_token, budget = RUNS[run]
    data = tmp_path / "data"
    token = asyncio.run(_seed(data))
    config = tmp_path / "schemathesis.toml"
    config.write_text(SCHEMATHESIS_CONFIG.format(token=token))
    # Port 0, read back from READY=1 (sent once the webhook answers): no port is picked
    # first and bound later, when something else may have taken it.
    notify = NotifySocket()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REACTIOND_")} | {
        "REACTIOND_DATA_DIR": str(data),
        "REACTIOND_PORT": "0",
        "REACTIOND_WEBHOOK_SECRET": "st-secret-0123456789",
        "REACTIOND_LOG_LEVEL": "warning",
        "NOTIFY_SOCKET": notify.path,
    }
    auth: list[str] = []
    if api_token is not None:
        env["REACTIOND_API_TOKEN"] = api_token
        auth = ["--header", f"Authorization: Bearer {api_token}"]
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "reactiond", "run"], cwd=REPO, env=env, stdout=log, stderr=log
    )
    try:
        try:
            port = notify.wait_ready()
        except AssertionError:
            raise AssertionError(
                f"reactiond not ready: {(tmp_path / 'server.log').read_text()[-2000:]}"
            ) from None
        base = f"http://127.0.0.1:{port}"
        request = urllib.request.Request(
            base + "/api/openapi.json",
            headers={"Authorization": f"Bearer {api_token}"} if api_token else {},
        )
        with urllib.request.urlopen(request, timeout=10) as r:
            (tmp_path / "openapi.json").write_bytes(r.read())
        cli = Path(sys.executable).parent / "schemathesis"
        done = subprocess.run(
            [
                str(cli),
                "--config-file",
                str(config),
                "run",
                str(tmp_path / "openapi.json"),
                "--url",
                base,
                "--checks",
                "all",
                # Schema-valid strings (a date filter, an opaque cursor) may still be
                # refused with a 400 that says why; every other check stays on.
                "--exclude-checks",
                "positive_data_acceptance",
                # An event stream never ends: nothing to validate a response against.
                "--exclude-path",
                "/api/stream",
                *budget,
                "--seed",
                "20260109",
                "--generation-database",
                "none",
                "--header",
                "X-Reactiond-Secret: st-secret-0123456789",
                *auth,
                "--no-color",
                "--workers",
                "1",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=840,  # under this test's 900 s timeout, so a hang says where it was
        )
        assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
        documented = _documented(json.loads((tmp_path / "openapi.json").read_text()))
        operations = len({(m, p) for m, p in documented if p != "/api/stream"})
        assert f"Tested: {operations}\n" in done.stdout  # every documented operation but the stream
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        notify.close()
    # Our error middleware logs every unhandled exception as request_failed. (aiohttp's
    # own parser logs malformed requests it answers 400 to; those are not ours.)
    assert "request_failed" not in (tmp_path / "server.log").read_text()
