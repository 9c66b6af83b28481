"""Text search for the list pages' `q=` (records/query.py): which rows of a record table
contain the text, as one WHERE clause over the table aliased `r`.

SQLite answers from the trigram FTS5 tables of migration 005 (`<table>_fts`, kept by
triggers): the same substring match as `LIKE '%q%'` over the searched columns, found
through the index instead of reading every row (issue 17: 35–45 ms at 1M records).

The index is asked first for at most `PROBE` matching ids. Fewer than that (a rare
text: the usual search) and the page is those rows, sorted. As many (a text most rows
contain) and collecting every match would cost more than the page: the page walks its
sort index with LIKE instead, and finds its rows at once because they are everywhere.
A trigram index cannot find fewer than three characters; such a search uses LIKE.

PostgreSQL is given the LIKE form (an ILIKE there, store/postgres/sql.py), and its own
planner finds the rows through pg_trgm's GIN index on each searched column (migration
012) or walks the sort index when the text is everywhere: the same choice, made by
statistics instead of a probe. tests/pg/test_pg_flat_cost_plans.py pins the plan.
"""

from __future__ import annotations

import json
from typing import Any

from reactiond.store.interface import Transaction

TRIGRAM = 3
PROBE = 1000
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
        rows = tx.execute(
            f"SELECT rowid AS id FROM {fts} WHERE {fts} MATCH :text LIMIT {PROBE}",
            {"text": phrase},
        )
        if len(rows) < PROBE:
            ids = json.dumps([int(r["id"]) for r in rows])
            return "r.id IN (SELECT value FROM json_each(:text_ids))", {"text_ids": ids}
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    ors = " OR ".join(f"r.{c} LIKE :text ESCAPE '\\'" for c in columns)
    return f"({ors})", {"text": f"%{escaped}%"}
