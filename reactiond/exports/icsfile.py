"""iCalendar: calendar events as VEVENT in their own zone (with its VTIMEZONE) and their
RRULE, bills as all-day VEVENTs on their due date, tasks with a due date as VTODO.

UIDs are stable (`task-12@reactiond`), and DTSTAMP / LAST-MODIFIED come from the
record's `updated_at`, never from the clock: re-importing updates instead of
duplicating, and the same records always give the same bytes (the feed's ETag).
Cancelled records stay in, with STATUS:CANCELLED, so subscribed calendars drop them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import structlog
from icalendar import Calendar, Event, Timezone, Todo, vRecur

from reactiond.records.model import Bill, CalendarEvent, Task, local_value, zone

log = structlog.get_logger("reactiond.exports")

PRODID = "-//reactiond//reactiond//EN"
UID_DOMAIN = "reactiond"
DEFAULT_EVENT_MINUTES = 60
TASK_PRIORITY = {"high": 1, "medium": 5, "low": 9}
TASK_STATUS = {"open": "NEEDS-ACTION", "done": "COMPLETED", "cancelled": "CANCELLED"}


def uid(kind: str, record_id: int) -> str:
    return f"{kind}-{record_id}@{UID_DOMAIN}"


def _instant(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(UTC)


def _when(local: str, tz: str) -> date | datetime:
    """The record's local value, made aware in its own zone when it has a time."""
    value = local_value(local)
    if isinstance(value, datetime):
        return value.replace(tzinfo=zone(tz))
    return value


def _local(shown: str) -> str:
    """Back from the shown form ('2026-01-12T15:00:00-06:00' or a date) to local."""
    return shown[:16] if "T" in shown else shown


def _stamp(component: Event | Todo, updated_at: str) -> None:
    # DTSTAMP is required; LAST-MODIFIED lets clients tell a changed record. (CREATED is
    # optional and was a sixth of the time of a large export.)
    stamp = _instant(updated_at)
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)


def event_component(record: CalendarEvent) -> Event:
    ev = Event()
    ev.add("uid", uid("event", record.id))
    ev.add("summary", record.title)
    start = _when(_local(record.start), record.tz)
    ev.add("dtstart", start)
    if isinstance(start, datetime):
        minutes = record.duration_minutes or DEFAULT_EVENT_MINUTES
        ev.add("dtend", start + timedelta(minutes=minutes))
    else:
        days = max(1, (record.duration_minutes or 0) // (24 * 60))
        ev.add("dtend", start + timedelta(days=days))
    if record.location:
        ev.add("location", record.location)
    if record.recurrence:
        try:
            ev.add("rrule", vRecur.from_ical(record.recurrence.removeprefix("RRULE:")))
        except ValueError:
            log.warning("recurrence_skipped", event_id=record.id, why="not an RRULE")
    details = []
    if record.platform:
        details.append(f"Platform: {record.platform}")
    if record.attendees:
        details.append("With: " + ", ".join(record.attendees))
    if details:
        ev.add("description", "\n".join(details))
    ev.add("status", "CANCELLED" if record.status == "cancelled" else "CONFIRMED")
    _stamp(ev, record.updated_at)
    return ev


def bill_summary(record: Bill) -> str:
    amount = Decimal(record.amount)
    name = record.vendor or "Bill"
    return f"{name}: {amount:,.2f} {record.currency}"


def bill_component(record: Bill) -> Event | None:
    if record.due is None:
        return None
    due = date.fromisoformat(record.due[:10])
    ev = Event()
    ev.add("uid", uid("bill", record.id))
    ev.add("summary", bill_summary(record))
    ev.add("dtstart", due)
    ev.add("dtend", due + timedelta(days=1))
    ev.add("transp", "TRANSPARENT")  # a due date does not make anyone busy
    ev.add("categories", ["bill"])
    ev.add("description", f"Status: {record.status}")
    ev.add("status", "CANCELLED" if record.status == "cancelled" else "CONFIRMED")
    _stamp(ev, record.updated_at)
    return ev


def task_component(record: Task) -> Todo | None:
    if record.due is None:
        return None
    todo = Todo()
    todo.add("uid", uid("task", record.id))
    todo.add("summary", record.title)
    todo.add("due", _when(_local(record.due), record.tz))
    todo.add("status", TASK_STATUS[record.status])
    if record.priority in TASK_PRIORITY:
        todo.add("priority", TASK_PRIORITY[record.priority])
    if record.tags:
        todo.add("categories", record.tags)
    if record.done_at:
        todo.add("completed", _instant(record.done_at))
    _stamp(todo, record.updated_at)
    return todo


def render_ics(
    *,
    name: str,
    events: Iterable[CalendarEvent] = (),
    bills: Iterable[Bill] = (),
    tasks: Iterable[Task] = (),
) -> bytes:
    components: list[Event | Todo] = []
    for kind, records, make in (
        ("event", events, event_component),
        ("bill", bills, bill_component),
        ("task", tasks, task_component),
    ):
        for record in records:
            component = _component(kind, record, make)
            if component is not None:
                components.append(component)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    # One VTIMEZONE per zone used, ahead of the components that refer to it. (We know the
    # zones; icalendar's add_missing_timezones() would walk every component to find them.)
    for tzid in sorted(_zones_used(components)):
        cal.add_component(Timezone.from_tzid(tzid))
    for component in components:
        cal.add_component(component)
    data: bytes = cal.to_ical()
    return data


def _component(
    kind: str, record: CalendarEvent | Bill | Task, make: Callable[[Any], Event | Todo | None]
) -> Event | Todo | None:
    """One record's component; None (and a warning) for a record that cannot be one, so
    that a single record (a date stored before reactiond.date_range, say year 9999 whose
    end time overflows) never fails the whole export or feed."""
    try:
        return make(record)
    except (ValueError, OverflowError) as exc:
        log.warning("record_skipped", kind=kind, record_id=record.id, why=type(exc).__name__)
        return None


def _zones_used(components: Iterable[Event | Todo]) -> set[str]:
    zones = set()
    for component in components:
        for prop in ("dtstart", "dtend", "due"):
            value = component.get(prop)
            when = getattr(value, "dt", None)
            key = getattr(getattr(when, "tzinfo", None), "key", None)
            if isinstance(when, datetime) and key and key != "UTC":
                zones.add(str(key))
    return zones
