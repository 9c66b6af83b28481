"""CSV: UTF-8, one header row, RFC 4180 quoting, ISO dates.

One row per record with the record's fields flattened (`source.reactor.jid` becomes
`reactor_jid`), lists joined with "; ". Text that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe:
the text comes from chat messages, and opening an export must not run anything.

Two ways to the same bytes: `csv_rows` writes records (the CLI's export); the HTTP export
writes the store's rows as they come, tuples of the columns a plan names, each cell
converted by one small function and no record built per row (`csv_plan`, `csv_tuples`:
issue 17, where building a record per row made a 1M-record export take 34 s).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from pydantic import BaseModel

from reactiond.records.kinds import KindSpec, RecordKind
from reactiond.records.model import (
    Bill,
    CalendarEvent,
    Note,
    Record,
    Task,
    iso_utc,
    list_value,
    shown_when,
)

MODELS: dict[RecordKind, type[BaseModel]] = {
    RecordKind.TASKS: Task,
    RecordKind.CALENDAR_EVENTS: CalendarEvent,
    RecordKind.BILLS: Bill,
    RecordKind.NOTES: Note,
}
SOURCE_COLUMNS = (
    "instance",
    "chat",
    "message_id",
    "reactor_id",
    "reactor_jid",
    "reactor_name",
    "emoji",
    "rule_id",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Fields whose values reactiond writes itself (numbers, dates): never formula-escaped.
OWN_FIELDS = frozenset(
    {"id", "due", "start", "created_at", "updated_at", "done_at", "paid_at", "amount"}
)


def columns(spec: KindSpec) -> list[str]:
    fields = [f for f in MODELS[spec.kind].model_fields if f not in ("kind", "source")]
    return [*fields, *SOURCE_COLUMNS]


def _flat(record: Record) -> dict[str, Any]:
    data = record.model_dump(mode="json")
    source = data.pop("source")
    reactor = source.pop("reactor")
    data.pop("kind")
    return {
        **data,
        **{k: v for k, v in source.items()},
        "reactor_id": reactor["id"],
        "reactor_jid": reactor["jid"],
        "reactor_name": reactor["name"],
    }


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if name not in OWN_FIELDS and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_header(spec: KindSpec) -> str:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerow(columns(spec))
    return out.getvalue()


def csv_rows(spec: KindSpec, records: Iterable[Record]) -> str:
    """The rows of some records, without the header: one window of a streamed export."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    names = columns(spec)
    for record in records:
        flat = _flat(record)
        writer.writerow([_cell(n, flat.get(n)) for n in names])
    return out.getvalue()


def render_csv(spec: KindSpec, records: Iterable[Record]) -> str:
    """A whole export in memory (the CLI's; the HTTP route streams)."""
    return csv_header(spec) + csv_rows(spec, records)


# -- rows straight from the store -------------------------------------------------------
Cell = Callable[[Sequence[Any]], Any]
# A CSV column whose value is a stored column under another name.
STORED_AS = {"chat": "chat_jid"}
# Stored as a unix time, shown as ISO 8601 UTC (`created_at` and `updated_at` never empty).
INSTANTS = frozenset({"created_at", "updated_at", "done_at", "paid_at"})
LISTS = frozenset({"tags", "attendees"})
# Shown in the record's zone from its local value: (stored column, record field).
LOCAL_WHEN = {"due": "due_local", "start": "start_local"}
FLAGS = frozenset({"all_day"})


@dataclass(frozen=True)
class CsvPlan:
    """What a kind's CSV reads (`sources`: store columns, in order) and how each cell
    is made from a row of them."""

    sources: tuple[str, ...]
    cells: tuple[Cell, ...]


@lru_cache(maxsize=4096)
def _shown(local: str | None, tz: str) -> str:
    return shown_when(local, tz) or ""


@lru_cache(maxsize=4096)
def _joined(name: str, raw: str | None) -> str:
    return _cell(name, list_value(raw))


def _defused(value: Any) -> str:
    """`_cell` for a value that is neither a list nor a bool: chat text, defused."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text[:1] in _FORMULA_FIRST else text


_FORMULA_FIRST = frozenset(c for c in FORMULA_STARTS if c)


def _when_cell(i: int, z: int, as_stored: bool) -> Cell:
    def cell(row: Sequence[Any]) -> Any:
        return _shown(row[i], row[z]) or (row[i] if as_stored else "")

    return cell


def _instant_cell(i: int) -> Cell:
    def cell(row: Sequence[Any]) -> Any:
        return iso_utc(row[i]) or ""

    return cell


def _list_cell(i: int, name: str) -> Cell:
    def cell(row: Sequence[Any]) -> Any:
        return _joined(name, row[i])

    return cell


def _flag_cell(i: int) -> Cell:
    def cell(row: Sequence[Any]) -> Any:
        return "true" if row[i] else "false"

    return cell


def _own_cell(i: int) -> Cell:
    def cell(row: Sequence[Any]) -> Any:
        value = row[i]
        return "" if value is None else str(value)

    return cell


def _text_cell(i: int) -> Cell:
    def cell(row: Sequence[Any]) -> Any:
        return _defused(row[i])

    return cell


@cache
def csv_plan(spec: KindSpec) -> CsvPlan:
    sources: list[str] = []

    def at(column: str) -> int:
        if column not in sources:
            sources.append(column)
        return sources.index(column)

    cells: list[Cell] = []
    for name in columns(spec):
        if name in LOCAL_WHEN:
            # An event's start unreadable as a date is shown as stored, as the API does.
            cells.append(_when_cell(at(LOCAL_WHEN[name]), at("tz"), name == "start"))
        elif name in INSTANTS:
            cells.append(_instant_cell(at(name)))
        elif name in LISTS:
            cells.append(_list_cell(at(name), name))
        elif name in FLAGS:
            cells.append(_flag_cell(at(name)))
        elif name in OWN_FIELDS:
            cells.append(_own_cell(at(name)))
        else:
            cells.append(_text_cell(at(STORED_AS.get(name, name))))
    return CsvPlan(tuple(sources), tuple(cells))


def csv_tuples(plan: CsvPlan, rows: Iterable[Sequence[Any]]) -> str:
    """The CSV rows (no header) of store rows holding `plan.sources`, in that order."""
    out = io.StringIO()
    cells = plan.cells
    csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerows(
        [c(row) for c in cells] for row in rows
    )
    return out.getvalue()
