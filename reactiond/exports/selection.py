"""Which records an export or a feed holds: the same filters as the API, read in one
snapshot. For calendars: `kind` (tasks, calendar-events or bills; all three by
default), `reactor`, `chat`, `status`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from reactiond.exports.csvfile import csv_plan, csv_tuples
from reactiond.records.errors import InvalidFilter
from reactiond.records.kinds import SPECS, KindSpec, RecordKind, spec_for
from reactiond.records.model import Bill, CalendarEvent, Record, Task, zone
from reactiond.records.query import (
    Cursor,
    RecordQuery,
    filter_names,
    fingerprint,
    iter_records,
    parse_query,
    record_filter,
    record_order,
    zones_with_times,
)
from reactiond.store.interface import Transaction
from reactiond.store.records_query import record_tuples

CALENDAR_KINDS = (RecordKind.CALENDAR_EVENTS, RecordKind.BILLS, RecordKind.TASKS)
CALENDAR_FILTERS = ("kind", "reactor", "chat")
# Records read, rendered and written per step of a streamed export: memory stays bounded
# by a window whatever the number of records (issue 17).
WINDOW = 500
FIRST_DAY = "0000-01-01"  # before every stored local date


def export_filter_names(spec: KindSpec) -> tuple[str, ...]:
    """What a CSV export accepts: the listing's filters and sort, without paging."""
    return tuple(n for n in filter_names(spec) if n not in ("limit", "cursor"))


def export_query(spec: KindSpec, params: Mapping[str, str]) -> RecordQuery:
    """The query of an export, read a window at a time (`limit` is the window)."""
    paging = sorted(set(params) & {"limit", "cursor"})
    if paging:
        raise InvalidFilter(
            f"an export has no {paging[0]}: it holds every matching record",
            f"filter with {', '.join(export_filter_names(spec))}",
        )
    return replace(parse_query(spec, params, paged=False), limit=WINDOW)


def export_records(tx: Transaction, spec: KindSpec, params: Mapping[str, str]) -> list[Record]:
    return list(iter_records(tx, export_query(spec, params), batch=WINDOW))


def csv_window(tx: Transaction, q: RecordQuery) -> tuple[str, Cursor | None]:
    """One window of a CSV export (`q.limit` rows from `q.after`) as CSV text, and where
    the next window starts (None: this was the last). Rows go from the store's tuples to
    the CSV writer without a record per row (issue 17)."""
    plan = csv_plan(q.spec)
    rows = record_tuples(tx, record_filter(q), record_order(q), plan.sources)
    more = q.limit is not None and len(rows) > q.limit
    if more:
        rows = rows[: q.limit]
    after = Cursor(q.sort, rows[-1][-2], int(rows[-1][-1])) if more else None
    return csv_tuples(plan, rows), after


@dataclass(frozen=True)
class CalendarSelection:
    kinds: tuple[RecordKind, ...] = CALENDAR_KINDS
    reactor: str | None = None
    chat: str | None = None
    # A feed's window: records dated from this local day on (and recurring events,
    # whatever their start); None: every record.
    since: str | None = None

    def as_params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.reactor:
            out["reactor"] = self.reactor
        if self.chat:
            out["chat"] = self.chat
        return out


def parse_calendar_filters(params: Mapping[str, str]) -> CalendarSelection:
    unknown = sorted(set(params) - set(CALENDAR_FILTERS))
    if unknown:
        raise InvalidFilter(
            f"unknown filter {unknown[0]!r} for the calendar",
            f"use {', '.join(CALENDAR_FILTERS)}",
        )
    kinds: tuple[RecordKind, ...] = CALENDAR_KINDS
    if "kind" in params:
        spec = spec_for(params["kind"])
        if spec is None or spec.kind not in CALENDAR_KINDS:
            raise InvalidFilter(
                f"{params['kind']!r} is not a kind a calendar holds",
                "use kind=calendar-events, kind=bills or kind=tasks (notes have no date)",
            )
        kinds = (spec.kind,)
    selection = CalendarSelection(
        kinds=kinds, reactor=params.get("reactor") or None, chat=params.get("chat") or None
    )
    # The record filters are checked by the same code as the API's listings.
    parse_query(SPECS[RecordKind.TASKS], selection.as_params(), paged=False)
    return selection


@dataclass
class CalendarRecords:
    events: list[CalendarEvent] = field(default_factory=list)
    bills: list[Bill] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


def calendar_records(tx: Transaction, selection: CalendarSelection) -> CalendarRecords:
    out = CalendarRecords()
    params = selection.as_params()
    for kind in selection.kinds:
        spec = SPECS[kind]
        query = parse_query(spec, {**params, "sort": "id"}, paged=False)
        for record in iter_records(tx, query):
            if isinstance(record, CalendarEvent):
                out.events.append(record)
            elif isinstance(record, Bill):
                out.bills.append(record)
            elif isinstance(record, Task):
                out.tasks.append(record)
    return out


def calendar_queries(selection: CalendarSelection) -> list[RecordQuery]:
    """One query per kind the calendar holds, by id, a window at a time."""
    params = {**selection.as_params(), "sort": "id", "limit": str(WINDOW)}
    queries = [parse_query(SPECS[kind], params) for kind in selection.kinds]
    # Records without a date have no component: not read at all (NULL >= any day).
    return [
        replace(
            q,
            when_from=selection.since or FIRST_DAY,
            keep_recurring=q.spec.kind is RecordKind.CALENDAR_EVENTS,
        )
        for q in queries
    ]


def window_start(now: float, days: int) -> str | None:
    """The first local day a feed of a `days`-day window shows (0: no window). A day
    early for every zone, so that no zone loses a day it should show."""
    if days <= 0:
        return None
    today = datetime.fromtimestamp(now, UTC).date()
    return (today - timedelta(days=days + 1)).isoformat()


def calendar_zones(tx: Transaction, selection: CalendarSelection) -> set[str]:
    """The zones the calendar's VTIMEZONEs must describe (bills are all-day)."""
    found: set[str] = set()
    for q in calendar_queries(selection):
        if q.spec.kind is not RecordKind.BILLS:
            found |= {zone(tz).key for tz in zones_with_times(tx, q)}
    found.discard("UTC")
    return found


@dataclass(frozen=True)
class CalendarStamp:
    """The fingerprint of what a calendar holds: its ETag seed and Last-Modified."""

    seed: str
    last_modified: float | None


def calendar_stamp(tx: Transaction, selection: CalendarSelection) -> CalendarStamp:
    parts = []
    last: float | None = None
    # A window's records are fingerprinted as their whole kind (one kept row when nothing
    # else narrows: store/record_versions) rather than by aggregates over the window,
    # which would read every row in it at each poll. A change outside the window also
    # gives a new ETag, which costs a render from the kept components; the window's
    # first day is in the ETag's seed (the selection), so the feed moves on every day.
    params = selection.as_params()
    for kind in selection.kinds:
        print_ = fingerprint(tx, parse_query(SPECS[kind], params, paged=False))
        parts.append(print_.digest)
        if print_.last_updated is not None:
            last = print_.last_updated if last is None else max(last, print_.last_updated)
    return CalendarStamp("|".join(parts), last)
