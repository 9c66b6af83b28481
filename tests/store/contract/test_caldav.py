"""CalDAV targets, the pushes a record change queues for them, and what was pushed."""

from __future__ import annotations

from reactiond.store import caldav_repo
from reactiond.store.caldav_repo import PUSH_JOB, NewTarget, ResourceRow
from reactiond.store.interface import Store
from tests.store.contract.support import NOW, a_record


def target(name: str, kinds: tuple[str, ...] = ("event", "task", "bill")) -> NewTarget:
    return NewTarget(
        name=name,
        url="https://cal.example/dav/",
        collection_url=f"https://cal.example/dav/ana/{name}/",
        username="ana",
        password_file="/etc/reactiond/pw",
        password_env=None,
        kinds=kinds,
        bills_as="todo",
        on_cancel="delete",
        person_id=None,
        rule_id=None,
    )


async def test_targets_are_stored_once_by_name_and_removed(store: Store) -> None:
    added = await store.write(lambda tx: caldav_repo.insert_target(tx, target("family"), NOW))
    assert added is not None and added.kinds == ("event", "task", "bill")
    again = await store.write(lambda tx: caldav_repo.insert_target(tx, target("family"), NOW))
    assert again is None
    assert [t.name for t in await store.read(caldav_repo.list_targets)] == ["family"]
    by_id = await store.read(lambda tx: caldav_repo.target_by_id(tx, added.id))
    assert by_id == added
    assert await store.write(lambda tx: caldav_repo.delete_target(tx, "family"))
    assert await store.read(lambda tx: caldav_repo.target_by_name(tx, "family")) is None


async def test_a_record_change_queues_a_push_to_each_target_taking_its_kind(store: Store) -> None:
    await store.write(lambda tx: caldav_repo.insert_target(tx, target("all"), NOW))
    await store.write(lambda tx: caldav_repo.insert_target(tx, target("ev", ("event",)), NOW))
    task_id = await a_record(store, "t", "tasks", title="x", due_local="2026-01-15")
    jobs = await store.list_jobs(kind=PUSH_JOB)
    assert [(j.payload["kind"], j.payload["id"]) for j in jobs] == [("task", task_id)]
    event_id = await a_record(store, "e", "calendar_events", title="y",
                              start_local="2026-01-15T10:00", all_day=0)  # fmt: skip
    jobs = await store.list_jobs(kind=PUSH_JOB)
    assert sorted(j.payload["target"] for j in jobs if j.payload["id"] == event_id
                  and j.payload["kind"] == "event") == [1, 2]  # fmt: skip
    await a_record(store, "n", "notes", title="z", body="b")  # a note goes nowhere
    assert len(await store.list_jobs(kind=PUSH_JOB)) == 3


async def test_what_was_pushed_and_its_conflicts(store: Store) -> None:
    added = await store.write(lambda tx: caldav_repo.insert_target(tx, target("family"), NOW))
    assert added is not None
    row = ResourceRow(added.id, "task", 7, "https://h/x.ics", '"1"', "h1", "present", None, NOW)
    await store.write(lambda tx: caldav_repo.put_resource(tx, row))
    clash = ResourceRow(added.id, "task", 7, row.href, '"1"', "h1", "conflict", "412", NOW + 1)
    await store.write(lambda tx: caldav_repo.put_resource(tx, clash))
    got = await store.read(lambda tx: caldav_repo.get_resource(tx, added.id, "task", 7))
    assert got == clash
    conflicts = await store.read(lambda tx: caldav_repo.conflicts_of_target(tx, added.id))
    assert conflicts == [clash]
    [trouble] = await store.read(caldav_repo.push_trouble)
    assert (trouble.name, trouble.conflicts, trouble.waiting, trouble.troubled) == (
        "family",
        1,
        0,
        True,
    )


async def test_every_open_record_can_be_queued_for_a_new_target(store: Store) -> None:
    await a_record(store, "t", "tasks", title="x", due_local="2026-01-15")
    await a_record(store, "u", "tasks", title="no due date")
    added = await store.write(lambda tx: caldav_repo.insert_target(tx, target("late"), NOW))
    assert added is not None
    queued = await store.write(lambda tx: caldav_repo.queue_all_records(tx, added, NOW + 5))
    assert queued == 1
    [waiting] = await store.read(lambda tx: caldav_repo.waiting_push_jobs(tx, added.id))
    assert await store.write(lambda tx: caldav_repo.run_push_job_now(tx, waiting, NOW + 6))
