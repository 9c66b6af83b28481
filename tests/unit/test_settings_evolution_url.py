"""A mistyped REACTIOND_EVOLUTION_URL stops the start with a reason (found in the new-user
review: 'notaurl' was accepted and every reply retried against it for 48 hours)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reactiond.settings import SettingsError, load_settings


@pytest.mark.parametrize("url", ["notaurl", "127.0.0.1:8080", "ftp://evo.example"])
def test_an_evolution_url_that_is_not_http_is_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(SettingsError, match="is not an http"):
        load_settings(data_dir=tmp_path, evolution_url=url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "https://evo.example.com/", None, ""])
def test_an_http_url_or_none_is_accepted(tmp_path: Path, url: str | None) -> None:
    assert load_settings(data_dir=tmp_path, evolution_url=url).evolution_url == url
