"""CSV: UTF-8, one header row, RFC 4180 quoting, ISO dates.

One row per record with the record's fields flattened (`source.reactor.jid` becomes
`reactor_jid`), lists joined with "; ". Text that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe:
the text comes from chat messages, and opening an export must not run anything.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from reactiond.records.kinds import KindSpec, RecordKind
from reactiond.records.model import Bill, CalendarEvent, Note, Record, Task

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
