"""Hostile input to the API gets a 4xx, never a 500 (issue 12, item 3): deep JSON, lone
surrogates, dates at the calendar's edges, ids beyond 64 bits. Each of these was a 500 (or
an aborted stream) before."""

from __future__ import annotations

from typing import Any

import icalendar
import pytest
from apisupport import NOW, Api

from reactiond.exports.feeds import IssuedFeed, create_feed

DEEP = b"[" * 1000 + b"]" * 1000
DEEP_OBJECT = b'{"a":' * 1000 + b"1" + b"}" * 1000


async def _send(api: Api, method: str, path: str, body: bytes) -> tuple[int, Any]:
    headers = {"Content-Type": "application/json"}
    async with api.http.request(method, api.url + path, data=body, headers=headers) as r:
        return r.status, await r.json()


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT])
async def test_deeply_nested_patch_is_400(api: Api, body: bytes) -> None:
    task = await api.seed.task()
    status, answer = await _send(api, "PATCH", f"/api/tasks/{task}", body)
    assert status == 400, answer
    assert "nested deeper" in answer["error"]


@pytest.mark.parametrize("path", ["/api/rules/test", "/api/rules"])
async def test_deeply_nested_rules_body_is_400(api: Api, path: str) -> None:
    status, answer = await _send(api, "POST", path, DEEP_OBJECT)
    assert status == 400, answer


async def test_integer_beyond_64_bits_in_a_patch_is_400(api: Api) -> None:
    event = await api.seed.event()
    body = b'{"duration_minutes": 123456789012345678901234567890}'
    status, answer = await _send(api, "PATCH", f"/api/calendar-events/{event}", body)
    assert status == 400, answer
    assert "64 bits" in answer["error"]


async def test_lone_surrogate_in_a_patch_is_stored_as_replacement_character(api: Api) -> None:
    task = await api.seed.task()
    status, answer = await _send(api, "PATCH", f"/api/tasks/{task}", b'{"title": "Pay \\ud83d"}')
    assert status == 200, answer
    assert answer["title"] == "Pay \ufffd"


async def test_rule_whose_trigger_is_a_lone_surrogate_is_400(api: Api) -> None:
    body = b'{"name": "half", "triggers": ["\\ud83d"], "action": "create_task"}'
    status, answer = await _send(api, "POST", "/api/rules", body)
    assert status == 400, answer
    assert answer["problems"][0]["field"].startswith("triggers")


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/calendar-events/{id}", {"start": "9999-12-31T23:30"}),
        ("/api/calendar-events/{id}", {"start": "0001-01-01"}),
        ("/api/calendar-events/{id}", {"start": "0001-01-01T00:00+14:00"}),
        ("/api/tasks/{id}", {"due": "9999-12-31T23:59"}),
        ("/api/bills/{id}", {"due": "9999-12-31"}),
    ],
)
async def test_patch_to_a_date_outside_the_range_is_400(
    api: Api, path: str, body: dict[str, str]
) -> None:
    kind = path.split("/")[2]
    seed = {"calendar-events": api.seed.event, "tasks": api.seed.task, "bills": api.seed.bill}
    record = await seed[kind]()
    status, answer = await api.patch(path.format(id=record), body)
    assert status == 400, answer
    assert "1900-01-01 to 2999-12-31" in answer["error"]


@pytest.mark.parametrize(
    "query", ["due_from=9999-12-31", "due_to=9999-12-31", "due_from=0001-01-01T00:00"]
)
async def test_date_filters_outside_the_range_are_400(api: Api, query: str) -> None:
    status, answer = await api.get(f"/api/tasks?{query}")
    assert status == 400, answer


async def _edge_records(api: Api) -> dict[str, int]:
    """Records as a message of year 9999 left them before dates were kept in range."""
    return {
        "edge_event": await api.seed.event(
            "Fin", start="9999-12-31T23:30", tz="Pacific/Kiritimati"
        ),
        "edge_task": await api.seed.task("Fin", due="9999-12-31T23:59", tz="America/Adak"),
        "edge_bill": await api.seed.bill("Fin", due="9999-12-31"),
        "event": await api.seed.event("Reunión", start="2026-01-12T15:00"),
    }


async def test_one_record_at_the_calendar_edge_does_not_fail_the_export(api: Api) -> None:
    records = await _edge_records(api)
    async with api.http.get(api.url + "/export/calendar.ics") as r:
        assert r.status == 200, await r.text()
        cal = icalendar.Calendar.from_ical(await r.read())
    uids = {str(c["UID"]) for c in cal.walk() if c.name in ("VEVENT", "VTODO")}
    assert f"event-{records['event']}@reactiond" in uids


async def test_one_record_at_the_calendar_edge_does_not_fail_a_feed(api: Api) -> None:
    records = await _edge_records(api)
    issued: IssuedFeed = await api.daemon.store.write(lambda tx: create_feed(tx, "Ana", {}, NOW))
    async with api.http.get(issued.url(api.url)) as r:
        assert r.status == 200, await r.text()
        body = await r.read()
    assert f"event-{records['event']}@reactiond".encode() in body


@pytest.mark.parametrize("kind", ["calendar-events", "tasks", "bills"])
async def test_records_at_the_edge_list_in_the_furthest_zone(api: Api, kind: str) -> None:
    await _edge_records(api)
    status, answer = await api.get(f"/api/{kind}?tz=Pacific/Kiritimati")
    assert status == 200, answer
    status, answer = await api.get(f"/api/{kind}?tz=Etc/GMT%2B12")
    assert status == 200, answer
    async with api.http.get(f"{api.url}/export/{kind}.csv") as r:
        assert r.status == 200, await r.text()


async def test_a_record_at_the_edge_can_still_be_changed(api: Api) -> None:
    records = await _edge_records(api)
    path = f"/api/calendar-events/{records['edge_event']}"
    status, answer = await api.patch(path, {"status": "cancelled"})
    assert status == 200, answer
    status, answer = await api.patch(path, {"start": "2026-02-01T10:00"})
    assert status == 200, answer


@pytest.mark.parametrize("how", ["header", "query"])
async def test_a_40_digit_last_event_id_is_400(api: Api, how: str) -> None:
    big = "9" * 40
    kw: dict[str, Any] = {"headers": {"Last-Event-ID": big}}
    if how == "query":
        kw = {"params": {"last_event_id": big}}
    async with api.http.get(api.url + "/api/stream", **kw) as r:
        assert r.status == 400
        assert "not an event id" in (await r.json())["error"]


async def test_rules_test_with_a_40_digit_amount_is_not_a_500(api: Api) -> None:
    """Found by the fuzz suite (decimal.InvalidOperation rounding 1e40 to cents)."""
    body = b'{"emoji": "\\ud83d\\udcb3", "text": "' + b"9" * 40 + b'"}'
    status, answer = await _send(api, "POST", "/api/rules/test", body)
    assert status == 200, answer
    assert answer["results"][0]["parse"]["success"] is False


@pytest.mark.parametrize(
    "extra", [{"tz": "😀" * 3000}, {"now": "9999-12-31T23:30", "tz": "Pacific/Kiritimati"}]
)
async def test_rules_test_with_a_hostile_tz_or_now_is_400(api: Api, extra: dict[str, str]) -> None:
    """Found by the fuzz suite: a zone name too long for the file system (OSError) and a
    `now` at the calendar's edge were 500s."""
    status, answer = await api.post(
        "/api/rules/test", json={"emoji": "💳", "text": "Pagar luz $890", **extra}
    )
    assert status == 400, answer


async def test_analytics_with_a_zone_name_too_long_is_400(api: Api) -> None:
    status, answer = await api.get("/api/analytics/nlp", params={"tz": "😀" * 300})
    assert status == 400, answer


@pytest.mark.parametrize("path", ["/api/analytics/nlp", "/api/analytics/actions"])
async def test_analytics_until_year_9999_is_400(api: Api, path: str) -> None:
    """Found by the fuzz suite: the window's end was shown as a date past year 9999."""
    status, answer = await api.get(path, params={"until": "9999-12-31T23:59"})
    assert status == 400, answer


# Python's int() refuses text of more than 4,300 digits, and "²" passes str.isdigit()
# but not int(): each of these paths was a 500 before.
HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/tasks/{n}"),
        ("PATCH", "/api/tasks/{n}"),
        ("GET", "/api/queue/{n}"),
        ("POST", "/api/queue/{n}/retry"),
        ("GET", "/api/outbox/{n}"),
        ("POST", "/api/outbox/{n}/retry"),
        ("GET", "/api/trace/reactions/{n}"),
    ],
)
async def test_an_id_of_5000_digits_is_404(api: Api, method: str, path: str) -> None:
    async with api.http.request(method, api.url + path.format(n=HUGE), json={}) as r:
        assert r.status == 404, await r.text()
        assert "error" in await r.json()


@pytest.mark.parametrize("path", ["/api/tasks", "/api/queue", "/api/outbox"])
@pytest.mark.parametrize("limit", [HUGE, "²"])
async def test_a_limit_of_5000_digits_or_not_ascii_is_400(api: Api, path: str, limit: str) -> None:
    status, answer = await api.get(path, params={"limit": limit})
    assert status == 400, answer
    assert "limit" in answer["error"]
