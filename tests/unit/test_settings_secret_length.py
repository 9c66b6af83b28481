"""A webhook secret, JWT key, HMAC secret or API token shorter than 16 characters is
refused, with how to make one (issue 12, item 5): a guessable credential on a port the
network reaches."""

from __future__ import annotations

from pathlib import Path

import pytest

from reactiond.settings import InvalidSettings, load_settings


@pytest.mark.parametrize(
    "setting", ["webhook_secret", "webhook_jwt_key", "webhook_hmac_secret", "api_token"]
)
@pytest.mark.parametrize("value", ["a", "fifteen-chars-x", " " * 20 + "short"])
def test_a_short_secret_is_refused_with_how_to_make_one(
    tmp_path: Path, setting: str, value: str
) -> None:
    with pytest.raises(InvalidSettings) as caught:
        load_settings(data_dir=tmp_path, **{setting: value})
    assert setting in str(caught.value)
    assert "python -c 'import secrets; print(secrets.token_urlsafe(32))'" in str(caught.value)
    assert [(name, kind) for name, kind, _ in caught.value.errors] == [
        (setting, "secret_too_short")
    ]


def test_a_short_secret_from_the_environment_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REACTIOND_WEBHOOK_SECRET", "hunter2")
    with pytest.raises(InvalidSettings, match="shorter than 16"):
        load_settings(data_dir=tmp_path)


@pytest.mark.parametrize(
    "setting", ["webhook_secret", "webhook_jwt_key", "webhook_hmac_secret", "api_token"]
)
def test_sixteen_characters_are_enough(tmp_path: Path, setting: str) -> None:
    assert getattr(load_settings(data_dir=tmp_path, **{setting: "x" * 16}), setting)
