from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from reactiond.store.postgres.store import PgStore


@pytest.fixture
async def pg_store(pg_url: str) -> AsyncIterator[PgStore]:
    s = PgStore(pg_url, default_max_attempts=3)
    await s.open()
    try:
        yield s
    finally:
        await s.close()


@pytest.fixture
async def store(pg_store: PgStore) -> PgStore:
    """The SQLite store suites' `store`, filled by PostgreSQL (tests/pg/test_store_suites.py)."""
    return pg_store
