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
from reactiond.store.records_query import (
    RecordFilter,
    RecordOrder,
    narrows,
    record_page,
    record_with_reactor,
    selection_totals,
)
from reactiond.store.records_query import zones_with_times as _zones_with_times
from reactiond.whole_number import whole_number

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

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
    # With when_from: recurring records stay whatever their date (a feed's window).
    keep_recurring: bool = False


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
    value = whole_number(raw) or 0
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


def record_filter(q: RecordQuery) -> RecordFilter:
    """The query's filters as the store takes them."""
    spec = q.spec
    return RecordFilter(
        table=spec.table,
        when_column=spec.when_column,
        search_columns=spec.search_columns,
        statuses=q.statuses,
        when_from=q.when_from,
        when_before=q.when_before,
        when_until=q.when_until,
        reactor=q.reactor,
        chat=q.chat,
        instance=q.instance,
        text=q.text,
        keep_recurring=q.keep_recurring,
    )


def record_order(q: RecordQuery, extra: int = 1) -> RecordOrder:
    """The query's sort and keyset page as the store takes them; `extra` rows more than
    the limit tell whether there is a next page."""
    name = q.sort.lstrip("-")
    return RecordOrder(
        sort=name if name in ("id", "created", "updated") else "when",
        descending=q.sort.startswith("-"),
        after_value=q.after.value if q.after is not None else None,
        after_id=q.after.id if q.after is not None else None,
        limit=q.limit + extra if q.limit is not None else None,
    )


def list_records(tx: Transaction, q: RecordQuery) -> Page:
    rows = record_page(tx, record_filter(q), record_order(q))
    more = q.limit is not None and len(rows) > q.limit
    if more:
        rows = rows[: q.limit]
    convert = FROM_ROW[q.spec.kind]
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


def get_record(tx: Transaction, spec: KindSpec, record_id: int) -> Record | None:
    row = record_with_reactor(tx, spec.table, record_id)
    return FROM_ROW[spec.kind](row) if row is not None else None


@dataclass(frozen=True)
class Fingerprint:
    """What a set of matching records looks like from SQL aggregates alone: any record
    added, changed (every change moves `updated_at`) or removed changes it. Lets a feed
    answer 304 without loading or rendering anything."""

    count: int
    last_updated: float | None
    digest: str


def zones_with_times(tx: Transaction, q: RecordQuery) -> list[str]:
    """The zones of the matching records whose date has a time of day: the VTIMEZONEs a
    calendar needs, known before its components are streamed."""
    return _zones_with_times(tx, record_filter(q))


def fingerprint(tx: Transaction, q: RecordQuery) -> Fingerprint:
    selection = record_filter(q)
    if not narrows(selection):  # a whole kind: the kept version (store/record_versions), one row
        kept = record_version(tx, q.spec.table)
        if kept is not None:
            digest = f"{q.spec.kind.value}:{kept.n}:v{kept.version}:{kept.last_updated!r}"
            return Fingerprint(kept.n, kept.last_updated, digest)
    row = selection_totals(tx, selection)
    n = int(row.get("n") or 0)
    last = row.get("last")
    digest = f"{q.spec.kind.value}:{n}:{last!r}:{row.get('total')!r}:{row.get('ids')!r}"
    return Fingerprint(n, None if last is None else float(last), digest)
