from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reactiond.app import Daemon
from reactiond.evolution.client import EvolutionClient, Timeouts
from reactiond.settings import load_settings
from tests.fake_evolution import FakeEvolution
from tests.log_sink import reset_logging
from tests.waiting import PATIENCE, eventually


@pytest.fixture(autouse=True)
def _fresh_logging() -> Iterator[None]:
    """CLI tests configure structlog onto a captured stream that is closed afterwards;
    start and end each test with structlog's defaults."""
    reset_logging()
    yield
    reset_logging()


@pytest.fixture
async def fake() -> AsyncIterator[FakeEvolution]:
    server = FakeEvolution()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def client(fake: FakeEvolution) -> AsyncIterator[EvolutionClient]:
    async with EvolutionClient(
        fake.url, fake.api_key, timeouts=Timeouts(connect=PATIENCE, total=PATIENCE)
    ) as c:
        yield c


class Clock:
    """An injectable clock: real time plus an offset the test moves forward."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


DaemonFactory = Callable[..., Awaitable[Daemon]]


@pytest.fixture
async def make_daemon(tmp_path: Path, fake: FakeEvolution) -> AsyncIterator[DaemonFactory]:
    """Start a real daemon (store, worker, outbox sender, web server on a free port)
    talking to the fake Evolution; stopped at the end. Call again for a restart."""
    started: list[Daemon] = []

    async def make(clock: Callable[[], float] = time.time, **overrides: Any) -> Daemon:
        values: dict[str, Any] = {
            "data_dir": tmp_path / "data",
            "port": 0,
            "webhook_secret": "test-secret-0123456789",
            "evolution_url": fake.url,
            "evolution_api_key": fake.api_key,
            # Far above a healthy loopback answer even on a loaded machine: a send that
            # times out is retried and Evolution would see it twice (at-least-once), which
            # tests that count sends must not mistake for a bug. Timeout tests override it.
            "evolution_timeout_seconds": 10.0,
            "outbox_backoff_max_seconds": 0.05,
            "log_level": "warning",
        }
        values.update(overrides)
        daemon = Daemon(load_settings(**values), clock=clock)
        await daemon.start()
        started.append(daemon)
        return daemon

    yield make
    for daemon in reversed(started):
        # Not stopped yet (a test may stop or "crash" one itself): its web server or its
        # store (SQLite's writer, PostgreSQL's pool) still open.
        store_open = getattr(daemon.store, "_writer", None) or getattr(daemon.store, "_pool", None)
        if daemon.runner is not None or store_open is not None:
            await daemon.stop()


async def wait_until(
    predicate: Callable[[], Awaitable[bool]],
    *,
    what: str | None = None,
    within: float = PATIENCE,
    step: float = 0.01,
) -> None:
    """Poll until `predicate()` holds; the deadline is for a loaded CI machine."""
    name = what or getattr(predicate, "__name__", "the condition")
    await eventually(predicate, what=name, within=within, step=step)


async def sender_idle(daemon: Daemon) -> None:
    """Until the outbox sender waits on its timer or a wake-up, having found nothing to send."""
    from reactiond.engine.outbox import OutboxSender

    [sender] = [s for s in daemon.services if isinstance(s, OutboxSender)]

    async def idle() -> bool:
        return sender.idle

    await eventually(idle, what="the outbox sender idle")


async def crash(daemon: Daemon) -> None:
    """As close to `kill -9` as one process allows: tasks die mid-flight, nothing more is
    recorded, the database is closed as the OS would leave it."""
    from reactiond.engine.outbox import OutboxSender

    for service in daemon.services:
        if isinstance(service, OutboxSender):
            tasks = [*service._inflight.values()]
            if service._loop_task is not None:
                tasks.append(service._loop_task)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
    for task in daemon.worker._tasks:
        task.cancel()
    await asyncio.gather(*daemon.worker._tasks, return_exceptions=True)
    if daemon.runner is not None:
        await daemon.runner.cleanup()
        daemon.runner = None
    if daemon.evolution is not None:
        await daemon.evolution.close()
    await daemon.store.close()
