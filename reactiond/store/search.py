"""Text search for the list pages' `q=` (records/query.py): which rows of a record table
contain the text, as one WHERE clause over the table aliased `r`.

SQLite answers from the trigram FTS5 tables of migration 005 (`<table>_fts`, kept by
triggers): the same substring match as `LIKE '%q%'` over the searched columns, found
through the index instead of reading every row (issue 17: 35–45 ms at 1M records).

The index is asked first for its first `FIRST_PROBE` matches (in rowid order). Fewer
than that (a rare text: the usual search) and the page is those rows, sorted. As many,
and how far into the table they reach tells how common the text is: in at least
`COMMON` of the rows (a word most records hold), the page walks its sort index with LIKE
instead and finds its rows within a few thousand (a LIKE costs ~0.2 µs a row, an FTS
match ~1.3 µs: asking the index for 1,000 matches of a word in every row took longer
than the whole page, issue 17's `q=presentation` at 1M). Rarer than that, the index is
asked for up to `PROBE` matches: fewer, and the page is those rows; as many, the page
walks the sort index too. A trigram index cannot find fewer than three characters; such a
search uses LIKE.

PostgreSQL is given the LIKE form (an ILIKE there, store/postgres/sql.py), and its own
planner finds the rows through pg_trgm's GIN index on each searched column (migration
012) or walks the sort index when the text is everywhere: the same choice, made by
statistics instead of a probe. tests/pg/test_pg_flat_cost_plans.py pins the plan.
"""

from __future__ import annotations

import json
from typing import Any, cast

from reactiond.domain import KIND_OF_TABLE, RecordTable
from reactiond.store.interface import Transaction
from reactiond.store.queries import query

TRIGRAM = 3
FIRST_PROBE = 100
PROBE = 1000
# The share of a table's rows a text must be in for a page to walk the sort index at once:
# a page of 50 then reads at most ~5,000 rows.
COMMON = 0.01
FTS_TABLES = frozenset({"tasks", "calendar_events", "bills", "notes"})


def text_clause(
    tx: Transaction | None,
    table: str,
    columns: tuple[str, ...],
    text: str,
    dialect: str = "sqlite",
) -> tuple[str, dict[str, Any]]:
    """(clause, params) keeping the rows of `table` (aliased r) whose searched columns
    contain `text`, case-insensitively. Without a transaction to probe with, the
    clause asks the FTS table itself."""
    if tx is not None:
        dialect = getattr(tx, "dialect", dialect)  # PostgreSQL: trigram indexes, below
    if dialect == "sqlite" and table in FTS_TABLES and len(text) >= TRIGRAM:
        phrase = '"' + text.replace('"', '""') + '"'
        fts = f"{table}_fts"
        if tx is None:
            return f"r.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH :text)", {"text": phrase}
        ids = _matches(tx, table, phrase, FIRST_PROBE)
        few = len(ids) < FIRST_PROBE
        if not few and not _common(tx, table, ids):
            ids += _matches(tx, table, phrase, PROBE - FIRST_PROBE, after=ids[-1])
            few = len(ids) < PROBE
        if few:
            found = json.dumps(ids)
            return "r.id IN (SELECT value FROM json_each(:text_ids))", {"text_ids": found}
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    ors = " OR ".join(f"r.{c} LIKE :text ESCAPE '\\'" for c in columns)
    return f"({ors})", {"text": f"%{escaped}%"}


def _of_table(name: str, table: str) -> str:
    """The named query `name` (search.sql) of one record table: `{kind}` in it stands for
    the table's kind (`first_{kind}_id` → `first_task_id`)."""
    return query("search", name.format(kind=KIND_OF_TABLE[cast(RecordTable, table)]))


def _matches(tx: Transaction, table: str, phrase: str, n: int, after: int = 0) -> list[int]:
    """The first `n` ids (after `after`) whose row holds the phrase, in id order."""
    rows = tx.execute(
        _of_table("{kind}s_holding_text", table), {"text": phrase, "after": after, "n": n}
    )
    return [int(r["id"]) for r in rows]


def _common(tx: Transaction, table: str, ids: list[int]) -> bool:
    """Whether the first matches, in id order, are dense enough that the text is in at
    least `COMMON` of the rows (the ids from the table's first on: an estimate, which
    only chooses the plan; both plans give the same rows)."""
    first = tx.execute_one(_of_table("first_{kind}_id", table))
    start = int(first["id"]) if first and first["id"] is not None else 1
    return len(ids) >= COMMON * (ids[-1] - start + 1)
