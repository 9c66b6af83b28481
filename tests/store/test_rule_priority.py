"""A reaction's job takes the priority of the rules it fires, as they stand right now."""

from __future__ import annotations

import time
from pathlib import Path

from reactiond.engine.rule_book import patch_rule, reaction_job_priority, seed_default_rules
from reactiond.evolution.inbound import Translation, translate
from reactiond.store.sqlite.store import SqliteStore
from tests import store_reads
from tests.fixtures import INSTANCE, fixture, with_ids


async def react(store: SqliteStore, suffix: str) -> None:
    t = translate(
        with_ids(fixture("messages.upsert.reaction-add"), suffix), instance_from_url=INSTANCE
    )
    assert isinstance(t, Translation)
    await store.ingest(t.instance, t.event, t.events, time.time())


async def job_priorities(store: SqliteStore) -> list[int]:
    return [j.priority for j in await store_reads.jobs(store)]


async def test_an_edited_rule_priority_applies_to_the_next_reaction(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "reactiond.db", job_priority=reaction_job_priority)
    await store.open()
    try:
        await edit_priorities_between_reactions(store)
    finally:
        await store.close()


async def edit_priorities_between_reactions(store: SqliteStore) -> None:
    await store.write(lambda tx: seed_default_rules(tx, time.time()))
    await react(store, "first")
    await store.write(lambda tx: patch_rule(tx, "task", {"priority": 40}, time.time()))
    await react(store, "second")
    await store.write(lambda tx: patch_rule(tx, "task", {"priority": 0}, time.time()))
    await react(store, "third")
    assert await job_priorities(store) == [0, 40, 0]
