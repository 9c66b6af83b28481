"""What the talking-back part adds is documented: its settings, commands and endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest

from reactiond.settings import Settings

REPO = Path(__file__).resolve().parents[3]
DOCS = (REPO / "docs/talkback.md").read_text() + (REPO / "docs/outbox.md").read_text()

TALKBACK_SETTINGS = [
    "evolution_url",
    "evolution_api_key",
    "evolution_timeout_seconds",
    "outbox_concurrency",
    "outbox_backoff_max_seconds",
    "outbox_give_up_hours",
    "reminder_bill_days_before",
    "reminder_morning_hour",
    "reminder_lead_minutes",
    "event_log_keep_rows",
    "event_log_max_age_days",
    "stream_heartbeat_seconds",
]


@pytest.mark.parametrize("name", TALKBACK_SETTINGS)
def test_each_talkback_setting_exists_and_is_documented(name: str) -> None:
    assert name in Settings.model_fields
    assert f"REACTIOND_{name.upper()}" in DOCS


@pytest.mark.parametrize(
    "text",
    [
        "reactiond outbox list",
        "reactiond outbox retry",
        "reactiond evolution connect",
        "GET /api/stream",
        "Last-Event-ID",
    ],
)
def test_each_command_and_endpoint_is_documented(text: str) -> None:
    assert text in DOCS
