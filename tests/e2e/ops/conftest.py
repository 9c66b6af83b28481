"""Fixtures for the ops end-to-end tests (helpers live in support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.ops.support import DaemonProcess


@pytest.fixture
def daemon_factory(tmp_path: Path) -> Iterator[Any]:
    started: list[DaemonProcess] = []

    def make(data_dir: Path | None = None, **kw: Any) -> DaemonProcess:
        d = DaemonProcess(data_dir or tmp_path / "data", **kw)
        started.append(d)
        return d

    yield make
    for d in started:
        d.stop()
