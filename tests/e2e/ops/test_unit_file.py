"""systemd/reactiond.service as systemd itself reads it (`systemd-analyze`)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.ops.support import REPO

UNIT = REPO / "systemd/reactiond.service"
SHIPPED_EXEC = "/opt/reactiond/venv/bin/reactiond"
ANALYZE = shutil.which("systemd-analyze")
needs_analyze = pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed")


def unit_with_real_binary(tmp_path: Path, text: str | None = None) -> Path:
    """verify refuses an ExecStart that does not exist: point it at an executable here
    (the shipped path is checked separately against the install notes)."""
    binary = tmp_path / "reactiond"
    binary.write_text("#!/bin/sh\nexit 0\n")
    binary.chmod(0o755)
    unit = tmp_path / "reactiond.service"
    unit.write_text((text or UNIT.read_text()).replace(SHIPPED_EXEC, str(binary)))
    return unit


def analyze(*args: str) -> subprocess.CompletedProcess[str]:
    assert ANALYZE is not None
    return subprocess.run([ANALYZE, *args], capture_output=True, text=True, timeout=60)


@needs_analyze
def test_systemd_analyze_verify_accepts_the_unit_without_a_warning(tmp_path: Path) -> None:
    result = analyze("verify", str(unit_with_real_binary(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "" and result.stdout.strip() == ""


@needs_analyze
def test_verify_would_catch_a_misspelt_directive(tmp_path: Path) -> None:
    broken = UNIT.read_text().replace("ProtectSystem=strict", "ProtectSystm=strict")
    result = analyze("verify", str(unit_with_real_binary(tmp_path, broken)))
    assert "Unknown key" in result.stderr


@needs_analyze
def test_security_exposure_stays_low(tmp_path: Path) -> None:
    result = analyze("security", "--offline=yes", str(unit_with_real_binary(tmp_path)))
    found = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout)
    assert found, result.stdout + result.stderr
    assert float(found.group(1)) <= 1.5  # README records 1.2


def test_unit_is_notify_with_watchdog_state_dir_and_env_file() -> None:
    lines = set(UNIT.read_text().splitlines())
    for line in (
        "Type=notify",
        "WatchdogSec=30s",
        "StateDirectory=reactiond",
        "EnvironmentFile=-/etc/reactiond/env",
        f"ExecStart={SHIPPED_EXEC} run",
        "ExecReload=/bin/kill -HUP $MAINPID",
    ):
        assert line in lines


def test_install_notes_use_the_units_paths() -> None:
    notes = (REPO / "packaging/systemd.md").read_text()
    assert SHIPPED_EXEC.removesuffix("/bin/reactiond") in notes
    assert "/etc/reactiond/env" in notes
