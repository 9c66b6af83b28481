"""What ops adds is documented: its settings, its commands, what SIGHUP reloads."""

from __future__ import annotations

from pathlib import Path

import pytest

from reactiond.app import LIVE_SETTINGS

REPO = Path(__file__).resolve().parents[2]
DOCS = (REPO / "README.md").read_text() + (REPO / "packaging/systemd.md").read_text()

OPS_SETTINGS = [
    "stop_timeout_seconds",
    "retention_raw_days",
    "retention_jobs_days",
    "retention_logs_days",
    "retention_messages_days",
    "retention_interval_seconds",
    "retention_batch",
]


@pytest.mark.parametrize("name", OPS_SETTINGS)
def test_each_ops_setting_is_documented(name: str) -> None:
    assert f"REACTIOND_{name.upper()}" in DOCS


@pytest.mark.parametrize("command", ["reactiond backup", "reactiond restore", "reactiond doctor"])
def test_each_ops_command_is_documented(command: str) -> None:
    assert command in DOCS


def test_every_live_setting_is_reachable_by_sighup_and_named_in_the_docs() -> None:
    readme = (REPO / "README.md").read_text()
    section = readme[readme.index("**Reloading.**") :]
    for words in ("log level", "allowed instances", "webhook secret", "retention"):
        assert words in section
    assert {"log_level", "allowed_instances", "webhook_secret"} <= LIVE_SETTINGS


def test_the_env_example_says_restart_since_systemd_reads_it_only_at_start() -> None:
    # Issue 16: it said the webhook secret was "[live on reload]", but SIGHUP re-reads
    # the --config TOML file over the environment the daemon started with: a secret
    # rotated in /etc/reactiond/env and reloaded silently kept the old one.
    example = (REPO / "packaging/reactiond.env.example").read_text()
    assert "live" not in example.lower().replace("deliver", "")
    assert "sudo systemctl restart reactiond" in example
    unit = (REPO / "systemd/reactiond.service").read_text()
    assert "EnvironmentFile=" in unit  # what makes the above true
    systemd_md = (REPO / "packaging/systemd.md").read_text()
    assert "## Changing settings" in systemd_md
    assert "run --config /etc/reactiond/reactiond.toml" in systemd_md
