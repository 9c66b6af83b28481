"""Files stay private (issue 12, item 5): the data dir 0700; the database, its WAL and
shared memory, the generated secret, backups and exports 0600; `doctor` warns about looser
modes; unknown REACTIOND_* variables are named at start and by doctor. Before, outside
systemd, the data dir was 0755 and the database and backups 0644."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from structlog.testing import capture_logs

from reactiond.ops.doctor import Status, check_environment, check_file_modes
from reactiond.settings import unknown_env
from reactiond.store.snapshot import probe_write
from tests.e2e.daemon import running_daemon
from tests.fixtures import REPO


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The usual desktop umask (022), under which files used to come out 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


async def test_the_daemon_creates_a_private_data_dir_and_database(
    tmp_path: Path, open_umask: None
) -> None:
    data = tmp_path / "data"
    async with running_daemon(data, webhook_secret=None) as d:
        await d.store.write(lambda tx: probe_write(tx, d.clock()))
        assert mode(data) == 0o700
        for name in ("reactiond.db", "reactiond.db-wal", "reactiond.db-shm", "webhook-secret"):
            assert mode(data / name) == 0o600, name


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REACTIOND_DATA_DIR": str(data)}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.umask(0o022); from reactiond.cli.main import main;"
            " sys.argv = ['reactiond', *sys.argv[1:]]; main()",
            *args,
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_backups_and_exports_are_private(tmp_path: Path, open_umask: None) -> None:
    data = tmp_path / "data"
    async with running_daemon(data):
        pass
    out = tmp_path / "out"
    out.mkdir()
    done = _cli(data, "backup", str(out / "copy.db"))
    assert done.returncode == 0, done.stderr
    assert mode(out / "copy.db") == 0o600
    done = _cli(data, "export", "ics", "--output", str(out / "cal.ics"))
    assert done.returncode == 0, done.stderr
    assert mode(out / "cal.ics") == 0o600


def test_doctor_warns_about_a_readable_data_dir_and_database(tmp_path: Path) -> None:
    (tmp_path / "reactiond.db").write_bytes(b"")
    os.chmod(tmp_path, 0o755)
    os.chmod(tmp_path / "reactiond.db", 0o644)
    check = check_file_modes(tmp_path)
    assert check.status is Status.WARN
    assert f"{tmp_path} 0755" in check.detail and "reactiond.db 0644" in check.detail
    assert "chmod 700" in check.detail
    os.chmod(tmp_path, 0o700)
    os.chmod(tmp_path / "reactiond.db", 0o600)
    assert check_file_modes(tmp_path).status is Status.OK


def test_an_unknown_reactiond_variable_is_named_with_the_setting_it_looks_like() -> None:
    env = {"REACTIOND_EVOLUTON_URL": "http://x", "REACTIOND_PORT": "1", "PATH": "/bin"}
    [typo] = unknown_env(env)
    assert (typo.name, typo.suggestion) == ("REACTIOND_EVOLUTON_URL", "REACTIOND_EVOLUTION_URL")
    check = check_environment(env)
    assert check.status is Status.WARN
    assert "REACTIOND_EVOLUTON_URL" in check.detail and "REACTIOND_EVOLUTION_URL" in check.detail
    assert check_environment({"REACTIOND_LANGUAGE": "es"}).status is Status.OK


async def test_an_unknown_reactiond_variable_is_named_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REACTIOND_EVOLUTON_URL", "http://127.0.0.1:8080")
    with capture_logs() as logs:
        async with running_daemon(tmp_path):
            pass
    [warning] = [e for e in logs if e["event"] == "unknown_settings_ignored"]
    assert warning["names"] == ["REACTIOND_EVOLUTON_URL"]
    assert warning["did_you_mean"] == {"REACTIOND_EVOLUTON_URL": "REACTIOND_EVOLUTION_URL"}
