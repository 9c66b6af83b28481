"""Text search over records and the kept version of each record table (issue 17)."""

from __future__ import annotations

from reactiond.store import record_versions, records_query, search
from reactiond.store.interface import Store
from reactiond.store.records_query import RecordFilter, RecordOrder
from tests.store.contract.support import a_record

TASKS = RecordFilter(table="tasks", when_column="due_local", search_columns=("title",))


async def test_a_text_search_finds_a_word_inside_a_title_whatever_its_case(store: Store) -> None:
    await a_record(store, "a", "tasks", title="Pagar la LUZ de enero")
    await a_record(store, "b", "tasks", title="Llamar a mamá")
    lights = RecordFilter(**{**TASKS.__dict__, "text": "luz de"})
    rows = await store.read(lambda tx: records_query.record_page(tx, lights, RecordOrder()))
    assert [r["title"] for r in rows] == ["Pagar la LUZ de enero"]


async def test_a_text_clause_without_a_transaction_still_selects_by_the_text(store: Store) -> None:
    await a_record(store, "a", "tasks", title="review the slides")
    clause, params = search.text_clause(None, "tasks", ("title",), "slides")
    assert params and ":" in clause


async def test_the_kept_version_counts_the_records_and_moves_with_each_change(
    store: Store,
) -> None:
    before = await store.read(lambda tx: record_versions.record_version(tx, "tasks"))
    task_id = await a_record(store, "a", "tasks", title="one")
    after = await store.read(lambda tx: record_versions.record_version(tx, "tasks"))
    if before is None:  # a store that keeps no version answers None every time
        assert after is None
        return
    assert after is not None and after.n == before.n + 1
    await store.write(
        lambda tx: records_query.update_record_row(tx, "tasks", task_id, {"title": "two"})
    )
    changed = await store.read(lambda tx: record_versions.record_version(tx, "tasks"))
    assert changed is not None and changed.version != after.version
