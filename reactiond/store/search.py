"""Text search for the list pages' `q=` (records/query.py): which rows of a record table
contain the text, as one WHERE clause over the table aliased `r`.

SQLite answers from the trigram FTS5 tables of migration 005 (`<table>_fts`, kept by
triggers): the same substring match as `LIKE '%q%'` over the searched columns, found
through the index instead of reading every row (issue 17: 35–45 ms at 1M records).
A trigram index cannot find fewer than three characters; such a search, and any store
without the FTS tables, uses LIKE.
"""

from __future__ import annotations

from typing import Any

TRIGRAM = 3
FTS_TABLES = frozenset({"tasks", "calendar_events", "bills", "notes"})


def text_clause(
    table: str, columns: tuple[str, ...], text: str, dialect: str = "sqlite"
) -> tuple[str, dict[str, Any]]:
    """(clause, params) keeping the rows of `table` (aliased r) whose searched columns
    contain `text`, case-insensitively."""
    if dialect == "sqlite" and table in FTS_TABLES and len(text) >= TRIGRAM:
        phrase = '"' + text.replace('"', '""') + '"'
        fts = f"{table}_fts"
        return f"r.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH :text)", {"text": phrase}
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    ors = " OR ".join(f"r.{c} LIKE :text ESCAPE '\\'" for c in columns)
    return f"({ors})", {"text": f"%{escaped}%"}
