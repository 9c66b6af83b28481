from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests import store_reads
from tests.e2e.daemon import SECRET, base_url, running_daemon
from tests.fixtures import fixture
from tests.log_sink import reset_logging
from tests.waiting import eventually


@pytest.fixture(autouse=True)
def _logging_back_to_defaults() -> Iterator[None]:
    """The CLI configures structlog to print to the runner's captured stderr, which the
    runner closes; later tests must not log into a closed file."""
    yield
    reset_logging()


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


async def a_data_dir_with_one_task(data_dir: Path) -> None:
    async with running_daemon(data_dir) as d, aiohttp.ClientSession() as http:
        for name in ("messages.upsert.text-conversation.es", "messages.upsert.reaction-add"):
            url = f"{base_url(d)}/webhook/reactiond-demo"
            async with http.post(url, json=fixture(name), headers={"X-Reactiond-Secret": SECRET}):
                pass

        async def tasks() -> int:
            return len(await store_reads.records(d.store, "tasks"))

        await eventually(tasks, what="the task of the ✅ reaction")


@pytest.fixture(scope="session")
def data_dir_with_a_task(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose database holds one task (the tests only read it): made once, by a
    daemon run in-process, for the CLI tests that list records."""
    data_dir = tmp_path_factory.mktemp("with-a-task")
    asyncio.run(a_data_dir_with_one_task(data_dir))
    return data_dir
