"""A feed's URL on a loopback address works only on this machine: `feeds create` and
`feeds rotate` say so, and how to give the address a phone reaches (issue 16 item 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from reactiond.cli.main import app


@pytest.fixture
def cli(tmp_path: Path) -> CliRunner:
    return CliRunner(env={"REACTIOND_DATA_DIR": str(tmp_path / "data")})


def test_a_feed_on_the_default_loopback_address_says_a_phone_cannot_reach_it(
    cli: CliRunner,
) -> None:
    result = cli.invoke(app, ["feeds", "create", "Ana"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8787/feeds/" in result.stdout
    assert "a phone cannot reach 127.0.0.1" in result.stderr
    assert "--base-url" in result.stderr
    assert "feeds rotate 1 --base-url" in result.stderr


def test_rotating_onto_localhost_says_it_too(cli: CliRunner) -> None:
    created = cli.invoke(app, ["feeds", "create", "Ana", "--base-url", "https://r.example"])
    assert created.exit_code == 0
    result = cli.invoke(app, ["feeds", "rotate", "1", "--base-url", "http://localhost:8787"])
    assert result.exit_code == 0, result.output
    assert "a phone cannot reach localhost" in result.stderr


def test_a_public_base_url_gets_no_warning(cli: CliRunner) -> None:
    result = cli.invoke(app, ["feeds", "create", "Ana", "--base-url", "https://r.example"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("https://r.example/feeds/")
    assert "phone" not in result.stderr
