"""`Transaction.execute_later` on SQLite: a statement whose answer is looked at before the
commit (SQLite runs it at once; PostgreSQL sends it with the next round trip, pinned in
tests/pg/test_pg_store.py). The job's lease is read this way: a refusal must still roll
back everything around it."""

# Raw SQL here: a scratch table for the transaction's own behaviour.
from __future__ import annotations

from typing import Any

import pytest

from reactiond.store.interface import Store, Transaction

SCRATCH = "CREATE TABLE IF NOT EXISTS answers_later (id INTEGER PRIMARY KEY, note TEXT)"


class Refused(Exception):
    pass


async def test_the_answer_comes_before_the_commit_with_its_rows(store: Store) -> None:
    seen: list[list[Any]] = []

    def work(tx: Transaction) -> None:
        tx.execute(SCRATCH)
        tx.execute("INSERT INTO answers_later (id, note) VALUES (1, 'one')")
        tx.execute_later("SELECT note FROM answers_later WHERE id = 1", then=seen.append)
        tx.execute_later("SELECT note FROM answers_later WHERE id = 2", then=seen.append)
        tx.execute("INSERT INTO answers_later (id, note) VALUES (2, 'two')")

    await store.write(work)
    assert seen == [[{"note": "one"}], []]


async def test_a_refused_answer_rolls_back_the_whole_transaction(store: Store) -> None:
    await store.write(lambda tx: tx.execute(SCRATCH))

    def refuse(rows: list[Any]) -> None:
        raise Refused(rows)

    def work(tx: Transaction) -> None:
        tx.execute("INSERT INTO answers_later (id, note) VALUES (3, 'before')")
        tx.execute_later("SELECT 1 AS lost", then=refuse)
        tx.execute("INSERT INTO answers_later (id, note) VALUES (4, 'after')")

    with pytest.raises(Refused):
        await store.write(work)
    left = await store.read(lambda tx: tx.execute("SELECT id FROM answers_later"))
    assert left == []
