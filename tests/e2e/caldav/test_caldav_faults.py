"""What goes wrong with a calendar server, against a real one (Radicale): an edit on the
phone in between (412), a retry after a lost answer, the server down, a wrong password."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from caldav.calendarobjectresource import Event

from reactiond.app import Daemon
from reactiond.caldav.checks import try_target
from reactiond.caldav.resolve import resolve
from reactiond.domain import Job
from reactiond.engine.reminders import ReminderConfig
from reactiond.store import caldav_repo
from reactiond.store.caldav_repo import PUSH_JOB, ResourceRow
from reactiond.store.events import events_after
from tests.e2e.caldav.conftest import add, component, read_objects
from tests.e2e.caldav.radicale import Radicale
from tests.e2e.records.conftest import ES_MESSAGE, Conversation, reaction, text_message
from tests.waiting import eventually

T0 = 1_736_872_000_000
UID = "event-1@reactiond"


async def make_event(chat: Conversation, radicale: Radicale, target_id: int) -> None:
    """An event made by a reaction, pushed, and its push recorded."""
    msg = text_message(ES_MESSAGE, "CAL-1", "reunión con Ana el viernes a las 15:00")
    await chat.post(msg)
    await chat.post(reaction(msg, "📅", "R-CAL-1", sent_ms=T0))

    async def recorded() -> bool:
        row = await resource(chat.daemon, target_id)
        return row is not None and row.state == "present"

    await eventually(recorded, what="the event pushed and recorded")
    assert UID in await read_objects(radicale)


def rename_on_the_phone(radicale: Radicale, href: str, title: str) -> None:
    """What a phone's calendar app does: read the event, change it, save it (the library
    sends If-Match with the ETag it read)."""
    with radicale.client() as client:
        calendar = client.calendar(url=radicale.calendar_url)  # type: ignore[no-untyped-call]
        event = Event(client=client, url=href, parent=calendar).load()
        event.icalendar_component["summary"] = title
        event.save()


async def resource(daemon: Daemon, target_id: int) -> ResourceRow | None:
    return await daemon.store.read(lambda tx: caldav_repo.get_resource(tx, target_id, "event", 1))


async def push_jobs(daemon: Daemon, status: str) -> list[Job]:
    return await daemon.store.list_jobs(status=status, kind=PUSH_JOB)


async def test_an_edit_on_the_phone_wins_and_is_recorded(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    target = await add(daemon, radicale)
    await make_event(chat, radicale, target.id)
    row = await resource(daemon, target.id)
    assert row is not None and row.state == "present"
    # The phone renames the event (a new body, so a new ETag on the server).
    await asyncio.to_thread(rename_on_the_phone, radicale, row.href, "Renamed on the phone")

    status, body = await chat.api("PATCH", "/api/calendar-events/1", {"title": "Ours"})
    assert status == 200, body

    async def conflict() -> ResourceRow | None:
        row = await resource(daemon, target.id)
        return row if row is not None and row.state == "conflict" else None

    held = await eventually(conflict, what="the conflict recorded")
    assert held.conflict and "412" in held.conflict
    on_server = component((await read_objects(radicale))[UID])
    assert str(on_server["summary"]) == "Renamed on the phone"
    logged = await daemon.store.read(lambda tx: events_after(tx, 0))
    assert any(e.type == "calendar.conflict" and e.data["id"] == 1 for e in logged)

    reminders = ReminderConfig.from_settings(daemon.settings)
    await resolve(daemon.store, target.name, "event:1", "reactiond", daemon.clock(), reminders)
    daemon.wakeup()

    async def ours() -> bool:
        return str(component((await read_objects(radicale))[UID])["summary"]) == "Ours"

    await eventually(ours, what="reactiond's version written over the phone's")


async def test_a_create_whose_answer_was_lost_is_not_doubled(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    target = await add(daemon, radicale)
    await make_event(chat, radicale, target.id)
    row = await resource(daemon, target.id)
    assert row is not None
    # As if the daemon died after the PUT and before recording it: the row says "not
    # there", the server has it. A new push must adopt it, not make a second one.
    lost = replace(row, state="removed", etag=None, body_hash=None)
    now = daemon.clock()

    def forget(tx: object) -> None:
        caldav_repo.put_resource(tx, lost)  # type: ignore[arg-type]
        caldav_repo.queue_record(tx, target.id, "event", 1, now)  # type: ignore[arg-type]

    await daemon.store.write(forget)

    async def adopted() -> bool:
        again = await resource(daemon, target.id)
        return again is not None and again.state == "present"

    await eventually(adopted, what="the object on the server adopted")
    assert list(await read_objects(radicale)) == [UID]
    assert await push_jobs(daemon, "dead") == []


async def test_server_down_retries_then_dead_letter_then_resumes_once(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    target = await add(daemon, radicale)
    radicale.stop()
    msg = text_message(ES_MESSAGE, "CAL-1", "reunión con Ana el viernes a las 15:00")
    await chat.post(msg)
    await chat.post(reaction(msg, "📅", "R-CAL-1", sent_ms=T0))

    dead = await eventually(
        lambda: push_jobs(daemon, "dead"), what="the push given up after its retries"
    )
    assert dead[0].attempts == dead[0].max_attempts > 1
    assert dead[0].last_error is not None
    assert "calendar family unreachable" in dead[0].last_error

    radicale.start()
    result = await try_target(daemon.store, target.name, daemon.clock())
    assert result.finding.status == "ok"
    assert result.resumed == 1
    daemon.wakeup()

    async def pushed() -> bool:
        return UID in await read_objects(radicale)

    await eventually(pushed, what="the event pushed once the server is back")
    assert list(await read_objects(radicale)) == [UID]


async def test_a_refused_password_waits_with_its_reason_until_fixed(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    wrong = radicale.root / "wrong-password"
    wrong.write_text("not-the-password-at-all\n")
    target = await add(daemon, radicale, check=False, password_file=str(wrong))
    msg = text_message(ES_MESSAGE, "CAL-1", "reunión con Ana el viernes a las 15:00")
    await chat.post(msg)
    await chat.post(reaction(msg, "📅", "R-CAL-1", sent_ms=T0))

    async def waiting() -> list[Job]:
        jobs = await push_jobs(daemon, "queued")
        return [j for j in jobs if j.last_error and j.run_at > daemon.clock() + 60]

    job = (await eventually(waiting, what="the push waiting on its credentials"))[0]
    assert job.attempts == 0  # waiting is not a failure: it uses up none of its tries
    # Its wait over, it asks again, is refused again, and waits again: still no attempt.
    now = daemon.clock()
    await daemon.store.write(lambda tx: caldav_repo.run_push_job_now(tx, job.id, now))
    daemon.wakeup()

    async def asked_again() -> list[Job]:
        return [j for j in await waiting() if j.updated_at > now]

    job = (await eventually(asked_again, what="the push refused again and waiting"))[0]
    assert job.attempts == 0 and job.status == "queued"
    assert job.last_error is not None
    assert "refused the credentials" in job.last_error
    assert "reactiond calendars test family" in job.last_error
    assert "not-the-password" not in job.last_error
    _, health = await chat.api("GET", "/api/health")
    assert "calendars" in health["warnings"], health
    said = health["checks"]["calendars"]
    assert said["family"]["waiting"] == 1 and "refused the credentials" in said["warning"]

    failed = await try_target(daemon.store, target.name, daemon.clock())
    assert failed.finding.code == "unauthorized" and failed.resumed == 0

    wrong.write_text(radicale.password_file.read_text())
    fixed = await try_target(daemon.store, target.name, daemon.clock())
    assert fixed.finding.status == "ok" and fixed.resumed == 1
    daemon.wakeup()

    async def pushed() -> bool:
        return UID in await read_objects(radicale)

    await eventually(pushed, what="the event pushed once the password is fixed")


async def test_an_update_whose_answer_was_lost_is_not_a_conflict(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    target = await add(daemon, radicale)
    await make_event(chat, radicale, target.id)
    before = await resource(daemon, target.id)
    assert before is not None
    status, body = await chat.api("PATCH", "/api/calendar-events/1", {"title": "Moved"})
    assert status == 200, body

    async def updated() -> ResourceRow | None:
        row = await resource(daemon, target.id)
        return row if row is not None and row.etag != before.etag else None

    after = await eventually(updated, what="the update recorded")
    # As if the daemon stopped after the PUT and before recording it: the row still holds
    # the old ETag. The next push must see the server has what it wrote, not a conflict.
    now = daemon.clock()

    def forget(tx: object) -> None:
        caldav_repo.put_resource(tx, replace(after, etag=before.etag, body_hash="stale"))  # type: ignore[arg-type]
        caldav_repo.queue_record(tx, target.id, "event", 1, now)  # type: ignore[arg-type]

    await daemon.store.write(forget)

    async def adopted() -> bool:
        row = await resource(daemon, target.id)
        return row is not None and row.etag == after.etag and row.body_hash != "stale"

    await eventually(adopted, what="the server's copy adopted as ours")
    row = await resource(daemon, target.id)
    assert row is not None and row.state == "present"
