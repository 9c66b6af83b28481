"""What an action produces: the rows of one kind of record, before they are stored.

An executor is pure: parsed data + the rule's defaults + the message's zone → rows.
The source columns (instance, chat, message, reactor, emoji, rule) are added when the rows
are written, because they are the same for every kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

RecordTable = Literal["tasks", "calendar_events", "bills", "notes"]

# The kind of record each table holds, in the user's words (replies, events, CLI).
KIND_OF_TABLE: dict[RecordTable, str] = {
    "tasks": "task",
    "calendar_events": "event",
    "bills": "bill",
    "notes": "note",
}
TABLE_OF_ACTION: dict[str, RecordTable] = {
    "create_task": "tasks",
    "create_calendar_event": "calendar_events",
    "create_bill": "bills",
    "create_note": "notes",
}
# The status a record is born with; one still in it (and never updated) is "untouched".
INITIAL_STATUS: dict[RecordTable, str] = {
    "tasks": "open",
    "calendar_events": "scheduled",
    "bills": "pending",
    "notes": "active",
}


@dataclass(frozen=True)
class EntityRow:
    table: RecordTable
    values: Mapping[str, Any]

    @property
    def kind(self) -> str:
        return KIND_OF_TABLE[self.table]


def local_text(value: date | datetime | None) -> str | None:
    """'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM', the stored local form."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


def instant(value: date | datetime | None, tz: str) -> float | None:
    """Unix seconds of a local wall-clock time in `tz`; None for a date without a time."""
    if not isinstance(value, datetime):
        return None
    aware = value if value.tzinfo is not None else value.replace(tzinfo=ZoneInfo(tz))
    return aware.timestamp()
