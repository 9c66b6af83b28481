"""`/api/calendars` against a real Radicale: add (the calendar found from the server's
URL), list, show, test, edit, remove; never a password in an answer, and no file or variable
outside the ones set aside for calendars."""

from __future__ import annotations

import asyncio

from reactiond.app import Daemon
from reactiond.store.caldav_repo import PUSH_JOB
from tests.e2e.caldav.conftest import add, objects, read_objects
from tests.e2e.caldav.radicale import PASSWORD, USER, Radicale
from tests.e2e.records.conftest import ES_MESSAGE, Conversation, reaction, text_message
from tests.waiting import eventually


async def test_add_list_show_test_remove(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    folder = daemon.settings.data_dir / "calendar-passwords"
    folder.mkdir()
    (folder / "family").write_text(PASSWORD)
    body = {"name": "family", "url": radicale.url, "user": USER, "password_file": "family"}
    status, added = await chat.api("POST", "/api/calendars", body)
    assert status == 201, added
    assert added["collection_url"].rstrip("/").endswith("/alice/family")
    assert added["password_from"] == {"file": str((folder / "family").resolve())}

    status, listed = await chat.api("GET", "/api/calendars")
    assert status == 200 and [t["name"] for t in listed["items"]] == ["family"]
    assert PASSWORD not in str(listed)
    status, shown = await chat.api("GET", "/api/calendars/family")
    assert status == 200 and shown["conflicts"] == [] and PASSWORD not in str(shown)

    status, tested = await chat.api("POST", "/api/calendars/family/test")
    assert status == 200 and tested["ok"] and tested["status"] == "ok", tested

    status, again = await chat.api("POST", "/api/calendars", body)
    assert status == 409, again

    async with chat.http.delete(f"http://127.0.0.1:{daemon.port}/api/calendars/family") as r:
        assert r.status == 204
    status, gone = await chat.api("GET", "/api/calendars/family")
    assert status == 404, gone


async def test_no_file_or_variable_outside_the_calendar_ones(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    base = {"name": "x", "url": radicale.url, "user": USER}
    outside = {**base, "password_file": "/etc/passwd"}
    status, body = await chat.api("POST", "/api/calendars", outside)
    assert status == 400 and "calendar-passwords" in body["error"], body
    status, body = await chat.api(
        "POST", "/api/calendars", {**base, "password_file": "../reactiond.db"}
    )
    assert status == 400, body
    status, body = await chat.api(
        "POST", "/api/calendars", {**base, "password_env": "REACTIOND_API_TOKEN"}
    )
    assert status == 400 and "CALDAV_" in body["error"], body
    status, body = await chat.api("GET", "/api/calendars")
    assert body["items"] == []


async def test_records_made_before_the_calendar_are_pushed_on_request(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    msg = text_message(ES_MESSAGE, "CAL-1", "reunión con Ana el viernes a las 15:00")
    await chat.post(msg)
    await chat.post(reaction(msg, "📅", "R-CAL-1", sent_ms=1_736_872_000_000))
    await chat.settle()
    await add(daemon, radicale)
    assert await read_objects(radicale) == {}

    status, body = await chat.api("POST", "/api/calendars/family/push")
    assert status == 200 and body == {"queued": 1}, body

    async def pushed() -> bool:
        return "event-1@reactiond" in await read_objects(radicale)

    await eventually(pushed, what="the earlier event pushed")


async def test_edit_checks_like_add_and_a_fixed_password_resumes_the_pushes(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    folder = daemon.settings.data_dir / "calendar-passwords"
    folder.mkdir()
    (folder / "wrong").write_text("not-the-password-at-all\n")
    (folder / "right").write_text(PASSWORD)
    await add(daemon, radicale, check=False, password_file=str(folder / "wrong"))
    msg = text_message(ES_MESSAGE, "CAL-1", "reunión con Ana el viernes a las 15:00")
    await chat.post(msg)
    await chat.post(reaction(msg, "📅", "R-CAL-1", sent_ms=1_736_872_000_000))

    async def waiting() -> bool:
        jobs = await daemon.store.list_jobs(status="queued", kind=PUSH_JOB)
        return any(j.last_error and "refused" in j.last_error for j in jobs)

    await eventually(waiting, what="the push waiting on the wrong password")

    for body, words in [
        ({}, "nothing to change"),
        ({"password_file": "/etc/passwd"}, "calendar-passwords"),
        ({"password_env": "REACTIOND_API_TOKEN"}, "CALDAV_"),
        ({"kinds": ["event", "memo"]}, "unknown kinds memo"),
        ({"name": "other"}, "unknown fields"),
    ]:
        status, said = await chat.api("PATCH", "/api/calendars/family", body)
        assert status == 400 and words in said["error"], (body, said)
    status, said = await chat.api("PATCH", "/api/calendars/nope", {"kinds": ["event"]})
    assert status == 404, said
    # Still the wrong password: refused by the server, not stored.
    status, said = await chat.api("PATCH", "/api/calendars/family", {"kinds": ["event"]})
    assert status == 502 and "401" in said["hint"], said

    status, edited = await chat.api(
        "PATCH", "/api/calendars/family", {"password_file": "right", "kinds": ["event", "task"]}
    )
    assert status == 200, edited
    assert edited["password_from"] == {"file": str((folder / "right").resolve())}
    assert edited["kinds"] == ["event", "task"] and edited["resumed"] == 1
    assert not edited["moved"] and PASSWORD not in str(edited)

    async def pushed() -> bool:
        return "event-1@reactiond" in await read_objects(radicale)

    await eventually(pushed, what="the event pushed once the password was changed")


async def test_edit_to_another_calendar_sends_the_records_there(
    daemon: Daemon, radicale: Radicale, chat: Conversation
) -> None:
    await add(daemon, radicale)
    msg = text_message(ES_MESSAGE, "CAL-1", "reunión con Ana el viernes a las 15:00")
    await chat.post(msg)
    await chat.post(reaction(msg, "📅", "R-CAL-1", sent_ms=1_736_872_000_000))

    async def pushed() -> bool:
        return "event-1@reactiond" in await read_objects(radicale)

    await eventually(pushed, what="the event on the first calendar")
    work = radicale.make_calendar("work", "VEVENT")
    status, edited = await chat.api(
        "PATCH",
        "/api/calendars/family",
        {"url": radicale.url, "calendar": "work", "kinds": ["event"]},
    )
    assert status == 200, edited
    assert edited["moved"] and edited["queued"] == 1
    assert edited["collection_url"].rstrip("/") == work.rstrip("/")

    async def there() -> bool:
        found = await asyncio.to_thread(objects, radicale, work)
        return "event-1@reactiond" in found

    await eventually(there, what="the event on the new calendar")
    assert "event-1@reactiond" in await read_objects(radicale)  # the old copy stays
