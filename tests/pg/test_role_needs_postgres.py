"""`--role web|worker` splits reactiond over processes, which SQLite cannot take: refused
with what to do, before anything starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures import REPO


@pytest.mark.parametrize("role", ["web", "worker"])
def test_a_split_role_on_sqlite_is_refused_naming_postgres(tmp_path: Path, role: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REACTIOND_")}
    env |= {"REACTIOND_DATA_DIR": str(tmp_path), "REACTIOND_LANGUAGE": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "reactiond", "run", "--role", role],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "REACTIOND_DATABASE_URL=postgresql://" in done.stderr
    assert not (tmp_path / "reactiond.db").exists()
