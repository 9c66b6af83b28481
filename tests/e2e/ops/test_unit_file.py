"""systemd/reactiond.service as systemd itself reads it (`systemd-analyze`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.ops.support import REPO

UNIT = REPO / "systemd/reactiond.service"
SHIPPED_EXEC = "/opt/reactiond/venv/bin/reactiond"
ANALYZE = shutil.which("systemd-analyze")
needs_analyze = pytest.mark.skipif(
    ANALYZE is None,
    reason="systemd-analyze is not installed (apt-get install systemd; scripts/test does it "
    "as root unless REACTIOND_TEST_NO_APT=1)",
)


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


MDWE = REPO / "tests/e2e/ops/mdwe.py"


def mdwe_supported() -> bool:
    probe = subprocess.run(
        [sys.executable, str(MDWE), sys.executable, "-c", "pass"], capture_output=True
    )
    return probe.returncode == 0


needs_mdwe = pytest.mark.skipif(not mdwe_supported(), reason="kernel without PR_SET_MDWE")


@needs_mdwe
def test_mdwe_is_really_enforced_by_the_wrapper() -> None:
    code = (
        "import mmap\n"
        "try:\n"
        "    mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)\n"
        "except PermissionError:\n"
        "    raise SystemExit(0)\n"
        "raise SystemExit(1)\n"
    )
    assert subprocess.run([sys.executable, str(MDWE), sys.executable, "-c", code]).returncode == 0


@needs_mdwe
def test_the_dependencies_work_under_memory_deny_write_execute() -> None:
    """lingua (Rust), pydantic-core (Rust), apsw (C) and the rest, as the NLP will use them."""
    code = (
        "import aiohttp, apsw, babel, icalendar, jwt, phonenumbers, pydantic, structlog, typer\n"
        "from lingua import Language, LanguageDetectorBuilder\n"
        "d = LanguageDetectorBuilder.from_languages(Language.SPANISH, Language.ENGLISH,"
        " Language.PORTUGUESE).build()\n"
        "assert d.detect_language_of('Pagar la luz mañana') == Language.SPANISH\n"
    )
    result = subprocess.run(
        [sys.executable, str(MDWE), sys.executable, "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
