"""Named queries: every SQL statement the store runs, one name each, in `.sql` files.

A file holds queries in procrastinate's `queries.sql` form:

    -- find_expired_message_payloads --
    -- Ids of messages whose raw payload is older than :cutoff, at most :n.
    SELECT id FROM messages WHERE raw IS NOT NULL AND received_at < :cutoff LIMIT :n;

A query whose SQL differs between dialects carries a `@sqlite` (or `@postgres`) suffix on
its name; a plain name serves every dialect. Files are read once, at first use, and a
duplicate or empty query is an error at load time rather than a surprise at run time.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_HEADER = re.compile(r"^-- ([a-z_][a-z0-9_]*)(@[a-z]+)? --$")


class QueryFileError(Exception):
    """A `.sql` file of named queries is malformed; the message names file and query."""


def parse(text: str, source: str) -> dict[str, str]:
    """Name (with its `@dialect` suffix, if any) → SQL, for one file's text."""
    queries: dict[str, str] = {}
    name: str | None = None
    lines: list[str] = []

    def close() -> None:
        if name is None:
            return
        sql = "\n".join(line for line in lines if not line.startswith("--")).strip()
        sql = sql.removesuffix(";").strip()
        if not sql:
            raise QueryFileError(f"{source}: query {name!r} has no SQL")
        queries[name] = sql

    for line in text.splitlines():
        header = _HEADER.match(line.strip())
        if header:
            close()
            name = header.group(1) + (header.group(2) or "")
            if name in queries:
                raise QueryFileError(f"{source}: query {name!r} is defined twice")
            lines = []
        elif name is not None:
            lines.append(line)
        elif line.strip() and not line.startswith("--"):
            raise QueryFileError(f"{source}: SQL before the first `-- name --` header")
    close()
    return queries


@cache
def load(file: str) -> dict[str, str]:
    """Every query of `reactiond/store/queries/<file>.sql`."""
    text = resources.files(__package__).joinpath(f"{file}.sql").read_text(encoding="utf-8")
    return parse(text, f"{file}.sql")


def query(file: str, name: str, dialect: str = "sqlite") -> str:
    """The SQL of one named query for `dialect`: its own variant if it has one."""
    queries = load(file)
    found = queries.get(f"{name}@{dialect}") or queries.get(name)
    if found is None:
        raise KeyError(f"no query {name!r} in {file}.sql")
    return found


@cache
def _names_by_text() -> dict[str, tuple[str, str]]:
    """The SQLite text of every named query → (file, name without its dialect)."""
    found: dict[str, tuple[str, str]] = {}
    for entry in resources.files(__package__).iterdir():
        if not entry.name.endswith(".sql"):
            continue
        file = entry.name.removesuffix(".sql")
        for full in load(file):
            name = full.split("@", 1)[0]
            found.setdefault(query(file, name), (file, name))
    return found


def for_dialect(sql: str, dialect: str) -> str:
    """The text an implementation for `dialect` runs for `sql`, which repositories get from
    `query(file, name)` (the SQLite text): the named query's `@dialect` variant when it has
    one, else `sql` itself. A second store resolves every statement here, so repositories
    stay shared and name no dialect."""
    if dialect == "sqlite":
        return sql
    named = _names_by_text().get(sql)
    return sql if named is None else query(named[0], named[1], dialect)
