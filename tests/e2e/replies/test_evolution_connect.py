from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from reactiond.cli.main import app
from reactiond.engine.talkback import EvolutionNotConfigured, connect_instance, evolution_version
from reactiond.evolution.client import WEBHOOK_EVENTS
from reactiond.settings import load_settings
from reactiond.webhook_credentials import ensure_generated_secret
from tests.cli.conftest import with_database
from tests.fake_evolution import FakeEvolution


async def test_connect_points_the_webhook_here_with_the_configured_secret(
    tmp_path: Path, fake: FakeEvolution
) -> None:
    s = load_settings(
        data_dir=tmp_path,
        port=8799,
        webhook_secret="configured-secret",
        evolution_url=fake.url,
        evolution_api_key=fake.api_key,
    )
    found = await connect_instance(s, "reactiond-demo")
    assert found is not None
    assert found.url == "http://127.0.0.1:8799/webhook/reactiond-demo"
    assert found.events == WEBHOOK_EVENTS
    assert found.headers == {"x-reactiond-secret": "configured-secret"}


async def test_connect_uses_the_generated_secret_when_none_is_configured(
    tmp_path: Path, fake: FakeEvolution
) -> None:
    s = load_settings(data_dir=tmp_path, evolution_url=fake.url, evolution_api_key=fake.api_key)
    found = await connect_instance(s, "reactiond-demo", "https://reactiond.example.test")
    assert found is not None
    assert found.url == "https://reactiond.example.test/webhook/reactiond-demo"
    assert found.headers["x-reactiond-secret"] == ensure_generated_secret(s)


async def test_connect_without_evolution_configured_says_what_to_set(tmp_path: Path) -> None:
    with pytest.raises(EvolutionNotConfigured, match="REACTIOND_EVOLUTION_URL"):
        await connect_instance(load_settings(data_dir=tmp_path), "reactiond-demo")


def test_outbox_list_on_an_empty_database_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REACTIOND_DATA_DIR", str(with_database(tmp_path)))
    result = CliRunner().invoke(app, ["outbox", "list", "--status", "dead"])
    assert result.exit_code == 0, result.output
    assert "no replies with status dead" in result.output


def test_outbox_retry_of_an_unknown_reply_fails_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REACTIOND_DATA_DIR", str(with_database(tmp_path)))
    result = CliRunner().invoke(app, ["outbox", "retry", "99"])
    assert result.exit_code == 1
    assert "no reply 99" in result.output


async def test_connect_learns_the_evolution_version(tmp_path: Path, fake: FakeEvolution) -> None:
    fake.version = "2.4.0-rc2"
    s = load_settings(data_dir=tmp_path, evolution_url=fake.url, evolution_api_key=fake.api_key)
    assert await evolution_version(s) == "2.4.0-rc2"
