"""Task leases (store/leases_repo.py): one holder per periodic task until its lease runs
out, on every store."""

from __future__ import annotations

from reactiond.store import leases_repo
from reactiond.store.interface import Store

NOW = 1_800_000_000.0


def hold(who: str, at: float):  # type: ignore[no-untyped-def]
    return lambda tx: leases_repo.hold(tx, "outbox", who, 15, at)


async def test_a_task_has_one_holder_until_its_lease_runs_out(store: Store) -> None:
    assert await store.write(hold("a", NOW))
    assert not await store.write(hold("b", NOW + 1))
    assert await store.write(hold("a", NOW + 10))  # renewed: now until NOW + 25
    assert not await store.write(hold("b", NOW + 20))
    assert await store.write(hold("b", NOW + 25))  # a stopped renewing
    assert not await store.write(hold("a", NOW + 26))
    [lease] = await store.read(leases_repo.holders)
    assert (lease.task, lease.holder) == ("outbox", "b")


async def test_a_task_let_go_is_free_at_once(store: Store) -> None:
    assert await store.write(lambda tx: leases_repo.hold(tx, "retention", "a", 15, NOW))
    await store.write(lambda tx: leases_repo.let_go(tx, "retention", "a"))
    assert await store.write(lambda tx: leases_repo.hold(tx, "retention", "b", 15, NOW))
