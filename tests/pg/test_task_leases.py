"""Periodic tasks have one holder at a time, on either store, and move on when it stops."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from reactiond.engine.held import Held
from reactiond.store import leases_repo
from reactiond.store.interface import Store
from reactiond.store.postgres.store import PgStore
from reactiond.store.sqlite.store import SqliteStore
from tests.waiting import eventually

NOW = 1_800_000_000.0


@pytest.fixture(params=["sqlite", "postgres"])
def open_store(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Callable[[], AsyncIterator[Store]]:
    @asynccontextmanager
    async def opened() -> AsyncIterator[Store]:
        store: SqliteStore | PgStore
        if request.param == "sqlite":
            store = SqliteStore(tmp_path / "reactiond.db")
        else:
            store = PgStore(request.getfixturevalue("pg_url"))
        await store.open()
        try:
            yield store
        finally:
            await store.close()

    return opened  # type: ignore[return-value]


async def test_a_task_has_one_holder_until_its_lease_runs_out(open_store: Callable) -> None:
    async with open_store() as store:

        def hold(who: str, at: float) -> Callable:
            return lambda tx: leases_repo.hold(tx, "outbox", who, 15, at)

        assert await store.write(hold("a", NOW))
        assert not await store.write(hold("b", NOW + 1))
        assert await store.write(hold("a", NOW + 10))  # renewed: now until NOW + 25
        assert not await store.write(hold("b", NOW + 20))
        assert await store.write(hold("b", NOW + 25))  # a stopped renewing
        assert not await store.write(hold("a", NOW + 26))


async def test_a_task_let_go_is_free_at_once(open_store: Callable) -> None:
    async with open_store() as store:
        assert await store.write(lambda tx: leases_repo.hold(tx, "retention", "a", 15, NOW))
        await store.write(lambda tx: leases_repo.let_go(tx, "retention", "a"))
        assert await store.write(lambda tx: leases_repo.hold(tx, "retention", "b", 15, NOW))


class Counting:
    def __init__(self) -> None:
        self.running = False
        self.starts = 0

    async def start(self) -> None:
        self.running = True
        self.starts += 1

    async def stop(self) -> None:
        self.running = False


async def test_one_process_runs_a_held_service_and_another_takes_it_over(pg_url: str) -> None:
    a_store, b_store = PgStore(pg_url), PgStore(pg_url)
    await a_store.open()
    await b_store.open()
    try:
        a_svc, b_svc = Counting(), Counting()
        a = Held(a_svc, "outbox", a_store, "a", lease_seconds=1.5)
        b = Held(b_svc, "outbox", b_store, "b", lease_seconds=1.5)
        await a.start()
        await eventually(lambda: _true(a_svc.running), what="a runs the sender")
        await b.start()
        # b asks again and again (a third of the lease apart): a renews, b never gets it.
        await eventually(lambda: _true(b.asked >= 3), what="b asking three times")
        assert a_svc.running and not b_svc.running
        await a.stop()  # a clean stop lets go: b takes over within its asking interval
        await eventually(lambda: _true(b_svc.running), what="b takes the sender over")
        assert not a_svc.running
        await b.stop()
    finally:
        await a_store.close()
        await b_store.close()


async def test_a_held_service_stops_when_its_lease_is_taken(pg_url: str) -> None:
    store = PgStore(pg_url)
    await store.open()
    try:
        svc = Counting()
        held = Held(svc, "retention", store, "stalled", lease_seconds=0.6)
        await held.start()
        await eventually(lambda: _true(svc.running), what="the service runs")
        # Another process took the task (this one stalled past its lease).
        await store.write(lambda tx: leases_repo.let_go(tx, "retention", "stalled"))
        await store.write(lambda tx: leases_repo.hold(tx, "retention", "other", 60, 4e9))
        await eventually(lambda: _true(not svc.running), what="the service stops")
        await held.stop()
    finally:
        await store.close()


async def _true(value: bool) -> bool:
    return value
