"""`?tz=` on the records endpoints: records shown in the reader's zone (issue 5), the
same conversion as the CLI's `--tz`; an unknown zone is a 400 with a hint."""

from __future__ import annotations

import pytest
from apisupport import Api


async def test_list_shows_a_due_time_on_the_readers_wall_clock(api: Api) -> None:
    await api.seed.task("Pagar renta", due="2026-01-16T15:00")  # Mexico City, -06:00
    status, body = await api.get("/api/tasks", params={"tz": "Europe/Madrid"})
    assert status == 200
    [task] = body["items"]
    assert task["due"] == "2026-01-16T22:00:00+01:00"
    assert task["tz"] == "America/Mexico_City"  # the record's own zone is still said


async def test_list_shows_instants_in_the_readers_zone(api: Api) -> None:
    await api.seed.task("Pagar renta")
    _, utc = await api.get("/api/tasks")
    _, madrid = await api.get("/api/tasks", params={"tz": "Europe/Madrid"})
    assert utc["items"][0]["created_at"].endswith("+00:00")
    assert madrid["items"][0]["created_at"].endswith("+01:00")


async def test_a_due_date_without_a_time_stays_that_day(api: Api) -> None:
    await api.seed.bill(due="2026-01-15")
    _, body = await api.get("/api/bills", params={"tz": "Asia/Tokyo"})
    assert body["items"][0]["due"] == "2026-01-15"


async def test_one_record_is_shown_in_the_readers_zone(api: Api) -> None:
    eid = await api.seed.event(start="2026-01-12T15:00")
    status, event = await api.get(f"/api/calendar-events/{eid}", params={"tz": "UTC"})
    assert status == 200
    assert event["start"] == "2026-01-12T21:00:00+00:00"


async def test_without_tz_times_stay_in_the_records_own_zone(api: Api) -> None:
    eid = await api.seed.event(start="2026-01-12T15:00")
    _, event = await api.get(f"/api/calendar-events/{eid}")
    assert event["start"] == "2026-01-12T15:00:00-06:00"


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "../etc/passwd", "x" * 300])
async def test_unknown_zone_in_a_listing_is_400_with_a_hint(api: Api, zone: str) -> None:
    status, body = await api.get("/api/tasks", params={"tz": zone})
    assert status == 400
    assert "unknown time zone" in body["error"]
    assert "IANA" in body["hint"]


async def test_unknown_zone_for_one_record_is_400_with_a_hint(api: Api) -> None:
    tid = await api.seed.task()
    status, body = await api.get(f"/api/tasks/{tid}", params={"tz": "Mars/Olympus"})
    assert status == 400
    assert body["error"] == "unknown time zone 'Mars/Olympus'"
    assert "IANA" in body["hint"]


async def test_unknown_parameter_for_one_record_is_400(api: Api) -> None:
    tid = await api.seed.task()
    status, body = await api.get(f"/api/tasks/{tid}", params={"zone": "UTC"})
    assert status == 400
    assert "'zone'" in body["error"] and "tz" in body["hint"]


async def test_openapi_documents_tz_on_listings_and_single_records(api: Api) -> None:
    _, doc = await api.get("/api/openapi.json")
    for path in ("/api/tasks", "/api/calendar-events", "/api/bills", "/api/notes"):
        listed = [p["name"] for p in doc["paths"][path]["get"]["parameters"]]
        one = [p["name"] for p in doc["paths"][path + "/{id}"]["get"]["parameters"]]
        assert "tz" in listed and "tz" in one, path
