"""Calendars rendered from the kept components (issue 17): each window of records is
read with each record's component as last rendered from its current version
(`calendar_components`, migration 011); only the records without one (new, changed, or
rendered by another renderer) are rendered, and their components are kept for the next
calendar or feed. After one change, a calendar of any size renders one record.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import metadata

import icalendar

from reactiond.exports.icsfile import RENDER_VERSION, component
from reactiond.records.model import Bill, CalendarEvent, Task
from reactiond.records.query import FROM_ROW, Cursor, RecordQuery, record_filter, record_order
from reactiond.store.feeds_repo import RenderedComponent
from reactiond.store.interface import Row, Transaction
from reactiond.store.records_query import record_page_with_component


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "0"


# Components kept by another renderer are rendered again (and replaced).
RENDERER = f"{RENDER_VERSION} reactiond {_version('reactiond')} icalendar {icalendar.__version__}"


@dataclass(frozen=True)
class ComponentWindow:
    """One window's rows (each with its kept component, or None) and where the next
    window starts (None: this was the last)."""

    table: str
    rows: list[Row]
    after: Cursor | None


def read_window(tx: Transaction, q: RecordQuery) -> ComponentWindow:
    """`q.limit` records from `q.after`, with their kept components."""
    rows = record_page_with_component(tx, record_filter(q), record_order(q), RENDERER)
    more = q.limit is not None and len(rows) > q.limit
    if more:
        rows = rows[: q.limit]
    after = Cursor(q.sort, rows[-1]["sort_value"], int(rows[-1]["id"])) if more else None
    return ComponentWindow(q.spec.table, rows, after)


def next_query(q: RecordQuery, window: ComponentWindow) -> RecordQuery | None:
    return None if window.after is None else replace(q, after=window.after)


def render_window(q: RecordQuery, window: ComponentWindow) -> tuple[bytes, list[RenderedComponent]]:
    """The window's components (kept ones as they are) and the ones rendered now, to
    keep. CPU work: run it off the event loop."""
    convert = FROM_ROW[q.spec.kind]
    out: list[bytes] = []
    fresh: list[RenderedComponent] = []
    for row in window.rows:
        kept = row["component"]
        if kept is not None:
            out.append(bytes(kept))
            continue
        record = convert(row)
        if not isinstance(record, CalendarEvent | Bill | Task):
            continue
        body = component(record)
        if body is None:  # no date, or a date no calendar can hold: nothing to keep
            continue
        out.append(body)
        fresh.append(
            RenderedComponent(
                window.table, int(row["id"]), float(row["updated_at"]), RENDERER, body
            )
        )
    return b"".join(out), fresh
