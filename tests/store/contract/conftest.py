"""The store contract suite: every test here runs against every store implementation.

A test builds its store only through the `Store` protocol and reads and writes only
through it and the repositories named in `reactiond.store.interface.STORE_API`: no SQL, no
implementation attribute. Adding an implementation is one line in `FACTORIES`: a function
from the test's request (for fixtures it needs, e.g. a running server), a fresh directory
and the job priority ingest should use, to an unopened store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from reactiond.store.interface import JobPriority, Store
from reactiond.store.sqlite.store import SqliteStore

Factory = Callable[[pytest.FixtureRequest, Path, JobPriority | None], Store]


def _sqlite(request: pytest.FixtureRequest, tmp: Path, priority: JobPriority | None) -> Store:
    return SqliteStore(tmp / "reactiond.db", default_max_attempts=3, job_priority=priority)


def _postgres(request: pytest.FixtureRequest, tmp: Path, priority: JobPriority | None) -> Store:
    """A migrated, empty database of its own on the test run's PostgreSQL (tests/postgres.py;
    skips without PostgreSQL binaries), given back emptied after the test."""
    from reactiond.store.postgres.store import PgStore

    databases = request.getfixturevalue("pg_databases")
    name = databases.take()
    request.addfinalizer(lambda: databases.give_back(name))
    url = databases.cluster.url(name)
    return PgStore(url, default_max_attempts=3, job_priority=priority)


FACTORIES: dict[str, Factory] = {
    "sqlite": _sqlite,
    "postgres": _postgres,
}

MakeStore = Callable[..., Awaitable[Store]]


@pytest.fixture(params=sorted(FACTORIES))
async def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[MakeStore]:
    """`await make_store(job_priority=…)`: an open store of this run's implementation,
    closed after the test."""
    opened: list[Store] = []
    factory = FACTORIES[request.param]

    async def make(*, job_priority: JobPriority | None = None) -> Store:
        directory = tmp_path / f"store{len(opened)}"
        directory.mkdir()
        store = factory(request, directory, job_priority)
        await store.open()
        opened.append(store)
        return store

    yield make
    for store in opened:
        await store.close()


@pytest.fixture
async def store(make_store: MakeStore) -> Store:
    return await make_store()
