"""`/api/health`'s Evolution check asks Evolution whether WhatsApp is connected on each
known instance (`connectionState`), with a short timeout, against the fake Evolution."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from apisupport import NOW, Api, start_api

from tests.fake_evolution import FakeEvolution


@pytest.fixture
async def fake() -> AsyncIterator[FakeEvolution]:
    server = FakeEvolution()
    await server.start()
    yield server
    await server.stop()


def evolution(fake: FakeEvolution, **overrides: Any) -> dict[str, Any]:
    return {
        "evolution_url": fake.url,
        "evolution_api_key": fake.api_key,
        "allowed_instances": [fake.instance],
        **overrides,
    }


def state_requests(fake: FakeEvolution) -> list[str]:
    return [r.instance for r in fake.requests if r.path.startswith("/instance/connectionState/")]


async def test_connected_instance_is_healthy_and_its_state_reported(
    tmp_path: Path, fake: FakeEvolution
) -> None:
    async for api in start_api(tmp_path, **evolution(fake)):
        status, body = await api.get("/api/health")
        assert status == 200
        assert body["checks"]["evolution"] == {
            "ok": True,
            "configured": True,
            "instances": {"reactiond-demo": "open"},
        }
        assert state_requests(fake) == ["reactiond-demo"]


async def test_disconnected_whatsapp_fails_health_with_what_to_do(
    tmp_path: Path, fake: FakeEvolution
) -> None:
    fake.state = "close"
    async for api in start_api(tmp_path, **evolution(fake)):
        status, body = await api.get("/api/health")
        assert status == 503
        assert body["failing"] == ["evolution"]
        check = body["checks"]["evolution"]
        assert check["instances"] == {"reactiond-demo": "close"}
        assert check["problem"] == "WhatsApp is not usable on reactiond-demo (close)"
        assert "/instance/connect/reactiond-demo" in check["hint"]


async def test_wrong_api_key_fails_health_naming_the_setting(
    tmp_path: Path, fake: FakeEvolution
) -> None:
    async for api in start_api(tmp_path, **evolution(fake, evolution_api_key="wrong")):
        status, body = await api.get("/api/health")
        assert status == 503
        assert body["checks"]["evolution"]["instances"] == {"reactiond-demo": "unauthorized"}
        assert "REACTIOND_EVOLUTION_API_KEY" in body["checks"]["evolution"]["hint"]


async def test_unknown_instance_fails_health_naming_it(tmp_path: Path, fake: FakeEvolution) -> None:
    async for api in start_api(tmp_path, **evolution(fake, allowed_instances=["typo"])):
        status, body = await api.get("/api/health")
        assert status == 503
        assert body["checks"]["evolution"]["instances"] == {"typo": "not_found"}
        assert "'typo'" in body["checks"]["evolution"]["hint"]


async def test_evolution_down_fails_health(tmp_path: Path, fake: FakeEvolution) -> None:
    await fake.down()
    async for api in start_api(tmp_path, **evolution(fake)):
        status, body = await api.get("/api/health")
        assert status == 503
        assert body["checks"]["evolution"]["instances"] == {"reactiond-demo": "unreachable"}
        assert "REACTIOND_EVOLUTION_URL" in body["checks"]["evolution"]["hint"]


async def test_a_slow_evolution_fails_health_within_the_short_timeout(
    tmp_path: Path, fake: FakeEvolution
) -> None:
    fake.slow(10.0)
    async for api in start_api(tmp_path, **evolution(fake)):
        started = time.monotonic()
        status, body = await api.get("/api/health")
        assert time.monotonic() - started < 6.0  # 3 s per question, not Evolution's 10 s
        assert status == 503
        assert body["checks"]["evolution"]["instances"] == {"reactiond-demo": "unreachable"}


async def test_without_allowed_instances_the_instances_webhooks_came_from_are_checked(
    tmp_path: Path, fake: FakeEvolution
) -> None:
    async def seen(api: Api) -> None:
        await api.daemon.store.count_event("reactiond-demo", "messages.upsert", "stored", NOW)

    async for api in start_api(tmp_path, **evolution(fake, allowed_instances=[])):
        await seen(api)
        status, body = await api.get("/api/health")
        assert status == 200
        assert body["checks"]["evolution"]["instances"] == {"reactiond-demo": "open"}
