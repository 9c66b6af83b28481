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

import itertools
import re
from collections.abc import Callable
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


def _dialect(sql: str) -> str:
    sql = for_dialect(sql, "postgres")
    sql = _IS_NOT_VALUE.sub("IS DISTINCT FROM ", sql)
    sql = _LIKE.sub("ILIKE", sql)
    return _JSON_IDS.sub(
        r"SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(\1 AS json))", sql
    )


@cache
def to_postgres(sql: str) -> str:
    """The psycopg form of one of the store's statements (see the module's docstring)."""
    return "".join(_rewritten(_dialect(sql), _psycopg_placeholder, percent="%%"))


@cache
def to_prepared(sql: str) -> tuple[str, tuple[str | int, ...]]:
    """The statement as `PREPARE` takes it, with `$1`…`$n`, and what fills each: a
    parameter's name (`:name`, the same `$k` each time it appears) or its position (`?`)."""
    refs: list[str | int] = []
    positions = itertools.count()

    def placeholder(text: str) -> str:
        ref: str | int = next(positions) if text == "?" else text[1:]
        if ref not in refs or isinstance(ref, int):
            refs.append(ref)
        return f"${refs.index(ref) + 1}"

    return "".join(_rewritten(_dialect(sql), placeholder, percent="%")), tuple(refs)


def _psycopg_placeholder(text: str) -> str:
    return "%s" if text == "?" else f"%({text[1:]})s"


def _rewritten(sql: str, placeholder: Callable[[str], str], *, percent: str) -> list[str]:
    """`sql` in pieces, each placeholder replaced by `placeholder(its text)` and each `%`
    outside a literal by `percent`; comments dropped, literals and casts kept."""
    out: list[str] = []
    pos = 0
    escape = percent != "%"
    for m in _TOKEN.finditer(sql):
        out.append(sql[pos : m.start()])
        kind = m.lastgroup
        text = m.group()
        if kind in ("named", "qmark"):
            out.append(placeholder(text))
        elif kind == "percent":
            out.append(percent)
        elif kind in ("string", "ident") and escape:
            out.append(text.replace("%", "%%"))
        elif kind == "comment":
            out.append(" ")
        else:
            out.append(text)
        pos = m.end()
    out.append(sql[pos:])
    return out
