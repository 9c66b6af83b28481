"""A reaction's record appears on a real CalDAV server (Radicale), follows the record's
changes, and goes when the record is cancelled; read back with REPORT."""

from __future__ import annotations

from reactiond.app import Daemon
from tests.e2e.caldav.conftest import add, component, read_objects
from tests.e2e.caldav.radicale import Radicale
from tests.e2e.records.conftest import ES_MESSAGE, Conversation, reaction, text_message
from tests.waiting import eventually

T0 = 1_736_872_000_000


async def test_a_calendar_reaction_appears_moves_and_goes(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    await add(daemon, radicale)
    msg = text_message(ES_MESSAGE, "CAL-1", "reunión con Ana el viernes a las 15:00")
    await chat.post(msg)
    await chat.post(reaction(msg, "📅", "R-CAL-1", sent_ms=T0))

    async def pushed() -> object:
        return (await read_objects(radicale)).get("event-1@reactiond")

    cal = await eventually(pushed, what="the event on Radicale")
    event = component(cal)
    assert str(event["summary"])  # the title made it there
    # In its own zone, with that zone's VTIMEZONE, and the chat reminder as a VALARM
    # (REACTIOND_REMINDER_LEAD_MINUTES before the start).
    zone = event["dtstart"].dt.tzinfo.key
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == [zone]
    [alarm] = event.walk("VALARM")
    lead = event["dtstart"].dt - alarm["trigger"].dt
    assert lead.total_seconds() == daemon.settings.reminder_lead_minutes * 60

    status, body = await chat.api("PATCH", "/api/calendar-events/1", {"start": "2026-03-02T09:30"})
    assert status == 200, body

    async def moved() -> bool:
        cal = (await read_objects(radicale)).get("event-1@reactiond")
        return cal is not None and component(cal)["dtstart"].dt.hour == 9

    await eventually(moved, what="the event moved to 09:30 on Radicale")

    status, body = await chat.api("PATCH", "/api/calendar-events/1", {"status": "cancelled"})
    assert status == 200, body

    async def gone() -> bool:
        return "event-1@reactiond" not in await read_objects(radicale)

    await eventually(gone, what="the cancelled event removed from Radicale")


async def test_a_task_with_a_due_date_is_a_vtodo_completed_when_done(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    await add(daemon, radicale, kinds=("task",))
    msg = text_message(ES_MESSAGE, "TASK-1", "pagar la luz mañana a las 10")
    await chat.post(msg)
    await chat.post(reaction(msg, "✅", "R-TASK-1", sent_ms=T0))

    async def todo() -> object:
        return (await read_objects(radicale)).get("task-1@reactiond")

    cal = await eventually(todo, what="the task on Radicale")
    assert component(cal).name == "VTODO"
    assert str(component(cal)["status"]) == "NEEDS-ACTION"

    status, body = await chat.api("PATCH", "/api/tasks/1", {"status": "done"})
    assert status == 200, body

    async def completed() -> bool:
        cal = (await read_objects(radicale)).get("task-1@reactiond")
        return cal is not None and str(component(cal)["status"]) == "COMPLETED"

    await eventually(completed, what="the task COMPLETED on Radicale")


async def test_a_target_given_the_server_url_finds_the_calendar(
    daemon: Daemon, radicale: Radicale
) -> None:
    target = await add(daemon, radicale, url=radicale.url)
    assert target.collection_url.rstrip("/") == radicale.calendar_url.rstrip("/")


async def test_bills_as_all_day_events_and_cancel_marks(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    await add(daemon, radicale, kinds=("bill",), bills_as="event", on_cancel="mark")
    msg = text_message(ES_MESSAGE, "BILL-1", "luz $450 vence el 20")
    await chat.post(msg)
    await chat.post(reaction(msg, "💳", "R-BILL-1", sent_ms=T0))

    async def bill() -> object:
        return (await read_objects(radicale)).get("bill-1@reactiond")

    cal = await eventually(bill, what="the bill on Radicale")
    assert component(cal).name == "VEVENT"
    status, body = await chat.api("PATCH", "/api/bills/1", {"status": "cancelled"})
    assert status == 200, body

    async def marked() -> bool:
        cal = (await read_objects(radicale)).get("bill-1@reactiond")
        return cal is not None and str(component(cal)["status"]) == "CANCELLED"

    await eventually(marked, what="the cancelled bill kept, marked CANCELLED")


async def test_undoing_the_reaction_removes_the_event(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    await add(daemon, radicale)
    msg = text_message(ES_MESSAGE, "CAL-1", "reunión con Ana el viernes a las 15:00")
    await chat.post(msg)
    await chat.post(reaction(msg, "📅", "R-CAL-1", sent_ms=T0))

    async def pushed() -> bool:
        return "event-1@reactiond" in await read_objects(radicale)

    await eventually(pushed, what="the event on Radicale")
    await chat.post(reaction(msg, "", "R-CAL-1-OFF", sent_ms=T0 + 5_000))

    async def gone() -> bool:
        return "event-1@reactiond" not in await read_objects(radicale)

    await eventually(gone, what="the undone event removed from Radicale")
