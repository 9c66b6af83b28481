"""The generated webhook secret lives in `<data dir>/webhook-secret`, a file a person may
edit: the 16-character minimum that REACTIOND_WEBHOOK_SECRET has holds there too (issue 12
§5). Before, `abc` written into the file was accepted as the webhook's only credential."""

from __future__ import annotations

from pathlib import Path

import pytest

from reactiond.settings import SettingsError
from tests.e2e.daemon import running_daemon


@pytest.fixture(params=["abc\n", "\n"])
def edited_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    tmp_path.chmod(0o700)
    (tmp_path / "webhook-secret").write_text(request.param, encoding="utf-8")
    return tmp_path


async def test_a_short_secret_in_the_file_stops_the_start(edited_file: Path) -> None:
    with pytest.raises(SettingsError, match=r"shorter than 16 characters.*token_urlsafe"):
        async with running_daemon(edited_file, webhook_secret=None):
            pass


async def test_the_secret_it_made_itself_is_kept(tmp_path: Path) -> None:
    async with running_daemon(tmp_path, webhook_secret=None):
        pass
    made = (tmp_path / "webhook-secret").read_text(encoding="utf-8")
    async with running_daemon(tmp_path, webhook_secret=None):
        pass
    assert (tmp_path / "webhook-secret").read_text(encoding="utf-8") == made
