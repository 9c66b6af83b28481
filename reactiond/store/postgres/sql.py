"""The store's SQL, as PostgreSQL (through psycopg) takes it.

The repositories write one SQL for both stores: SQLite's placeholders (`:name` and `?`)
and the portable forms (`INSERT … ON CONFLICT`, `RETURNING`). This module turns such a
statement into what psycopg expects, once per distinct text (cached):

- placeholders: `:name` → `%(name)s`, `?` → `%s`, and a literal `%` → `%%`; nothing
  inside a string literal, a quoted identifier or a comment is touched, and PostgreSQL's
  `::type` casts stay casts;
- a named query (store/queries/*.sql) that has a `@postgres` variant is swapped for that
  variant, so that a repository calling `query(file, name)` runs the right dialect on
  either store without knowing which it has;
- `x IS NOT <value>` (SQLite's null-safe "differs") → `x IS DISTINCT FROM <value>`;
- `SELECT value FROM json_each(:ids)` (a JSON list of ids) → its PostgreSQL form;
- `LIKE` → `ILIKE`: SQLite's LIKE ignores case, and the searches rely on it ("agua"
  finds "Agua").
"""

from __future__ import annotations

import re
from functools import cache

from reactiond.store.queries import for_dialect

_TOKEN = re.compile(
    r"""
      (?P<string>'(?:[^']|'')*')
    | (?P<ident>"(?:[^"]|"")*")
    | (?P<comment>--[^\n]*)
    | (?P<cast>::)
    | (?P<named>:[A-Za-z_][A-Za-z0-9_]*)
    | (?P<qmark>\?)
    | (?P<percent>%)
    """,
    re.VERBOSE,
)

# `IS NOT` followed by a placeholder or a column, not by NULL/TRUE/FALSE/DISTINCT.
_IS_NOT_VALUE = re.compile(
    r"\bIS\s+NOT\s+(?!NULL\b|TRUE\b|FALSE\b|DISTINCT\b|UNKNOWN\b)(?=[:?A-Za-z_\"%])",
    re.IGNORECASE,
)

_LIKE = re.compile(r"\bLIKE\b", re.IGNORECASE)
# A list of ids passed as one JSON parameter (retention's batches).
_JSON_IDS = re.compile(r"SELECT value FROM json_each\((:[A-Za-z_]\w*)\)", re.IGNORECASE)


@cache
def to_postgres(sql: str) -> str:
    """The psycopg form of one of the store's statements (see the module's docstring)."""
    sql = for_dialect(sql, "postgres")
    sql = _IS_NOT_VALUE.sub("IS DISTINCT FROM ", sql)
    sql = _LIKE.sub("ILIKE", sql)
    sql = _JSON_IDS.sub(
        r"SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(\1 AS json))", sql
    )
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(sql):
        out.append(sql[pos : m.start()])
        kind = m.lastgroup
        text = m.group()
        if kind == "named":
            out.append(f"%({text[1:]})s")
        elif kind == "qmark":
            out.append("%s")
        elif kind == "percent":
            out.append("%%")
        elif kind in ("string", "ident"):
            out.append(text.replace("%", "%%"))
        elif kind == "comment":
            out.append(" ")
        else:
            out.append(text)
        pos = m.end()
    out.append(sql[pos:])
    return "".join(out)
