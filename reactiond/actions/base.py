"""What an action produces: the rows of one kind of record, before they are stored.

An executor is pure: parsed data + the rule's defaults + the message's zone → rows.
The source columns (instance, chat, message, reactor, emoji, rule) are added when the rows
are written, because they are the same for every kind.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

# The record nouns live in the domain, so that the store, which imports nothing else,
# can write them.
from reactiond.domain import INITIAL_STATUS, KIND_OF_TABLE, EntityRow, RecordTable

__all__ = [
    "INITIAL_STATUS",
    "KIND_OF_TABLE",
    "TABLE_OF_ACTION",
    "EntityRow",
    "RecordTable",
    "instant",
    "local_text",
]

TABLE_OF_ACTION: dict[str, RecordTable] = {
    "create_task": "tasks",
    "create_calendar_event": "calendar_events",
    "create_bill": "bills",
    "create_note": "notes",
}


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
