"""`reactiond doctor --offline` on a full disk says to free disk space (as /api/health
does), not to give the reactiond user write access."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reactiond.cli.text import CATALOG, LANGUAGES
from tests.cli.conftest import with_database
from tests.cli_in_process import run_cli


def test_doctor_on_a_full_disk_says_free_disk_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = with_database(tmp_path / "data")
    write = Path.write_bytes

    def full(self: Path, content: bytes) -> int:
        if not self.name.startswith(".doctor-"):
            return write(self, content)
        write(self, b"")  # made, but its byte does not fit
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    result = run_cli({"REACTIOND_DATA_DIR": str(data)}, "doctor", "--offline")
    assert result.exit_code == 1, result.output
    [line] = [line for line in result.stdout.splitlines() if str(data) in line and "FAIL" in line]
    assert (
        f"the disk of {data} is full (No space left on device): free disk space, or move"
        " REACTIOND_DATA_DIR to a larger disk" in line
    ), line
    assert "write access" not in result.output
    assert not list(data.glob(".doctor-*"))


def test_the_full_disk_line_is_in_every_language() -> None:
    words = CATALOG["doctor.data_dir.no_space"]
    said = {language: words.get(language) for language in LANGUAGES}
    assert len(set(said.values())) == len(LANGUAGES), said  # none falls back to English
    assert all("REACTIOND_DATA_DIR" in s and "{reason}" in s for s in said.values())
