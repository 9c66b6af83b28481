"""The reads behind record listings, pages and feeds: one record, a filtered page in a
sort order, and the aggregates that fingerprint a selection.

The filters are already checked (`reactiond/records/query.py` refuses bad ones with the
same words for the API and the CLI); this module turns them into SQL. Table and column
names come from the record kinds, never from a request, and are checked against the
record tables before they are written into a statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from reactiond.domain import KIND_OF_TABLE, RecordTable
from reactiond.store.interface import Row, Transaction
from reactiond.store.queries import query
from reactiond.store.search import text_clause

RECORD_TABLES = frozenset({"tasks", "calendar_events", "bills", "notes"})
# Rows without a due date sort after every date: '~' sorts after digits.
NO_DATE = "~"
_COLUMN = re.compile(r"^[a-z_]+$")


@dataclass(frozen=True)
class RecordFilter:
    """Which rows of one record table: every field set narrows the selection."""

    table: str
    when_column: str | None = None  # the local date / date-time that ranges apply to
    search_columns: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    when_from: str | None = None  # inclusive lower bound on the local date / date-time
    when_before: str | None = None  # exclusive upper bound
    when_until: str | None = None  # inclusive upper bound
    reactor: str | None = None  # any JID of the person who reacted
    chat: str | None = None
    instance: str | None = None
    text: str | None = None  # a substring of any search column
    # With `when_from`: rows with a recurrence are kept whatever their date (a feed's
    # window keeps a weekly meeting that began a year ago).
    keep_recurring: bool = False


@dataclass(frozen=True)
class RecordOrder:
    """A sort (`id`, `created`, `updated` or `when`), its direction, and a keyset page:
    the rows after (`after_value`, `after_id`), at most `limit` of them."""

    sort: str = "id"
    descending: bool = False
    after_value: Any = None
    after_id: int | None = None
    limit: int | None = None


def _table(name: str) -> str:
    if name not in RECORD_TABLES:
        raise ValueError(f"not a record table: {name!r}")
    return name


def _column(name: str) -> str:
    if not _COLUMN.match(name):
        raise ValueError(f"not a column name: {name!r}")
    return name


def _of_table(name: str, table: str) -> str:
    """The named query `name` (records.sql) of one record table: `{kind}` in it stands for
    the table's kind (`{kind}_row` → `task_row`)."""
    return query("records", name.format(kind=KIND_OF_TABLE[cast(RecordTable, _table(table))]))


def _sort_expr(f: RecordFilter, sort: str) -> str:
    fixed = {"id": "r.id", "created": "r.created_at", "updated": "r.updated_at"}
    if sort in fixed:
        return fixed[sort]
    if sort != "when" or f.when_column is None:
        raise ValueError(f"cannot sort {f.table} by {sort!r}")
    return f"COALESCE(r.{_column(f.when_column)}, '{NO_DATE}')"


def _where(f: RecordFilter, tx: Transaction | None = None) -> tuple[list[str], dict[str, Any]]:
    """With `tx`, a text search first asks the FTS table for the few ids it finds."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if f.statuses:
        names = [f"st{i}" for i in range(len(f.statuses))]
        clauses.append(f"r.status IN ({', '.join(':' + n for n in names)})")
        params.update(zip(names, f.statuses, strict=True))
    if f.when_column is not None:
        col = f"r.{_column(f.when_column)}"
        # Each bound also on the "when" sort's expression (NULL = '~', after every date),
        # which keeps the same rows: that is what the sort indexes hold, so a range
        # (Today's "due this week") seeks into them instead of walking every open task.
        sort = f"COALESCE({col}, '{NO_DATE}')"
        if f.when_from and f.keep_recurring:
            clauses.append(
                f"(({col} >= :when_from AND {sort} >= :when_from) OR r.recurrence IS NOT NULL)"
            )
        elif f.when_from:
            clauses.append(f"{col} >= :when_from AND {sort} >= :when_from")
        if f.when_from:
            params["when_from"] = f.when_from
        if f.when_before:
            clauses.append(f"{sort} < :when_before")
            params["when_before"] = f.when_before
        if f.when_until:
            clauses.append(f"{sort} <= :when_until")
            params["when_until"] = f.when_until
    if f.reactor:
        clauses.append("r.reactor_id IN (SELECT person_id FROM person_ids WHERE jid = :reactor)")
        params["reactor"] = f.reactor
    if f.chat:
        clauses.append("r.chat_jid = :chat")
        params["chat"] = f.chat
    if f.instance:
        clauses.append("r.instance = :instance")
        params["instance"] = f.instance
    if f.text and f.search_columns:
        columns = tuple(_column(c) for c in f.search_columns)
        clause, found = text_clause(tx, _table(f.table), columns, f.text)
        clauses.append(clause)
        params.update(found)
    return clauses, params


def narrows(f: RecordFilter) -> bool:
    """Whether the filter keeps less than the whole table."""
    return bool(_where(f)[0])


def record_page(tx: Transaction, f: RecordFilter, order: RecordOrder) -> list[Row]:
    """The matching rows in `order`, each with its reactor's JID and name and the value it
    sorted by (`sort_value`, for the next page's cursor); at most `order.limit`."""
    sql, params = _page(tx, f, order, "r.*, p.display_jid AS reactor_jid, p.name AS reactor_name")
    return tx.execute(sql, params)


# What `record_tuples` may select besides a record table's own columns.
_REACTOR_COLUMNS = {"reactor_jid": "p.display_jid", "reactor_name": "p.name"}


def record_tuples(
    tx: Transaction, f: RecordFilter, order: RecordOrder, columns: tuple[str, ...]
) -> list[tuple[Any, ...]]:
    """`record_page` as tuples of `columns` (the table's own, `reactor_jid` or
    `reactor_name`) followed by the sort value and the id: what a CSV export writes,
    without a mapping or a record per row (issue 17)."""
    picked = ", ".join(_REACTOR_COLUMNS.get(c) or f"r.{_column(c)}" for c in columns)
    sql, params = _page(tx, f, order, picked)
    return tx.rows(sql, params)


def record_page_with_component(
    tx: Transaction, f: RecordFilter, order: RecordOrder, renderer: str
) -> list[Row]:
    """`record_page`, each row with `component`: its calendar component as rendered last
    from this version of the record by `renderer`, or None (never rendered, changed
    since, or rendered by another renderer)."""
    picked = "r.*, p.display_jid AS reactor_jid, p.name AS reactor_name, c.body AS component"
    join = (
        " LEFT JOIN calendar_components c ON c.record_table = :component_table"
        " AND c.record_id = r.id AND c.version = r.updated_at AND c.renderer = :renderer"
    )
    sql, params = _page(tx, f, order, picked, join)
    params.update(component_table=_table(f.table), renderer=renderer)
    return tx.execute(sql, params)


def _page(
    tx: Transaction, f: RecordFilter, order: RecordOrder, picked: str, join: str = ""
) -> tuple[str, dict[str, Any]]:
    expr = _sort_expr(f, order.sort)
    clauses, params = _where(f, tx)
    if order.after_id is not None:
        op = "<" if order.descending else ">"
        clauses.append(f"({expr} {op} :after_v OR ({expr} = :after_v AND r.id {op} :after_id))")
        params["after_v"] = order.after_value
        params["after_id"] = order.after_id
    # Composed, not named: its columns, sort, filters and page differ per call, and a fixed
    # statement with optional filters would lose the sort indexes' seeks.
    # The sort value travels in the row so that the cursor holds exactly what SQL compared.
    sql = (
        f"SELECT {picked}, {expr} AS sort_value, r.id AS sort_id"
        f" FROM {_table(f.table)} r JOIN people p ON p.id = r.reactor_id{join}"
    )
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    direction = "DESC" if order.descending else "ASC"
    sql += f" ORDER BY {expr} {direction}, r.id {direction}"
    if order.limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = order.limit
    return sql, params


def zones_with_times(tx: Transaction, f: RecordFilter) -> list[str]:
    """The zones (`tz`) of the matching records whose date has a time of day: the
    VTIMEZONEs a calendar needs, known before its components are streamed."""
    if f.when_column is None:
        return []
    clauses, params = _where(f, tx)
    clauses.append(f"r.{_column(f.when_column)} LIKE '%T%'")  # a time of day: both dialects
    sql = f"SELECT DISTINCT r.tz AS tz FROM {_table(f.table)} r WHERE " + " AND ".join(clauses)
    return [str(r["tz"]) for r in tx.execute(sql, params)]


def record_with_reactor(tx: Transaction, table: str, record_id: int) -> Row | None:
    """One record with its reactor's JID and name, as listings show it."""
    return tx.execute_one(_of_table("{kind}_with_reactor", table), {"id": record_id})


def selection_totals(tx: Transaction, f: RecordFilter) -> Row:
    """COUNT, MAX and SUM of `updated_at` and SUM of ids over the matching rows: any row
    added, changed (every change moves `updated_at`) or removed changes them."""
    clauses, params = _where(f, tx)
    sql = _of_table("totals_of_{kind}s", f.table)  # the whole table's, narrowed here
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    return tx.execute_one(sql, params) or {}


def record_row(tx: Transaction, table: str, record_id: int) -> Row | None:
    """One record's own row, as stored."""
    return tx.execute_one(_of_table("{kind}_row", table), {"id": record_id})


def update_record_row(tx: Transaction, table: str, record_id: int, values: dict[str, Any]) -> None:
    """Set `values` (column → value) on one record's row."""
    if not values:
        return
    # Composed, not named: it sets the columns a change gives, and only those.
    assignments = ", ".join(f"{_column(col)} = :{col}" for col in values)
    tx.execute(
        f"UPDATE {_table(table)} SET {assignments} WHERE id = :id", {**values, "id": record_id}
    )
