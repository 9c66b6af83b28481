"""What differs between the four kinds of record: table, statuses, the date that ranges
and sorts apply to, the columns text search looks in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RecordKind(StrEnum):
    """The kinds as they appear in URLs and on the command line."""

    TASKS = "tasks"
    CALENDAR_EVENTS = "calendar-events"
    BILLS = "bills"
    NOTES = "notes"


@dataclass(frozen=True)
class KindSpec:
    kind: RecordKind
    table: str
    singular: str  # "task": used in messages and in stable ICS UIDs
    statuses: tuple[str, ...]
    # The local wall-clock column ranges and the "when" sort apply to ('YYYY-MM-DD' or
    # 'YYYY-MM-DDTHH:MM'), and the name its range filter takes: due_from / start_to …
    when_column: str | None
    when_name: str | None
    search_columns: tuple[str, ...]
    default_sort: str


SPECS: dict[RecordKind, KindSpec] = {
    RecordKind.TASKS: KindSpec(
        RecordKind.TASKS,
        "tasks",
        "task",
        ("open", "done", "cancelled"),
        "due_local",
        "due",
        ("title", "assignee", "tags"),
        "due",
    ),
    RecordKind.CALENDAR_EVENTS: KindSpec(
        RecordKind.CALENDAR_EVENTS,
        "calendar_events",
        "event",
        ("scheduled", "cancelled"),
        "start_local",
        "start",
        ("title", "location", "platform", "attendees"),
        "start",
    ),
    RecordKind.BILLS: KindSpec(
        RecordKind.BILLS,
        "bills",
        "bill",
        ("pending", "paid", "cancelled"),
        "due_local",
        "due",
        ("vendor",),
        "due",
    ),
    RecordKind.NOTES: KindSpec(
        RecordKind.NOTES,
        "notes",
        "note",
        ("active", "cancelled"),
        None,
        None,
        ("title", "body", "tags"),
        "-created",
    ),
}


def spec_for(name: str) -> KindSpec | None:
    """The kind named in a URL or on the command line ("events" is accepted too)."""
    aliases = {"events": RecordKind.CALENDAR_EVENTS, "calendar": RecordKind.CALENDAR_EVENTS}
    try:
        return SPECS[RecordKind(name)]
    except ValueError:
        kind = aliases.get(name)
        return SPECS[kind] if kind is not None else None


def kind_names() -> str:
    return ", ".join(k.value for k in RecordKind)
