"""What a push does, from what the server holds and what the record is now (pure), and
the objects it writes: the ICS export's UIDs, stable bytes, VTODO or VEVENT per target."""

from __future__ import annotations

from datetime import datetime
from itertools import product
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from reactiond.caldav.client import Collection as Resource
from reactiond.caldav.components import alarm_moments, calendar_object, component_name
from reactiond.caldav.push import next_step, written_by_us
from reactiond.caldav.targets import (
    TargetError,
    TargetRequest,
    choose_collection,
    components_needed,
    validate,
)
from reactiond.engine.reminders import ReminderConfig
from reactiond.exports.icsfile import render_ics
from reactiond.records.model import Bill, CalendarEvent, Reactor, Source, Task
from reactiond.store.caldav_repo import ResourceRow

SOURCE = Source(
    instance="main",
    chat="chat@s.whatsapp.net",
    message_id="M1",
    reactor=Reactor(id=1, jid="1@s.whatsapp.net", name=None),
    emoji="📅",
    rule_id=None,
)
STAMP = "2026-01-10T12:00:00Z"


def event(**over: Any) -> CalendarEvent:
    values: dict[str, Any] = {
        "id": 3,
        "status": "scheduled",
        "title": "Dentist",
        "start": "2026-01-12T15:00:00-06:00",
        "all_day": False,
        "tz": "America/Mexico_City",
        "duration_minutes": 45,
        "location": None,
        "platform": None,
        "attendees": [],
        "recurrence": None,
        "language": "es",
        "source": SOURCE,
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    return CalendarEvent(**(values | over))


def task(**over: Any) -> Task:
    values: dict[str, Any] = {
        "id": 12,
        "status": "open",
        "title": "Pay rent",
        "due": "2026-01-15",
        "tz": "Europe/Madrid",
        "priority": None,
        "tags": [],
        "assignee": None,
        "language": "en",
        "source": SOURCE,
        "created_at": STAMP,
        "updated_at": STAMP,
        "done_at": None,
    }
    return Task(**(values | over))


def bill(**over: Any) -> Bill:
    values: dict[str, Any] = {
        "id": 5,
        "status": "pending",
        "vendor": "Luz",
        "amount": "450.00",
        "currency": "MXN",
        "due": "2026-01-20",
        "tz": "America/Mexico_City",
        "position": 0,
        "language": "es",
        "source": SOURCE,
        "created_at": STAMP,
        "updated_at": STAMP,
        "paid_at": None,
    }
    return Bill(**(values | over))


def pushed(body_hash: str | None, state: str = "present") -> ResourceRow:
    return ResourceRow(1, "event", 3, "https://h/c/x.ics", '"e1"', body_hash, state, None, 0.0)


def test_the_uid_is_the_ics_exports() -> None:
    for record in (event(), task(), bill()):
        obj = calendar_object(record, bills_as="event")
        assert obj is not None
        exported = render_ics(name="x", events=[event()], tasks=[task()], bills=[bill()])
        assert f"UID:{obj.uid}".encode() in exported


def test_the_same_record_gives_the_same_bytes() -> None:
    a = calendar_object(event(), bills_as="todo")
    b = calendar_object(event(), bills_as="todo")
    assert a is not None and b is not None and a.body == b.body
    moved = calendar_object(event(start="2026-01-12T16:00:00-06:00"), bills_as="todo")
    assert moved is not None and moved.body_hash != a.body_hash


def test_a_bill_is_a_todo_or_an_all_day_event_per_target() -> None:
    todo = calendar_object(bill(), bills_as="todo")
    ev = calendar_object(bill(), bills_as="event")
    assert todo is not None and todo.component == "VTODO"
    assert b"DUE;VALUE=DATE:20260120" in todo.body
    assert ev is not None and ev.component == "VEVENT"
    paid = calendar_object(bill(status="paid", paid_at="2026-01-18T10:00:00Z"), bills_as="todo")
    assert paid is not None and b"STATUS:COMPLETED" in paid.body
    assert component_name("bill", "todo") == "VTODO"


def test_nothing_to_put_for_a_task_without_a_due_date() -> None:
    assert calendar_object(task(due=None), bills_as="todo") is None


def test_an_event_carries_its_zone() -> None:
    obj = calendar_object(event(), bills_as="todo")
    assert obj is not None and b"BEGIN:VTIMEZONE" in obj.body
    assert b"TZID:America/Mexico_City" in obj.body


@pytest.mark.parametrize(
    ("state", "same", "cancelled", "on_cancel", "expected"),
    [
        (None, False, False, "delete", "create"),
        ("removed", False, False, "delete", "create"),
        ("present", True, False, "delete", "nothing"),
        ("present", False, False, "delete", "update"),
        ("present", False, True, "delete", "remove"),
        ("present", False, True, "mark", "update"),
        (None, False, True, "delete", "nothing"),
        ("removed", False, True, "delete", "nothing"),
        ("conflict", False, False, "delete", "held"),
        ("conflict", False, True, "delete", "held"),
    ],
)
def test_next_step(
    state: str | None, same: bool, cancelled: bool, on_cancel: str, expected: str
) -> None:
    obj = calendar_object(event(status="cancelled" if cancelled else "scheduled"), bills_as="todo")
    assert obj is not None
    resource = None if state is None else pushed(obj.body_hash if same else "old", state)
    assert next_step(resource, obj, on_cancel) == expected


def test_a_record_with_no_object_left_is_removed_only_if_there() -> None:
    for state, on_cancel in product(("present", "removed"), ("delete", "mark")):
        expected = "remove" if state == "present" else "nothing"
        assert next_step(pushed("h", state), None, on_cancel) == expected


def test_written_by_us_tells_ours_from_a_phone_edit() -> None:
    obj = calendar_object(event(), bills_as="todo")
    assert obj is not None
    assert written_by_us(obj.body.decode(), obj)
    edited = obj.body.replace(b"LAST-MODIFIED:20260110T120000Z", b"LAST-MODIFIED:20260111T090000Z")
    assert edited != obj.body
    assert not written_by_us(edited.decode(), obj)
    assert not written_by_us("garbage", obj)
    # A phone's edit within the same second (LAST-MODIFIED has whole seconds).
    renamed = obj.body.replace(b"SUMMARY:Dentist", b"SUMMARY:Dentist at 4")
    assert not written_by_us(renamed.decode(), obj)
    # A server adding a property of its own leaves it ours.
    added = obj.body.replace(b"SUMMARY:Dentist", b"SUMMARY:Dentist\r\nX-SERVER-SEEN:1")
    assert written_by_us(added.decode(), obj)


def test_choose_collection() -> None:
    both = Resource("https://h/ana/a/", is_calendar=True, displayname="A",
                    components=frozenset({"VEVENT", "VTODO"}))  # fmt: skip
    events = Resource("https://h/ana/e/", is_calendar=True, displayname="E",
                      components=frozenset({"VEVENT"}))  # fmt: skip
    needed = components_needed(("event", "task"), "todo")
    assert choose_collection([events, both], needed, None) is both
    assert choose_collection([events, both], needed, "E") is events
    with pytest.raises(TargetError, match="no calendar 'X'"):
        choose_collection([events, both], needed, "X")
    with pytest.raises(TargetError, match="takes VEVENT, VTODO"):
        choose_collection([events], needed, None)
    assert components_needed(("bill",), "event") == frozenset({"VEVENT"})


@pytest.mark.parametrize(
    "url", ["ftp://h/cal/", "https://", "https://ana:secret@h.example/dav/", "h.example/dav"]
)
def test_a_url_with_credentials_or_without_a_host_is_refused(url: str) -> None:
    req = TargetRequest(name="x", url=url, user="ana", password_env="CALDAV_X")
    with pytest.raises(TargetError):
        validate(req)


def test_a_recurring_event_keeps_its_rrule_and_alarms_follow_the_chat_reminders() -> None:
    obj = calendar_object(event(recurrence="RRULE:FREQ=WEEKLY;BYDAY=MO"), bills_as="todo")
    assert obj is not None and b"RRULE:FREQ=WEEKLY;BYDAY=MO" in obj.body
    config = ReminderConfig(lead_minutes=30)
    moments = alarm_moments(event(), config, bill_reminders=False)
    start = datetime(2026, 1, 12, 15, 0, tzinfo=ZoneInfo("America/Mexico_City")).timestamp()
    assert moments == [start - 30 * 60]
    assert alarm_moments(bill(), config, bill_reminders=False) == []
    assert len(alarm_moments(bill(), config, bill_reminders=True)) == 2  # days before, on the day
    assert alarm_moments(event(status="cancelled"), config, bill_reminders=False) == []
    with_alarm = calendar_object(event(), bills_as="todo", alarms=moments)
    assert with_alarm is not None and b"BEGIN:VALARM" in with_alarm.body
    assert b"TRIGGER;VALUE=DATE-TIME:20260112T203000Z" in with_alarm.body
