"""Live calendar feeds: the secret URL, each record's fields read back with icalendar,
304 for a current copy, filters per feed, rotation and revocation; and the CLI."""

from __future__ import annotations

import re
import threading
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from apisupport import NOW, Api, start_api
from typer.testing import Result

from reactiond.exports.feeds import (
    IssuedFeed,
    create_feed,
    feed_filter,
    revoke_feed,
    rotate_feed,
)
from reactiond.records.errors import InvalidChange
from reactiond.store import feeds_repo
from tests.cli_in_process import run_cli, run_cli_in_thread

MX = ZoneInfo("America/Mexico_City")
ANA = "5215512345678@s.whatsapp.net"
LUIS = "5215587654321@s.whatsapp.net"


async def _feed(api: Api, name: str = "Ana", **filter_: str) -> IssuedFeed:
    issued: IssuedFeed = await api.daemon.store.write(
        lambda tx: create_feed(tx, name, dict(filter_), NOW)
    )
    return issued


async def test_feed_serves_every_record_with_its_fields(api: Api) -> None:
    event = await api.seed.event(
        "Reunião", start="2026-01-13T15:00", duration_minutes=90, location="Zoom"
    )
    bill = await api.seed.bill("CFE", amount="890.00", due="2026-01-15")
    task = await api.seed.task("Revisar contrato", due="2026-01-14", tags=["legal"])
    issued = await _feed(api)
    async with api.http.get(issued.url(api.url)) as r:
        assert r.status == 200
        assert r.headers["Content-Type"] == "text/calendar; charset=utf-8"
        cal = icalendar.Calendar.from_ical(await r.read())
    assert str(cal["X-WR-CALNAME"]) == "Ana"
    by_uid = {str(c["UID"]): c for c in cal.walk() if c.name in ("VEVENT", "VTODO")}
    assert set(by_uid) == {
        f"event-{event}@reactiond",
        f"bill-{bill}@reactiond",
        f"task-{task}@reactiond",
    }
    ev = by_uid[f"event-{event}@reactiond"]
    assert str(ev["SUMMARY"]) == "Reunião"
    assert ev.decoded("DTSTART") == datetime(2026, 1, 13, 15, 0, tzinfo=MX)
    assert ev.decoded("DTEND") == datetime(2026, 1, 13, 16, 30, tzinfo=MX)
    assert str(ev["LOCATION"]) == "Zoom"
    assert str(ev["STATUS"]) == "CONFIRMED"
    assert "With: Ana, Luis" in str(ev["DESCRIPTION"])
    b = by_uid[f"bill-{bill}@reactiond"]
    assert str(b["SUMMARY"]) == "CFE: 890.00 MXN"
    assert b.decoded("DTSTART") == date(2026, 1, 15)
    assert str(b["TRANSP"]) == "TRANSPARENT"
    t = by_uid[f"task-{task}@reactiond"]
    assert str(t["SUMMARY"]) == "Revisar contrato"
    assert t.decoded("DUE") == date(2026, 1, 14)
    assert [str(c) for c in t["CATEGORIES"].cats] == ["legal"]


async def test_the_calendar_head_is_built_off_the_event_loop(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 17: a zone's first VTIMEZONE costs tens of ms of icalendar; on the loop it held
    # every other request that long during a calendar's first render.
    from reactiond.web import feeds as feed_routes

    built_in: list[str] = []
    real = feed_routes.calendar_head

    def calendar_head(name: str, zones: object) -> bytes:
        built_in.append(threading.current_thread().name)
        return real(name, zones)  # type: ignore[arg-type]

    monkeypatch.setattr(feed_routes, "calendar_head", calendar_head)
    await api.seed.event("Reunião", start="2026-01-13T15:00", duration_minutes=90)
    issued = await _feed(api)
    async with api.http.get(issued.url(api.url)) as r:
        assert r.status == 200
        assert b"BEGIN:VTIMEZONE" in await r.read()
    assert built_in and threading.main_thread().name not in built_in


async def test_feed_answers_304_to_a_current_etag(api: Api) -> None:
    await api.seed.bill()
    url = (await _feed(api)).url(api.url)
    async with api.http.get(url) as r:
        etag = r.headers["ETag"]
    async with api.http.get(url, headers={"If-None-Match": etag}) as r:
        assert r.status == 304
        assert r.headers["ETag"] == etag
        assert await r.read() == b""


async def test_feed_answers_304_to_a_current_if_modified_since(api: Api) -> None:
    await api.seed.bill()
    url = (await _feed(api)).url(api.url)
    async with api.http.get(url) as r:
        last_modified = r.headers["Last-Modified"]
    async with api.http.get(url, headers={"If-Modified-Since": last_modified}) as r:
        assert r.status == 304


async def test_feed_answers_200_with_a_new_etag_after_a_change(api: Api) -> None:
    bid = await api.seed.bill()
    url = (await _feed(api)).url(api.url)
    async with api.http.get(url) as r:
        etag = r.headers["ETag"]
    status, _ = await api.patch(f"/api/bills/{bid}", {"due": "2026-02-01"})
    assert status == 200
    async with api.http.get(url, headers={"If-None-Match": etag}) as r:
        assert r.status == 200
        assert r.headers["ETag"] != etag
        cal = icalendar.Calendar.from_ical(await r.read())
    [ev] = cal.walk("VEVENT")
    assert ev.decoded("DTSTART") == date(2026, 2, 1)


async def test_feed_filter_keeps_one_reactor_and_one_kind(api: Api) -> None:
    mine = await api.seed.bill("Luz", reactor=ANA)
    await api.seed.bill("Agua", reactor=LUIS)
    await api.seed.event(reactor=ANA)
    url = (await _feed(api, reactor=ANA, kind="bills")).url(api.url)
    async with api.http.get(url) as r:
        cal = icalendar.Calendar.from_ical(await r.read())
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [f"bill-{mine}@reactiond"]


async def test_unknown_feed_token_is_404(api: Api) -> None:
    status, body = await api.get("/feeds/rdf_nonsense.ics")
    assert status == 404
    assert body["error"] == "no such feed"


async def test_revoked_feed_is_404(api: Api) -> None:
    issued = await _feed(api)
    await api.daemon.store.write(lambda tx: revoke_feed(tx, issued.feed.id, NOW))
    async with api.http.get(issued.url(api.url)) as r:
        assert r.status == 404


async def test_rotated_feed_old_url_is_404_and_new_one_works(api: Api) -> None:
    old = await _feed(api)
    new = await api.daemon.store.write(lambda tx: rotate_feed(tx, old.feed.id))
    async with api.http.get(old.url(api.url)) as r:
        assert r.status == 404
    async with api.http.get(new.url(api.url)) as r:
        assert r.status == 200


async def test_feed_needs_no_api_token_but_export_does(tmp_path: Path) -> None:
    async for api in start_api(tmp_path, api_token="t0ken-0123456789ab"):
        url = (await _feed(api)).url(api.url)
        async with api.http.get(url) as r:
            assert r.status == 200
        async with api.http.get(api.url + "/export/calendar.ics") as r:
            assert r.status == 401


async def test_only_the_token_hash_is_stored(api: Api) -> None:
    issued = await _feed(api)
    rows = await api.daemon.store.read(feeds_repo.list_feeds)
    assert issued.token not in repr(rows)


def _cli(data_dir: Path, *args: str) -> Result:
    """`reactiond feeds ARGS` in this process, on the daemons' database (so on PostgreSQL
    too, in tests/pg/e2e)."""
    return run_cli({"REACTIOND_DATA_DIR": str(data_dir)}, "feeds", *args)


async def test_cli_feeds_create_list_rotate_revoke(tmp_path: Path) -> None:
    async def cli(*args: str) -> Result:
        return await run_cli_in_thread({"REACTIOND_DATA_DIR": str(tmp_path)}, "feeds", *args)

    created = await cli("create", "Ana", "--kind", "bills", "--base-url", "https://c.ex")
    assert created.exit_code == 0, created.stderr
    first = re.search(r"https://c\.ex/feeds/(rdf_[\w-]+)\.ics", created.stdout)
    assert first is not None
    listed = await cli("list")
    assert "Ana  (kind=bills)" in listed.stdout
    assert first.group(1) not in listed.stdout
    rotated = await cli("rotate", "1", "--base-url", "https://c.ex")
    second = re.search(r"/feeds/(rdf_[\w-]+)\.ics", rotated.stdout)
    assert second is not None and second.group(1) != first.group(1)
    assert (await cli("revoke", "1")).exit_code == 0
    assert "revoked" in (await cli("list")).stdout
    again = await cli("revoke", "1")
    assert again.exit_code == 1
    assert "feed 1 is revoked" in again.stderr
    # The URL printed last is dead after revocation, through the real server.
    async for api in start_api(tmp_path):
        async with api.http.get(f"{api.url}/feeds/{second.group(1)}.ics") as r:
            assert r.status == 404


def test_cli_feeds_create_refuses_notes(tmp_path: Path) -> None:
    done = _cli(tmp_path, "create", "Ana", "--kind", "notes")
    assert done.exit_code == 1
    assert "notes have no date" in done.stderr


async def _uids(api: Api, issued: IssuedFeed) -> set[str]:
    async with api.http.get(issued.url(api.url)) as r:
        assert r.status == 200
        cal = icalendar.Calendar.from_ical(await r.read())
    return {str(c["UID"]) for c in cal.walk() if c.name in ("VEVENT", "VTODO")}


async def test_feed_shows_the_last_90_days_and_everything_ahead(api: Api) -> None:
    # NOW is 2026-01-09: the window starts about 2025-10-11.
    old = await api.seed.bill("Vieja", due="2025-09-01")
    recent = await api.seed.bill("Reciente", due="2025-11-01")
    ahead = await api.seed.bill("Futura", due="2026-06-01")
    weekly = await api.seed.event("Standup", start="2025-01-06T09:30", recurrence="FREQ=WEEKLY")
    once = await api.seed.event("Junta vieja", start="2025-05-01T10:00")
    assert await _uids(api, await _feed(api)) == {
        f"bill-{recent}@reactiond",
        f"bill-{ahead}@reactiond",
        f"event-{weekly}@reactiond",  # a recurring event goes on whatever its start
    }
    everything = await _uids(api, await _feed(api, window_days="0"))
    assert {f"bill-{old}@reactiond", f"event-{once}@reactiond"} <= everything
    assert len(everything) == 5


def test_a_feed_window_is_a_number_of_days() -> None:
    assert feed_filter(None, "bills", 30) == {"kind": "bills", "window_days": "30"}
    with pytest.raises(InvalidChange):
        feed_filter(None, None, -1)
