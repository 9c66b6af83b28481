"""The example env file's `change-me`, copied unedited, must not become the webhook's
secret: anyone who read the example could post events (noticed in session 1's review)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reactiond.settings import SettingsError, load_settings


@pytest.mark.parametrize(
    "setting", ["webhook_secret", "webhook_jwt_key", "webhook_hmac_secret", "api_token"]
)
def test_the_example_placeholder_is_refused_as_a_secret(tmp_path: Path, setting: str) -> None:
    with pytest.raises(SettingsError, match="placeholder") as caught:
        load_settings(data_dir=tmp_path, **{setting: "change-me"})
    assert "token_urlsafe" in str(caught.value)


def test_the_placeholder_is_refused_from_the_environment_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REACTIOND_WEBHOOK_SECRET", " Change-Me ")
    with pytest.raises(SettingsError, match=r"webhook_secret.*placeholder"):
        load_settings(data_dir=tmp_path)


def test_a_real_secret_is_accepted(tmp_path: Path) -> None:
    s = load_settings(data_dir=tmp_path, webhook_secret="kQ3v-8_changeme-is-inside-but-long")
    assert s.webhook_secret is not None
