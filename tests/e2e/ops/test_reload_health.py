"""`/api/health` reads the settings in force: after SIGHUP it asks Evolution about the
newly allowed instances, not the ones of the start (noticed in session 1's review)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp

from reactiond.settings import load_settings
from tests.e2e.daemon import SECRET, base_url, running_daemon

NOBODY = "http://127.0.0.1:9"  # nothing answers: the check still names the instances


async def instances_checked(url: str) -> list[str]:
    async with aiohttp.ClientSession() as s, s.get(f"{url}/api/health") as resp:
        body: dict[str, Any] = await resp.json()
    return sorted(body["checks"]["evolution"]["instances"])


async def test_health_checks_the_instances_allowed_by_the_reloaded_settings(
    tmp_path: Path,
) -> None:
    values = {"data_dir": tmp_path, "port": 0, "webhook_secret": SECRET, "evolution_url": NOBODY}
    async with running_daemon(tmp_path, evolution_url=NOBODY, allowed_instances=["first"]) as d:
        assert await instances_checked(base_url(d)) == ["first"]
        d.reload(load_settings(None, **values, allowed_instances=["second"]))
        assert await instances_checked(base_url(d)) == ["second"]
