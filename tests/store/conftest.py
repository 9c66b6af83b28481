from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from reactiond.store.sqlite.store import SqliteStore


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    s = SqliteStore(tmp_path / "reactiond.db", default_max_attempts=3)
    await s.open()
    try:
        yield s
    finally:
        await s.close()
