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
    assert before is not None and after is not None and after.n == before.n + 1
    await store.write(
        lambda tx: records_query.update_record_row(tx, "tasks", task_id, {"title": "two"})
    )
    changed = await store.read(lambda tx: record_versions.record_version(tx, "tasks"))
    assert changed is not None and changed.version != after.version


NOTES = RecordFilter(
    table="notes", when_column="created_at", search_columns=("title", "body", "tags")
)


async def _titles(store: Store, selection: RecordFilter, text: str) -> list[str]:
    found = RecordFilter(**{**selection.__dict__, "text": text})
    rows = await store.read(lambda tx: records_query.record_page(tx, found, RecordOrder()))
    return sorted(str(r["title"]) for r in rows)


async def test_text_search_gives_the_same_rows_on_every_store(store: Store) -> None:
    """What `q=` finds is the same whether SQLite's FTS5 or PostgreSQL's trigram indexes
    answer: a substring of any searched column, any case, `%` and `_` taken literally,
    shorter texts than a trigram too."""
    await a_record(store, "a", "notes", title="Receta", body="harina 100% integral", tags="[]")
    await a_record(store, "b", "notes", title="compra", body="pan_de_muerto", tags='["casa"]')
    await a_record(store, "c", "notes", title="Casa nueva", body="pintar", tags="[]")
    await a_record(store, "d", "notes", title="Llamar", body="a la CASA de Ana", tags="[]")
    assert await _titles(store, NOTES, "casa") == ["Casa nueva", "Llamar", "compra"]
    assert await _titles(store, NOTES, "100%") == ["Receta"]
    assert await _titles(store, NOTES, "n_d") == ["compra"]
    assert await _titles(store, NOTES, "nd") == []
    assert await _titles(store, NOTES, "in") == ["Casa nueva", "Receta"]
    assert await _titles(store, NOTES, "zz") == []
    assert await _titles(store, NOTES, "A NUEVA") == ["Casa nueva"]


async def test_every_store_keeps_a_version_of_each_record_table(store: Store) -> None:
    for table in ("tasks", "calendar_events", "bills", "notes"):
        kept = await store.read(lambda tx, t=table: record_versions.record_version(tx, t))
        assert kept is not None and kept.n == 0, table
    await a_record(store, "a", "tasks", title="CFE")
    changed = await a_record(store, "b", "tasks", title="Telmex")
    before = await store.read(lambda tx: record_versions.record_version(tx, "tasks"))
    assert before is not None and before.n == 2 and before.last_updated is not None
    later = before.last_updated + 60
    await store.write(
        lambda tx: records_query.update_record_row(
            tx, "tasks", changed, {"title": "Izzi", "updated_at": later}
        )
    )
    after = await store.read(lambda tx: record_versions.record_version(tx, "tasks"))
    assert after is not None and after.n == 2 and after.version > before.version
    assert after.last_updated == later
