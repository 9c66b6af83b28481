"""A target's password: read from its file or variable, and blanked out of every log line
from then on (also after a SIGHUP re-registers the settings' secrets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reactiond.caldav.credentials import CredentialsMissing, read_password
from reactiond.logs import REDACTED, redact, register_secrets


def test_read_from_a_file_without_its_newline(tmp_path: Path) -> None:
    path = tmp_path / "pw"
    path.write_text("s3cret-calendar-pass\n")
    assert read_password(str(path), None) == "s3cret-calendar-pass"


def test_read_from_a_variable() -> None:
    assert read_password(None, "CALDAV_X", {"CALDAV_X": "from-the-env-123"}) == "from-the-env-123"


@pytest.mark.parametrize("content", [None, "", "\n"])
def test_a_missing_or_empty_file_says_where(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "pw"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CredentialsMissing) as caught:
        read_password(str(path), None)
    assert caught.value.source == str(path)


def test_an_unset_variable_says_which() -> None:
    with pytest.raises(CredentialsMissing) as caught:
        read_password(None, "CALDAV_NOPE", {})
    assert caught.value.source == "$CALDAV_NOPE"


def test_a_password_read_is_redacted_from_logs_even_after_a_reload(tmp_path: Path) -> None:
    path = tmp_path / "pw"
    path.write_text("never-in-a-log-line-42")
    read_password(str(path), None)
    assert redact("PUT failed for never-in-a-log-line-42") == f"PUT failed for {REDACTED}"
    register_secrets(["another-secret-of-the-settings"])  # what SIGHUP does
    assert "never-in-a-log-line-42" not in redact("again never-in-a-log-line-42")
