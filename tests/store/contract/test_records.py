"""Records: an action once per (rule, message, reactor), its records, listing pages in a
stable order, changes, cancellation, and the totals that fingerprint a selection."""

from __future__ import annotations

from reactiond.domain import EntityRow
from reactiond.store import records_query, records_repo, rules_repo
from reactiond.store.interface import Store
from reactiond.store.records_query import RecordFilter, RecordOrder
from tests.store.contract.support import NOW, a_reaction, a_record, write_action
from tests.store.contract.test_rules import columns

TASKS = RecordFilter(table="tasks", when_column="due_local", search_columns=("title",))


def task(title: str, due: str | None = None) -> EntityRow:
    return EntityRow("tasks", {"title": title, "due_local": due, "tz": "UTC", "language": "es"})


async def test_an_action_is_written_once_per_rule_message_and_reactor(store: Store) -> None:
    reaction = await a_reaction(store, "r")
    rule = await store.write(lambda tx: rules_repo.insert_rule(tx, columns("tareas"), NOW))
    rule_id = int(rule["id"])
    first = await store.write(lambda tx: write_action(tx, reaction, [task("a")], rule_id=rule_id))
    again = await store.write(lambda tx: write_action(tx, reaction, [task("a")], rule_id=rule_id))
    assert first[0] > 0 and len(first[1]) == 1
    assert again == (0, [])


async def test_the_records_of_an_action_come_back_in_order(store: Store) -> None:
    reaction = await a_reaction(store, "r")
    action_id, created = await store.write(
        lambda tx: write_action(tx, reaction, [task("first"), task("second")])
    )
    rows = await store.read(lambda tx: records_repo.records_of_action(tx, "tasks", action_id))
    assert [r["title"] for r in rows] == ["first", "second"]
    assert [("tasks", r["id"]) for r in rows] == created


async def test_a_page_filters_sorts_and_continues_after_its_cursor(store: Store) -> None:
    for i, due in enumerate(["2026-01-03", None, "2026-01-01", "2026-01-02"]):
        await a_record(store, f"t{i}", "tasks", title=f"task {i}", due_local=due)
    order = RecordOrder(sort="when", limit=2)
    first = await store.read(lambda tx: records_query.record_page(tx, TASKS, order))
    assert [r["title"] for r in first] == ["task 2", "task 3"]
    last = first[-1]
    after = RecordOrder(sort="when", limit=5, after_value=last["sort_value"], after_id=last["id"])
    rest = await store.read(lambda tx: records_query.record_page(tx, TASKS, after))
    assert [r["title"] for r in rest] == ["task 0", "task 1"]  # no date sorts last
    assert rest[0]["reactor_jid"]


async def test_filters_narrow_the_page(store: Store) -> None:
    await a_record(store, "a", "tasks", title="pay 100%_rent", due_local="2026-01-05")
    await a_record(store, "b", "tasks", title="call mom", due_local="2026-02-05")
    text = RecordFilter(**{**TASKS.__dict__, "text": "100%_"})
    window = RecordFilter(**{**TASKS.__dict__, "when_from": "2026-02-01", "statuses": ("open",)})
    order = RecordOrder()
    by_text = await store.read(lambda tx: records_query.record_page(tx, text, order))
    by_window = await store.read(lambda tx: records_query.record_page(tx, window, order))
    assert [r["title"] for r in by_text] == ["pay 100%_rent"]
    assert [r["title"] for r in by_window] == ["call mom"]


async def test_a_change_is_written_and_moves_the_selection_totals(store: Store) -> None:
    task_id = await a_record(store, "a", "tasks", title="old", due_local="2026-01-05")
    before = await store.read(lambda tx: records_query.selection_totals(tx, TASKS))
    await store.write(
        lambda tx: records_query.update_record_row(
            tx, "tasks", task_id, {"title": "new", "updated_at": NOW + 5}
        )
    )
    after = await store.read(lambda tx: records_query.selection_totals(tx, TASKS))
    row = await store.read(lambda tx: records_query.record_with_reactor(tx, "tasks", task_id))
    assert row is not None and row["title"] == "new"
    assert before["n"] == after["n"] == 1 and before["total"] != after["total"]


async def test_an_untouched_action_is_cancelled_with_its_records(store: Store) -> None:
    reaction = await a_reaction(store, "r")
    action_id, [(_, task_id)] = await store.write(
        lambda tx: write_action(tx, reaction, [task("a")])
    )
    assert await store.write(lambda tx: records_repo.cancel_action(tx, action_id, "tasks", NOW))
    row = await store.read(lambda tx: records_query.record_row(tx, "tasks", task_id))
    assert row is not None and row["status"] == "cancelled"


async def test_a_touched_record_keeps_its_action(store: Store) -> None:
    reaction = await a_reaction(store, "r")
    action_id, [(_, task_id)] = await store.write(
        lambda tx: write_action(tx, reaction, [task("a")])
    )
    await store.write(
        lambda tx: records_query.update_record_row(
            tx, "tasks", task_id, {"status": "done", "updated_at": NOW + 1}
        )
    )
    assert not await store.write(
        lambda tx: records_repo.cancel_action(tx, action_id, "tasks", NOW + 2)
    )
