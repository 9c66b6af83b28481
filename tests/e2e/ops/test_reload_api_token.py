"""The API token is a live setting: SIGHUP rotates it without a restart; a reload that
would leave an exposed daemon without one is refused and changes nothing."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from reactiond.app import Daemon
from reactiond.settings import SettingsError, load_settings
from tests.e2e.daemon import SECRET, base_url, running_daemon


async def get_status(url: str, token: str | None = None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with (
        aiohttp.ClientSession() as s,
        s.get(f"{url}/api/openapi.json", headers=headers) as resp,
    ):
        await resp.read()
        return resp.status


async def test_sighup_rotates_the_api_token(daemon_factory: Any, tmp_path: Path) -> None:
    config = tmp_path / "reactiond.toml"
    config.write_text('api_token = "old-token-0123456789"\n')
    d = daemon_factory()
    d.argv = [d.argv[0], "-m", "reactiond", "--config", str(config), "run"]
    d.start()
    assert await get_status(d.url, "old-token-0123456789") == 200
    config.write_text('api_token = "new-token-0123456789"\n')
    d.notify.messages.clear()
    d.signal(signal.SIGHUP)
    d.notify.wait_for("READY=1")
    assert await get_status(d.url, "old-token-0123456789") == 401
    assert await get_status(d.url, "new-token-0123456789") == 200


async def test_a_token_added_on_reload_guards_a_loopback_daemon_that_had_none(
    tmp_path: Path,
) -> None:
    async with running_daemon(tmp_path) as d:
        url = base_url(d)
        assert await get_status(url) == 200
        d.reload(load_settings(None, **_values(tmp_path, api_token="added-token-0123")))
        assert await get_status(url) == 401
        assert await get_status(url, "added-token-0123") == 200


async def test_the_live_stream_takes_the_reloaded_token(tmp_path: Path) -> None:
    async with running_daemon(tmp_path, api_token="first-token-0123") as d:
        d.reload(load_settings(None, **_values(tmp_path, api_token="second-token-0123")))
        url = f"{base_url(d)}/api/stream?token=first-token-0123"
        async with aiohttp.ClientSession() as s, s.get(url) as resp:
            assert resp.status == 401


def _values(tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    return {"data_dir": tmp_path, "port": 0, "webhook_secret": SECRET, **overrides}


def test_removing_the_token_of_an_exposed_daemon_is_refused_and_keeps_everything(
    tmp_path: Path,
) -> None:
    # Built, never started: nothing listens on the non-loopback address.
    d = Daemon(
        load_settings(None, **_values(tmp_path, host="0.0.0.0", api_token="t-0123456789abcdef"))
    )
    before = d.settings
    new = load_settings(None, **_values(tmp_path, host="0.0.0.0", log_level="debug"))
    with pytest.raises(SettingsError, match="without an API token"):
        d.reload(new)
    assert d.api_token() == "t-0123456789abcdef"
    assert d.settings is before


def test_a_new_host_in_the_file_does_not_excuse_a_missing_token(tmp_path: Path) -> None:
    # The bound address changes only with a restart, so it is what the check uses.
    d = Daemon(
        load_settings(None, **_values(tmp_path, host="0.0.0.0", api_token="t-0123456789abcdef"))
    )
    with pytest.raises(SettingsError):
        d.reload(load_settings(None, **_values(tmp_path, host="127.0.0.1")))
    assert d.api_token() == "t-0123456789abcdef"
