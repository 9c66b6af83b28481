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
    assert str(component(cal)["summary"])  # the title made it there

    status, body = await chat.api(
        "PATCH", "/api/calendar-events/1", {"start": "2026-03-02T09:30"}
    )
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
