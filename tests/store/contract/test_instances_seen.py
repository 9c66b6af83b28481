"""Which instances health and doctor ask Evolution about: those whose webhooks were stored
or ignored here, most recent first; never a name only a refused post gave."""

from __future__ import annotations

from reactiond.store.interface import Store
from reactiond.store.snapshot import instances_seen

NOW = 1_800_000_000.0


async def test_refused_posts_name_no_instance_to_ask_about(store: Store) -> None:
    await store.count_event("ours", "messages.upsert", "stored", NOW)
    await store.count_event("quiet", "presence.update", "ignored", NOW + 1)
    await store.count_event("anything-an-attacker-typed", "messages.upsert", "refused", NOW + 2)
    seen = await store.read(lambda tx: instances_seen(tx, 10))
    assert seen == ["quiet", "ours"]
