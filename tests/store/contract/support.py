"""Seeding a store the way the daemon does, through the `Store` protocol and repositories
only: an Evolution payload ingested, then an action and its records written as a reaction
job writes them."""

from __future__ import annotations

import time
from typing import Any

from reactiond.domain import EntityRow, RecordTable
from reactiond.evolution.inbound import Translation, translate
from reactiond.store import reaction_reads, records_repo
from reactiond.store.interface import IngestResult, Store, Transaction
from tests.fixtures import INSTANCE, fixture, with_ids

NOW = 1_800_000_000.0

# A rule as `rules_repo.insert_rule` takes it: ✅ makes a task.
TASK_RULE = {
    "name": "task",
    "triggers": '["✅"]',
    "action": "create_task",
    "parser": "task",
    "config": "{}",
    "conditions": "{}",
    "priority": 0,
    "enabled": 1,
}


async def ingest(store: Store, payload: dict[str, Any], now: float | None = None) -> IngestResult:
    t = translate(payload, instance_from_url=INSTANCE)
    assert isinstance(t, Translation)
    return await store.ingest(t.instance, t.event, t.events, time.time() if now is None else now)


async def a_reaction(store: Store, suffix: str) -> int:
    """A reaction stored as a webhook stores it; its row id (from its job)."""
    await ingest(store, with_ids(fixture("messages.upsert.reaction-add"), suffix))
    jobs = await store.list_jobs(kind="reaction", limit=1)
    return int(jobs[0].payload["reaction"])


def write_action(
    tx: Transaction,
    reaction_row_id: int,
    rows: list[EntityRow],
    now: float = NOW,
    rule_id: int | None = None,
) -> tuple[int, list[tuple[RecordTable, int]]]:
    """An action on the reaction and the records it made, as a reaction job writes them."""
    reaction = reaction_reads.reaction_with_reactor(tx, reaction_row_id)
    assert reaction is not None
    src = records_repo.Source(
        instance=str(reaction["instance"]),
        chat_jid=str(reaction["chat_jid"]),
        message_id=str(reaction["target_message_id"]),
        reactor_id=int(reaction["reactor_id"]),
        reaction_row_id=reaction_row_id,
        emoji=str(reaction["emoji"]),
    )
    action = records_repo.NewAction(
        rule_id=rule_id, rule_name="test", action="create", outcome="created", detail=None
    )
    action_id = records_repo.insert_action(tx, action, src, now)
    if action_id is None:  # this rule already acted on this message for this reactor
        return 0, []
    return action_id, records_repo.insert_records(tx, action_id, rule_id, rows, src, now)


async def a_record(store: Store, suffix: str, table: RecordTable, **values: Any) -> int:
    """One record of `table` with `values` (its own columns), made by a fresh reaction."""
    reaction = await a_reaction(store, suffix)
    row = EntityRow(table, {"tz": "America/Mexico_City", "language": "es", **values})
    if table == "notes":
        row = EntityRow(table, {"language": "es", **values})
    _, created = await store.write(lambda tx: write_action(tx, reaction, [row]))
    return created[0][1]
