"""Reminders as the store keeps them: delayed jobs keyed by record, cancelled and planned
again when the record changes, and where a record's confirmation went."""

from __future__ import annotations

import json

from reactiond.domain import JobStatus, NewJob
from reactiond.store import outbox, reminders_repo, rules_repo
from reactiond.store.interface import Store
from tests.store.contract.support import NOW
from tests.store.contract.test_rules import columns


def reminder(record_id: int, at: float) -> NewJob:
    return NewJob(
        "reminder",
        {"record_id": record_id, "at": at},
        dedupe_key=f"reminder:task:{record_id}:task_due:{int(at)}",
        run_at=at,
    )


async def test_cancelling_frees_the_key_for_the_same_moment(store: Store) -> None:
    first = await store.enqueue(reminder(1, NOW + 60), NOW)
    await store.enqueue(reminder(2, NOW + 60), NOW)
    n = await store.write(
        lambda tx: reminders_repo.cancel_queued(tx, "reminder", "reminder:task:1:", NOW)
    )
    assert n == 1
    assert first is not None
    cancelled = await store.get_job(first)
    assert cancelled is not None and cancelled.status is JobStatus.CANCELLED
    assert await store.enqueue(reminder(1, NOW + 60), NOW) is not None  # planned again
    assert (await store.queue_stats(NOW)).by_status["queued"] == 2


async def test_the_last_plan_is_found_even_when_cancelled(store: Store) -> None:
    assert (
        await store.read(
            lambda tx: reminders_repo.last_planned_payload(tx, "reminder", "reminder:task:1:")
        )
        is None
    )
    await store.enqueue(reminder(1, NOW + 60), NOW)
    await store.enqueue(reminder(1, NOW + 120), NOW)
    await store.write(
        lambda tx: reminders_repo.cancel_queued(tx, "reminder", "reminder:task:1:", NOW)
    )
    payload = await store.read(
        lambda tx: reminders_repo.last_planned_payload(tx, "reminder", "reminder:task:1:")
    )
    assert payload is not None and json.loads(payload)["at"] == NOW + 120


async def test_a_confirmation_route_is_its_text_reply(store: Store) -> None:
    await store.write(
        lambda tx: outbox.queue_text(
            tx,
            dedupe_key="action:9",
            instance="demo",
            destination="111",
            text="hola",
            now=NOW,
            language="es",
        )
    )
    route = await store.read(lambda tx: reminders_repo.confirmation_route(tx, "action:9"))
    assert route is not None
    assert (route["instance"], route["destination"], route["language"]) == ("demo", "111", "es")
    assert await store.read(lambda tx: reminders_repo.confirmation_route(tx, "action:10")) is None


async def test_a_rules_config_is_read_for_its_bills(store: Store) -> None:
    cfg = {**columns("facturas"), "config": '{"reminders": true}'}
    row = await store.write(lambda tx: rules_repo.insert_rule(tx, cfg, NOW))
    config = await store.read(lambda tx: reminders_repo.rule_config(tx, int(row["id"])))
    assert config is not None and json.loads(config) == {"reminders": True}
    assert await store.read(lambda tx: reminders_repo.rule_config(tx, 999)) is None
