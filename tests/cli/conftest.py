from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog


@pytest.fixture(autouse=True)
def _logging_back_to_defaults() -> Iterator[None]:
    """The CLI configures structlog to print to the runner's captured stderr, which the
    runner closes; later tests must not log into a closed file."""
    yield
    structlog.reset_defaults()


def with_database(data_dir: Path) -> Path:
    """A data dir holding a migrated, empty database, as after a first `reactiond run`:
    read commands refuse a data dir without one (issue 16)."""
    from reactiond.store.sqlite.store import SqliteStore

    async def create() -> None:
        store = SqliteStore(data_dir / "reactiond.db")
        await store.open()
        await store.close()

    data_dir.mkdir(parents=True, exist_ok=True)
    asyncio.run(create())
    return data_dir
