"""A reaction's job takes the priority of the rules it fires, as they stand right now."""

from __future__ import annotations

import time

from reactiond.evolution.inbound import Translation, translate
from reactiond.store.rules_repo import patch_rule, seed_default_rules
from reactiond.store.sqlite.store import SqliteStore
from tests.fixtures import INSTANCE, fixture, with_ids


async def react(store: SqliteStore, suffix: str) -> None:
    t = translate(
        with_ids(fixture("messages.upsert.reaction-add"), suffix), instance_from_url=INSTANCE
    )
    assert isinstance(t, Translation)
    await store.ingest(t.instance, t.event, t.events, time.time())


async def job_priorities(store: SqliteStore) -> list[int]:
    rows = await store.read(lambda tx: tx.execute("SELECT priority FROM jobs ORDER BY id"))
    return [int(r["priority"]) for r in rows]


async def test_an_edited_rule_priority_applies_to_the_next_reaction(store: SqliteStore) -> None:
    await store.write(lambda tx: seed_default_rules(tx, time.time()))
    await react(store, "first")
    await store.write(lambda tx: patch_rule(tx, "task", {"priority": 40}, time.time()))
    await react(store, "second")
    await store.write(lambda tx: patch_rule(tx, "task", {"priority": 0}, time.time()))
    await react(store, "third")
    assert await job_priorities(store) == [0, 40, 0]
