"""Listing records with filters, sorting and opaque cursor pages; reading one.

Filters come in as the strings of a query string (or CLI options) and are checked here,
so that the API and the CLI refuse the same things with the same words. Pages are keyset
pages: the cursor holds the last row's sort value and id, so a page never skips or
repeats a row when records are added meanwhile.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from reactiond.date_range import RANGE_TEXT, in_range
from reactiond.records.errors import InvalidFilter
from reactiond.records.kinds import KindSpec, RecordKind
from reactiond.records.model import (
    Record,
    bill_from_row,
    event_from_row,
    note_from_row,
    task_from_row,
)
from reactiond.store.interface import Row, Transaction
from reactiond.store.record_versions import record_version
from reactiond.store.search import text_clause

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Rows without a due date sort after every date: '~' sorts after digits.
NO_DATE = "~"

FROM_ROW: dict[RecordKind, Callable[[Row], Record]] = {
    RecordKind.TASKS: task_from_row,
    RecordKind.CALENDAR_EVENTS: event_from_row,
    RecordKind.BILLS: bill_from_row,
    RecordKind.NOTES: note_from_row,
}


@dataclass(frozen=True)
class Cursor:
    sort: str
    value: Any
    id: int

    def encode(self) -> str:
        raw = json.dumps({"s": self.sort, "v": self.value, "i": self.id}, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            data = json.loads(raw)
            cursor = cls(sort=str(data["s"]), value=data["v"], id=int(data["i"]))
        except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
            raise InvalidFilter(
                "cursor is not one reactiond gave",
                "pass next_cursor from the previous page unchanged, or leave cursor out",
            ) from exc
        if not isinstance(cursor.value, str | int | float):
            raise InvalidFilter(
                "cursor is not one reactiond gave",
                "pass next_cursor from the previous page unchanged, or leave cursor out",
            )
        return cursor


@dataclass(frozen=True)
class RecordQuery:
    spec: KindSpec
    statuses: tuple[str, ...] = ()
    when_from: str | None = None  # inclusive lower bound on the local date / date-time
    when_before: str | None = None  # exclusive upper bound
    when_until: str | None = None  # inclusive upper bound (a date-time was given)
    reactor: str | None = None  # a JID
    chat: str | None = None
    instance: str | None = None
    text: str | None = None
    sort: str = ""
    limit: int | None = DEFAULT_LIMIT  # None = everything (exports)
    after: Cursor | None = None


@dataclass(frozen=True)
class Page:
    items: list[Record]
    next_cursor: str | None


def filter_names(spec: KindSpec) -> tuple[str, ...]:
    """Every query parameter a listing of this kind accepts."""
    base = ("status", "reactor", "chat", "instance", "q", "sort", "limit", "cursor")
    if spec.when_name is None:
        return base
    return (*base, f"{spec.when_name}_from", f"{spec.when_name}_to")


def sort_names(spec: KindSpec) -> tuple[str, ...]:
    names = ["id", "created", "updated"]
    if spec.when_name:
        names.append(spec.when_name)
    return tuple(n for name in names for n in (name, f"-{name}"))


def parse_query(spec: KindSpec, params: Mapping[str, str], *, paged: bool = True) -> RecordQuery:
    """Check the filters of a listing; raise `InvalidFilter` naming the one that is wrong."""
    unknown = sorted(set(params) - set(filter_names(spec)))
    if unknown:
        raise InvalidFilter(
            f"unknown filter {unknown[0]!r} for {spec.kind.value}",
            f"use {', '.join(filter_names(spec))}",
        )
    statuses = _statuses(spec, params.get("status"))
    when_from = when_before = when_until = None
    if spec.when_name is not None:
        low = params.get(f"{spec.when_name}_from")
        high = params.get(f"{spec.when_name}_to")
        if low:
            when_from = _local_bound(f"{spec.when_name}_from", low)
        if high:
            bound = _local_bound(f"{spec.when_name}_to", high)
            if "T" in bound:
                when_until = bound
            else:  # a whole day: everything before the next day
                when_before = (date.fromisoformat(bound) + timedelta(days=1)).isoformat()
        if when_from and (when_before or when_until):
            upper = when_until or when_before
            assert upper is not None
            if when_from > upper:
                raise InvalidFilter(
                    f"{spec.when_name}_from is after {spec.when_name}_to",
                    "swap the two dates",
                )
    sort = params.get("sort", spec.default_sort)
    if sort not in sort_names(spec):
        raise InvalidFilter(
            f"cannot sort {spec.kind.value} by {sort!r}",
            f"use one of {', '.join(sort_names(spec))} (a leading - sorts descending)",
        )
    limit: int | None = DEFAULT_LIMIT if paged else None
    if "limit" in params:
        limit = _limit(params["limit"])
    after = None
    if params.get("cursor"):
        after = Cursor.decode(params["cursor"])
        if after.sort != sort:
            raise InvalidFilter(
                f"this cursor belongs to sort={after.sort}, not sort={sort}",
                "keep the same sort while paging, or start again without cursor",
            )
    return RecordQuery(
        spec=spec,
        statuses=statuses,
        when_from=when_from,
        when_before=when_before,
        when_until=when_until,
        reactor=_jid("reactor", params.get("reactor")),
        chat=_jid("chat", params.get("chat")),
        instance=params.get("instance") or None,
        text=(params.get("q") or "").strip() or None,
        sort=sort,
        limit=limit,
        after=after,
    )


def _statuses(spec: KindSpec, raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    wanted = tuple(dict.fromkeys(s.strip() for s in raw.split(",") if s.strip()))
    for s in wanted:
        if s not in spec.statuses:
            raise InvalidFilter(
                f"unknown status {s!r} for {spec.kind.value}",
                f"use {', '.join(spec.statuses)} (several separated by commas)",
            )
    return wanted


def _out_of_range(name: str, raw: str) -> InvalidFilter:
    return InvalidFilter(
        f"{name} {raw!r} is outside the {RANGE_TEXT} that reactiond keeps",
        f"write {name}=2026-01-15 or {name}=2026-01-15T09:30 (local time, no offset)",
    )


def _local_bound(name: str, raw: str) -> str:
    """'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM' in the record's own zone, as stored."""
    text = raw.strip()
    try:
        if "T" in text or " " in text:
            value = datetime.fromisoformat(text.replace(" ", "T"))
            if value.tzinfo is not None:
                raise ValueError("has an offset")
            if not in_range(value):
                raise _out_of_range(name, raw)
            return value.strftime("%Y-%m-%dT%H:%M")
        day = date.fromisoformat(text)
        if not in_range(day):
            raise _out_of_range(name, raw)
        return day.isoformat()
    except ValueError as exc:
        raise InvalidFilter(
            f"{name} {raw!r} is not a date",
            f"write {name}=2026-01-15 or {name}=2026-01-15T09:30 (local time, no offset)",
        ) from exc


def _limit(raw: str) -> int:
    # Plain ASCII digits only: int() would also take " 5", "1_0" and other scripts' digits.
    value = int(raw) if raw.isascii() and raw.isdigit() else 0
    if not 1 <= value <= MAX_LIMIT:
        raise InvalidFilter(
            f"limit {raw!r} is not a number from 1 to {MAX_LIMIT}",
            "use next_cursor to page through more",
        )
    return value


def _jid(name: str, raw: str | None) -> str | None:
    """A JID as given, or a phone number (digits, + and spaces allowed) as its JID."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    if "@" in text:
        return text
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:  # matched nothing, silently: a name typed where a number belongs
        raise InvalidFilter(
            f"{name}={text!r} is neither a JID nor a phone number",
            "give a phone number (+52 55 8765 4321) or a JID (5215587654321@s.whatsapp.net,"
            " 120363041234567890@g.us)",
        )
    return f"{digits}@s.whatsapp.net"


def _sort_expr(spec: KindSpec, sort: str) -> str:
    name = sort.lstrip("-")
    if name == "id":
        return "r.id"
    if name == "created":
        return "r.created_at"
    if name == "updated":
        return "r.updated_at"
    assert spec.when_column is not None
    return f"COALESCE(r.{spec.when_column}, '{NO_DATE}')"


def _select(spec: KindSpec, extra: str = "") -> str:
    return (
        f"SELECT r.*, p.display_jid AS reactor_jid, p.name AS reactor_name{extra}"
        f" FROM {spec.table} r JOIN people p ON p.id = r.reactor_id"
    )


def _where(q: RecordQuery, tx: Transaction | None = None) -> tuple[list[str], dict[str, Any]]:
    spec = q.spec
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if q.statuses:
        names = [f"st{i}" for i in range(len(q.statuses))]
        clauses.append(f"r.status IN ({', '.join(':' + n for n in names)})")
        params.update(zip(names, q.statuses, strict=True))
    if spec.when_column is not None:
        col = f"r.{spec.when_column}"
        if q.when_from:
            clauses.append(f"{col} >= :when_from")
            params["when_from"] = q.when_from
        if q.when_before:
            clauses.append(f"{col} < :when_before")
            params["when_before"] = q.when_before
        if q.when_until:
            clauses.append(f"{col} <= :when_until")
            params["when_until"] = q.when_until
    if q.reactor:
        clauses.append("r.reactor_id IN (SELECT person_id FROM person_ids WHERE jid = :reactor)")
        params["reactor"] = q.reactor
    if q.chat:
        clauses.append("r.chat_jid = :chat")
        params["chat"] = q.chat
    if q.instance:
        clauses.append("r.instance = :instance")
        params["instance"] = q.instance
    if q.text:
        clause, found = text_clause(tx, spec.table, spec.search_columns, q.text)
        clauses.append(clause)
        params.update(found)
    return clauses, params


def list_records(tx: Transaction, q: RecordQuery) -> Page:
    spec = q.spec
    expr = _sort_expr(spec, q.sort)
    desc = q.sort.startswith("-")
    clauses, params = _where(q, tx)
    if q.after is not None:
        op = "<" if desc else ">"
        clauses.append(f"({expr} {op} :after_v OR ({expr} = :after_v AND r.id {op} :after_id))")
        params["after_v"] = q.after.value
        params["after_id"] = q.after.id
    # The sort value travels in the row so that the cursor holds exactly what SQL compared.
    sql = _select(spec, f", {expr} AS sort_value")
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    direction = "DESC" if desc else "ASC"
    sql += f" ORDER BY {expr} {direction}, r.id {direction}"
    if q.limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = q.limit + 1
    rows = tx.execute(sql, params)
    more = q.limit is not None and len(rows) > q.limit
    if more:
        rows = rows[: q.limit]
    convert = FROM_ROW[spec.kind]
    items = [convert(r) for r in rows]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = Cursor(q.sort, last["sort_value"], int(last["id"])).encode()
    return Page(items=items, next_cursor=next_cursor)


def iter_records(tx: Transaction, q: RecordQuery, batch: int = 500) -> Iterator[Record]:
    """Every record the query matches, page by page (exports)."""
    query = replace(q, limit=batch, after=None)
    while True:
        page = list_records(tx, query)
        yield from page.items
        if page.next_cursor is None:
            return
        query = replace(query, after=Cursor.decode(page.next_cursor))


def zones_with_times(tx: Transaction, q: RecordQuery) -> list[str]:
    """The zones (`tz`) of the matching records whose date has a time of day: the
    VTIMEZONEs a calendar needs, known before its components are streamed."""
    if q.spec.when_column is None:
        return []
    clauses, params = _where(q)
    clauses.append(f"instr(r.{q.spec.when_column}, 'T') > 0")
    sql = f"SELECT DISTINCT r.tz AS tz FROM {q.spec.table} r WHERE " + " AND ".join(clauses)
    return [str(r["tz"]) for r in tx.execute(sql, params)]


def get_record(tx: Transaction, spec: KindSpec, record_id: int) -> Record | None:
    row = tx.execute_one(_select(spec) + " WHERE r.id = :id", {"id": record_id})
    return FROM_ROW[spec.kind](row) if row is not None else None


@dataclass(frozen=True)
class Fingerprint:
    """What a set of matching records looks like from SQL aggregates alone: any record
    added, changed (every change moves `updated_at`) or removed changes it. Lets a feed
    answer 304 without loading or rendering anything."""

    count: int
    last_updated: float | None
    digest: str


def fingerprint(tx: Transaction, q: RecordQuery) -> Fingerprint:
    clauses, params = _where(q)
    if not clauses:  # a whole kind: the kept version (store/record_versions), one row
        kept = record_version(tx, q.spec.table)
        if kept is not None:
            digest = f"{q.spec.kind.value}:{kept.n}:v{kept.version}:{kept.last_updated!r}"
            return Fingerprint(kept.n, kept.last_updated, digest)
    sql = (
        "SELECT COUNT(*) AS n, MAX(r.updated_at) AS last, SUM(r.updated_at) AS total,"
        f" SUM(r.id) AS ids FROM {q.spec.table} r"
    )
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    row = tx.execute_one(sql, params) or {}
    n = int(row.get("n") or 0)
    last = row.get("last")
    digest = f"{q.spec.kind.value}:{n}:{last!r}:{row.get('total')!r}:{row.get('ids')!r}"
    return Fingerprint(n, None if last is None else float(last), digest)
