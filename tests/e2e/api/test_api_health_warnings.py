"""Health tells a failure from a warning, and liveness from readiness (issue 16 item 7):
with Evolution never configured, replies that wait are a warning with their own hint, not
a 503 saying "check that Evolution is up"; `/livez` answers without a token and without
data, for load balancers and systemd."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from apisupport import NOW, Api, start_api

from reactiond.store.interface import Transaction
from tests.fake_evolution import FakeEvolution
from tests.store_writes import reply

TOKEN = "a-long-enough-api-token-0123456789"


def _old_reply(tx: Transaction) -> None:
    # waiting for a retry: the sender leaves it
    reply(tx, "a", instance="reactiond-demo", queued_at=NOW - 3600, due_at=NOW + 86400)


async def test_waiting_replies_without_evolution_configured_are_a_warning(api: Api) -> None:
    await api.daemon.store.write(_old_reply)
    status, body = await api.get("/api/health")
    assert status == 200
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert body["warnings"] == ["evolution", "outbox"]
    outbox = body["checks"]["outbox"]
    assert outbox["ok"] is True
    assert outbox["warning"] == "1 reply has waited 3600 s: Evolution is not configured"
    assert "REACTIOND_EVOLUTION_URL" in outbox["hint"]
    assert "check that Evolution is up" not in outbox["hint"]
    evolution = body["checks"]["evolution"]
    assert (evolution["ok"], evolution["configured"]) == (True, False)
    assert "REACTIOND_EVOLUTION_API_KEY" in evolution["hint"]


@pytest.fixture
async def fake() -> AsyncIterator[FakeEvolution]:
    server = FakeEvolution()
    await server.start()
    yield server
    await server.stop()


async def test_waiting_replies_with_evolution_configured_still_fail(
    tmp_path: Path, fake: FakeEvolution
) -> None:
    settings = {
        "evolution_url": fake.url,
        "evolution_api_key": fake.api_key,
        "allowed_instances": [fake.instance],
    }
    async for api in start_api(tmp_path, **settings):
        await api.daemon.store.write(_old_reply)
        status, body = await api.get("/api/health")
        assert status == 503
        assert body["failing"] == ["outbox"]
        assert body["warnings"] == []
        assert "Evolution is up" in body["checks"]["outbox"]["hint"]


async def test_livez_answers_without_the_token_and_without_data(tmp_path: Path) -> None:
    async for api in start_api(tmp_path, api_token=TOKEN):
        async with api.http.get(api.url + "/livez") as r:
            assert r.status == 200
            assert await r.json() == {"status": "alive"}
        status, _ = await api.get("/api/health")
        assert status == 401  # the readiness report stays behind the token
