"""`scripts/test` installs systemd-analyze, promtool and chromium with apt-get as root: it
says what and why first, and REACTIOND_TEST_NO_APT=1 skips it, naming the tests that will
skip (issue 16).
Run with a PATH holding only a fake `id` and a fake `apt-get` that records its calls."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.e2e.ops.test_unit_file import needs_analyze
from tests.fixtures import REPO

SCRIPT = REPO / "scripts" / "system-tools"


def fake_bin(tmp_path: Path, uid: int = 0) -> Path:
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (bin_ / "apt-get").write_text(
        f'#!/bin/sh\necho "APT-GET $*" >&2\necho "$*" >> {tmp_path / "apt.log"}\n'
    )
    for tool in ("id", "apt-get"):
        (bin_ / tool).chmod(0o755)
    return bin_


def system_tools(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["/bin/bash", str(SCRIPT)],
        env={"PATH": str(fake_bin(tmp_path)), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_as_root_it_says_what_it_installs_and_why_before_apt_get(tmp_path: Path) -> None:
    done = system_tools(tmp_path)
    assert done.returncode == 0, done.stderr
    said = done.stderr.index("installing systemd prometheus chromium tesseract-ocr")
    assert said < done.stderr.index("APT-GET")
    assert "test_unit_file.py" in done.stderr and "test_api_prometheus_rules.py" in done.stderr
    assert "tests/e2e/web/" in done.stderr
    assert "REACTIOND_TEST_NO_APT=1" in done.stderr
    assert (
        "install -y -qq --no-install-recommends systemd prometheus chromium tesseract-ocr"
        in (tmp_path / "apt.log").read_text()
    )


def test_no_apt_skips_apt_get_and_names_the_tests_that_will_skip(tmp_path: Path) -> None:
    done = system_tools(tmp_path, REACTIOND_TEST_NO_APT="1")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "apt.log").exists()
    assert "not installing systemd prometheus chromium tesseract-ocr" in done.stderr
    assert "systemd-analyze" in done.stderr and "promtool" in done.stderr
    assert "chromium" in done.stderr and "tests/e2e/web/" in done.stderr
    assert "test_unit_file.py" in done.stderr and "test_api_prometheus_rules.py" in done.stderr


def test_the_tests_that_need_the_tools_skip_saying_so() -> None:
    reason = needs_analyze.kwargs["reason"]
    assert "REACTIOND_TEST_NO_APT=1" in reason and "apt-get install systemd" in reason
    # tests/e2e/api has its own import path (apisupport): read its mark as text.
    promtool = (REPO / "tests/e2e/api/test_api_prometheus_rules.py").read_text()
    assert "apt-get install prometheus" in promtool and "REACTIOND_TEST_NO_APT=1" in promtool
    browser = (REPO / "tests/e2e/web/conftest.py").read_text()
    assert "apt-get install chromium" in browser and "REACTIOND_TEST_NO_APT=1" in browser
