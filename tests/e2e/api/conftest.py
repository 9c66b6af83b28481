"""Fixtures for the API tests: a real reactiond on a free loopback port."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from apisupport import Api, start_api


@pytest.fixture
async def api(tmp_path: Path) -> AsyncIterator[Api]:
    async for a in start_api(tmp_path / "data"):
        yield a
