"""One record as one calendar object resource (RFC 4791 §4.1): a VCALENDAR with one
VEVENT or VTODO and the VTIMEZONE it needs. The component is the ICS export's, with the
same UID (`task-12@reactiond`), so a person who subscribed to a feed and now gets pushes
sees one item, not two. Pure."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from icalendar import Alarm, Calendar, Component, Event, Timezone, Todo

from reactiond.engine.reminders import RecordKind as ReminderKind
from reactiond.engine.reminders import Remindable, ReminderConfig, plan_reminders
from reactiond.exports.icsfile import (
    PRODID,
    bill_component,
    bill_summary,
    event_component,
    task_component,
    uid,
)
from reactiond.records.model import Bill, CalendarEvent, Task, local_value

Record = CalendarEvent | Task | Bill
BILL_STATUS = {"pending": "NEEDS-ACTION", "paid": "COMPLETED", "cancelled": "CANCELLED"}


@dataclass(frozen=True)
class CalendarObject:
    uid: str
    component: str  # VEVENT | VTODO
    body: bytes
    cancelled: bool  # the record is cancelled: removed, or kept marked CANCELLED

    @property
    def body_hash(self) -> str:
        return hashlib.sha256(self.body).hexdigest()[:32]


def kind_of(record: Record) -> str:
    """The ICS export's UID prefix: event, task, bill."""
    if isinstance(record, CalendarEvent):
        return "event"
    if isinstance(record, Task):
        return "task"
    return "bill"


def component_name(kind: str, bills_as: str) -> str:
    if kind == "event" or (kind == "bill" and bills_as == "event"):
        return "VEVENT"
    return "VTODO"


def resource_name(kind: str, record_id: int) -> str:
    """The object's name in the collection: the UID without its '@' (a safe path)."""
    return f"reactiond-{kind}-{record_id}.ics"


def bill_todo(record: Bill) -> Todo | None:
    """A bill as a to-do due on its date: COMPLETED once paid (a reminders app ticks it)."""
    if record.due is None:
        return None
    todo = Todo()
    todo.add("uid", uid("bill", record.id))
    todo.add("summary", bill_summary(record))
    todo.add("due", date.fromisoformat(record.due[:10]))
    todo.add("status", BILL_STATUS[record.status])
    todo.add("categories", ["bill"])
    todo.add("description", f"{Decimal(record.amount):,.2f} {record.currency}")
    if record.paid_at:
        todo.add("completed", datetime.fromisoformat(record.paid_at))
    # DTSTAMP is required; LAST-MODIFIED lets clients tell a changed record (as the export)
    stamp = datetime.fromisoformat(record.updated_at).astimezone(UTC)
    todo.add("dtstamp", stamp)
    todo.add("last-modified", stamp)
    return todo


def alarm_moments(record: Record, config: ReminderConfig, *, bill_reminders: bool) -> list[float]:
    """When reactiond would remind about `record` in the chat (engine/reminders.py): the
    same moments become the object's VALARMs, so the phone rings when the chat would.
    Pure: every moment is planned, past ones too, so the object's bytes depend on the
    record alone."""
    shown: str | None
    kind: ReminderKind
    if isinstance(record, CalendarEvent):
        kind, shown = "event", record.start
    elif isinstance(record, Task):
        kind, shown = "task", record.due
    else:
        kind, shown = "bill", record.due[:10] if record.due else None
    if shown is None or record.status == "cancelled":
        return []
    when = local_value(shown[:16] if "T" in shown else shown)
    remindable = Remindable(kind, record.id, when, record.tz, enabled=bill_reminders)
    return sorted(r.at for r in plan_reminders(remindable, config, now=0.0))


def _alarm(at: float, summary: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    # Absolute, which RFC 5545 says with VALUE=DATE-TIME (a trigger is a duration unless
    # told otherwise; icalendar leaves the parameter out).
    alarm.add("trigger", datetime.fromtimestamp(at, UTC), parameters={"VALUE": "DATE-TIME"})
    return alarm


def calendar_object(
    record: Record, *, bills_as: str, alarms: Sequence[float] = ()
) -> CalendarObject | None:
    """The object for `record`, or None when it cannot be one (a task or bill without a
    due date: a calendar has nowhere to put it). `alarms`: moments for its VALARMs."""
    component: Event | Todo | None
    if isinstance(record, CalendarEvent):
        component = _read(event_component(record))
    elif isinstance(record, Task):
        component = _read(task_component(record))
    elif bills_as == "event":
        component = _read(bill_component(record))
    else:
        component = bill_todo(record)
    if component is None:
        return None
    for at in alarms:
        component.add_component(_alarm(at, str(component["summary"])))
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    for tzid in sorted(_zones(component)):
        cal.add_component(Timezone.from_tzid(tzid))
    cal.add_component(component)
    return CalendarObject(
        uid=str(component["uid"]),
        component=component.name,
        body=cal.to_ical(),
        cancelled=record.status == "cancelled",
    )


def _read(written: bytes | None) -> Event | Todo | None:
    """The export writes its components as lines; an object gets VALARMs and a VTIMEZONE
    added, so it is read back into icalendar's model (one record: no cost that matters)."""
    if written is None:
        return None
    found = Component.from_ical(written)
    return found if isinstance(found, Event | Todo) else None


def _zones(component: Event | Todo) -> set[str]:
    zones = set()
    for prop in ("dtstart", "dtend", "due"):
        when = getattr(component.get(prop), "dt", None)
        key = getattr(getattr(when, "tzinfo", None), "key", None)
        if isinstance(when, datetime) and key and key != "UTC":
            zones.add(str(key))
    return zones
