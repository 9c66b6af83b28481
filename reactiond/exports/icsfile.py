"""iCalendar: calendar events as VEVENT in their own zone (with its VTIMEZONE) and their
RRULE, bills as all-day VEVENTs on their due date, tasks with a due date as VTODO.

UIDs are stable (`task-12@reactiond`), and DTSTAMP / LAST-MODIFIED come from the
record's `updated_at`, never from the clock: re-importing updates instead of
duplicating, and the same records always give the same bytes (the feed's ETag).
Cancelled records stay in, with STATUS:CANCELLED, so subscribed calendars drop them.

Components are written as content lines directly (RFC 5545 §3.1: TEXT escaped, lines
folded at 75 octets), one record at a time, so that a calendar can be streamed in
windows of records with constant memory (issue 17: icalendar's object model held a
whole 1M-record calendar, ~8 GB, and took 230 µs per record). icalendar still writes
the VTIMEZONEs (one per zone, remembered) and parses RRULEs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import structlog
from icalendar import Timezone, vRecur

from reactiond.records.model import Bill, CalendarEvent, Task, local_value, zone

log = structlog.get_logger("reactiond.exports")

PRODID = "-//reactiond//reactiond//EN"
UID_DOMAIN = "reactiond"
DEFAULT_EVENT_MINUTES = 60
TASK_PRIORITY = {"high": 1, "medium": 5, "low": 9}
TASK_STATUS = {"open": "NEEDS-ACTION", "done": "COMPLETED", "cancelled": "CANCELLED"}
CALENDAR_TAIL = b"END:VCALENDAR\r\n"
# Bump when a component's bytes change for the same record: kept components rendered by
# another version are rendered again (exports/calendar_cache.py).
RENDER_VERSION = "1"

CalendarRecord = CalendarEvent | Bill | Task


def uid(kind: str, record_id: int) -> str:
    return f"{kind}-{record_id}@{UID_DOMAIN}"


# -- content lines ---------------------------------------------------------------------
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})
_CONTROLS = str.maketrans(
    dict.fromkeys([*range(0x20), 0x7F, *range(0x80, 0xA0)]) | {ord("\n"): "\n", ord("\t"): "\t"}
)


def text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped;
    other control characters, which no content line may hold, dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)
    return value.translate(_TEXT_ESCAPES)


def line(name: str, value: str) -> bytes:
    """One content line, folded at 75 octets without splitting a UTF-8 character."""
    raw = f"{name}:{value}".encode()
    if len(raw) <= 75:
        return raw + b"\r\n"
    parts = []
    start, limit = 0, 75
    while start < len(raw):
        end = min(start + limit, len(raw))
        while end < len(raw) and raw[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(raw[start:end])
        start, limit = end, 74
    return b"\r\n ".join(parts) + b"\r\n"


def _basic(moment: date | datetime) -> str:
    """ISO 8601's basic form ('20260115', '20260115T150000'), the one iCalendar writes:
    from isoformat, several times cheaper than strftime per value (issue 17)."""
    if isinstance(moment, datetime):
        text = moment.replace(tzinfo=None, microsecond=0).isoformat()
    else:
        text = moment.isoformat()
    return text.replace("-", "").replace(":", "")


def _utc(moment: datetime) -> str:
    return _basic(moment.astimezone(UTC)) + "Z"


def _instant(iso: str) -> str:
    return _utc(datetime.fromisoformat(iso))


def _when(name: str, value: date | datetime) -> bytes:
    """DTSTART / DTEND / DUE: a date, a UTC time, or a local time with its TZID."""
    if not isinstance(value, datetime):
        return line(f"{name};VALUE=DATE", _basic(value))
    key = getattr(value.tzinfo, "key", "UTC")
    if key == "UTC":
        return line(name, _utc(value))
    return line(f"{name};TZID={key}", _basic(value))


def _local_when(local: str, tz: str) -> date | datetime:
    """The record's local value, made aware in its own zone when it has a time."""
    value = local_value(local)
    if isinstance(value, datetime):
        return value.replace(tzinfo=zone(tz))
    return value


def _local(shown: str) -> str:
    """Back from the shown form ('2026-01-12T15:00:00-06:00' or a date) to local."""
    return shown[:16] if "T" in shown else shown


def _stamp(updated_at: str) -> bytes:
    # DTSTAMP is required; LAST-MODIFIED lets clients tell a changed record.
    stamp = _instant(updated_at)
    return line("DTSTAMP", stamp) + line("LAST-MODIFIED", stamp)


def zone_of(local: str | None, tz: str) -> str | None:
    """The zone a record's VTIMEZONE is needed for (a value with a time, not UTC)."""
    if local is None or "T" not in local:
        return None
    key = zone(tz).key
    return None if key == "UTC" else key


# -- components ------------------------------------------------------------------------
def event_component(record: CalendarEvent) -> bytes:
    out = [b"BEGIN:VEVENT\r\n", line("UID", uid("event", record.id))]
    out.append(line("SUMMARY", text(record.title)))
    start = _local_when(_local(record.start), record.tz)
    out.append(_when("DTSTART", start))
    if isinstance(start, datetime):
        end: date | datetime = start + timedelta(
            minutes=record.duration_minutes or DEFAULT_EVENT_MINUTES
        )
    else:
        end = start + timedelta(days=max(1, (record.duration_minutes or 0) // (24 * 60)))
    out.append(_when("DTEND", end))
    if record.location:
        out.append(line("LOCATION", text(record.location)))
    if record.recurrence:
        try:
            rule = vRecur.from_ical(record.recurrence.removeprefix("RRULE:"))
            out.append(line("RRULE", rule.to_ical().decode()))
        except ValueError:
            log.warning("recurrence_skipped", event_id=record.id, why="not an RRULE")
    details = []
    if record.platform:
        details.append(f"Platform: {record.platform}")
    if record.attendees:
        details.append("With: " + ", ".join(record.attendees))
    if details:
        out.append(line("DESCRIPTION", text("\n".join(details))))
    out.append(line("STATUS", "CANCELLED" if record.status == "cancelled" else "CONFIRMED"))
    out.append(_stamp(record.updated_at))
    out.append(b"END:VEVENT\r\n")
    return b"".join(out)


def bill_summary(record: Bill) -> str:
    amount = Decimal(record.amount)
    name = record.vendor or "Bill"
    return f"{name}: {amount:,.2f} {record.currency}"


def bill_component(record: Bill) -> bytes | None:
    if record.due is None:
        return None
    due = date.fromisoformat(record.due[:10])
    return b"".join(
        [
            b"BEGIN:VEVENT\r\n",
            line("UID", uid("bill", record.id)),
            line("SUMMARY", text(bill_summary(record))),
            _when("DTSTART", due),
            _when("DTEND", due + timedelta(days=1)),
            line("TRANSP", "TRANSPARENT"),  # a due date does not make anyone busy
            line("CATEGORIES", "bill"),
            line("DESCRIPTION", text(f"Status: {record.status}")),
            line("STATUS", "CANCELLED" if record.status == "cancelled" else "CONFIRMED"),
            _stamp(record.updated_at),
            b"END:VEVENT\r\n",
        ]
    )


def task_component(record: Task) -> bytes | None:
    if record.due is None:
        return None
    out = [b"BEGIN:VTODO\r\n", line("UID", uid("task", record.id))]
    out.append(line("SUMMARY", text(record.title)))
    out.append(_when("DUE", _local_when(_local(record.due), record.tz)))
    out.append(line("STATUS", TASK_STATUS[record.status]))
    if record.priority in TASK_PRIORITY:
        out.append(line("PRIORITY", str(TASK_PRIORITY[record.priority])))
    if record.tags:
        out.append(line("CATEGORIES", ",".join(text(t) for t in record.tags)))
    if record.done_at:
        out.append(line("COMPLETED", _instant(record.done_at)))
    out.append(_stamp(record.updated_at))
    out.append(b"END:VTODO\r\n")
    return b"".join(out)


MAKERS: dict[str, Callable[[Any], bytes | None]] = {
    "event": event_component,
    "bill": bill_component,
    "task": task_component,
}


def kind_of(record: CalendarRecord) -> str:
    if isinstance(record, CalendarEvent):
        return "event"
    return "bill" if isinstance(record, Bill) else "task"


def component(record: CalendarRecord) -> bytes | None:
    """One record's component; None (and a warning) for a record that cannot be one, so
    that a single record (a date stored before reactiond.date_range, say year 9999 whose
    end time overflows) never fails the whole export or feed."""
    kind = kind_of(record)
    try:
        return MAKERS[kind](record)
    except (ValueError, OverflowError) as exc:
        log.warning("record_skipped", kind=kind, record_id=record.id, why=type(exc).__name__)
        return None


def render_components(records: Iterable[CalendarRecord]) -> bytes:
    """Some records, as the bytes of their components."""
    return b"".join(c for c in map(component, records) if c is not None)


@cache
def timezone_component(tzid: str) -> bytes:
    data: bytes = Timezone.from_tzid(tzid).to_ical()
    return data


def calendar_head(name: str, zones: Iterable[str]) -> bytes:
    """VCALENDAR's opening lines and one VTIMEZONE per zone used, ahead of the
    components that refer to them."""
    out = [
        b"BEGIN:VCALENDAR\r\n",
        line("VERSION", "2.0"),
        line("PRODID", PRODID),
        line("CALSCALE", "GREGORIAN"),
        # Read back verbatim by calendar apps (no TEXT unescaping): one line, as given.
        line("X-WR-CALNAME", " ".join(name.translate(_CONTROLS).split("\n"))),
    ]
    out += [timezone_component(z) for z in sorted(set(zones))]
    return b"".join(out)


def render_ics(
    *,
    name: str,
    events: Iterable[CalendarEvent] = (),
    bills: Iterable[Bill] = (),
    tasks: Iterable[Task] = (),
) -> bytes:
    """A whole calendar in memory (the CLI's export; the HTTP routes stream)."""
    records: list[CalendarRecord] = [*events, *bills, *tasks]
    zones = {z for r in records if (z := _record_zone(r)) is not None}
    return calendar_head(name, zones) + render_components(records) + CALENDAR_TAIL


def _record_zone(record: CalendarRecord) -> str | None:
    if isinstance(record, CalendarEvent):
        return zone_of(_local(record.start), record.tz)
    if isinstance(record, Task) and record.due is not None:
        return zone_of(_local(record.due), record.tz)
    return None
