"""CSV and iCalendar exports, through the real server and the CLI, read back with the
csv module and with icalendar."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from apisupport import Api, start_api
from typer.testing import Result

from reactiond.exports.csvfile import render_csv
from reactiond.exports.selection import export_records
from reactiond.records.kinds import spec_for
from tests.cli_in_process import run_cli_in_thread

MX = ZoneInfo("America/Mexico_City")


async def _csv(api: Api, path: str, **params: str) -> list[dict[str, str]]:
    async with api.http.get(api.url + path, params=params) as r:
        assert r.status == 200, await r.text()
        assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
        text = (await r.read()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


async def _ics(api: Api, path: str, **params: str) -> icalendar.Calendar:
    async with api.http.get(api.url + path, params=params) as r:
        assert r.status == 200, await r.text()
        assert r.headers["Content-Type"] == "text/calendar; charset=utf-8"
        return icalendar.Calendar.from_ical(await r.read())


async def test_csv_has_one_header_row_and_reads_back_tricky_text(api: Api) -> None:
    tricky = 'Llamar a "Doña Lucía", luego\nenviar cotización 📎'
    tid = await api.seed.task(tricky, due="2026-01-16T15:00", tags=["ventas", "urgente"])
    rows = await _csv(api, "/export/tasks.csv")
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == str(tid)
    assert row["title"] == tricky
    assert row["due"] == "2026-01-16T15:00:00-06:00"
    assert row["tags"] == "ventas; urgente"
    assert row["reactor_jid"] == "5215512345678@s.whatsapp.net"
    assert row["created_at"].endswith("+00:00")


async def test_csv_header_row_is_present_when_nothing_matches(api: Api) -> None:
    async with api.http.get(api.url + "/export/bills.csv") as r:
        text = await r.text()
    assert text.splitlines()[0].startswith("id,status,vendor,amount,currency,due")
    assert len(text.splitlines()) == 1


async def test_csv_defuses_spreadsheet_formulas(api: Api) -> None:
    await api.seed.note('=HYPERLINK("http://x")', body="@SUM(A1)")
    [row] = await _csv(api, "/export/notes.csv")
    assert row["title"] == '\'=HYPERLINK("http://x")'
    assert row["body"] == "'@SUM(A1)"


async def test_csv_applies_the_api_filters(api: Api) -> None:
    await api.seed.bill("CFE", due="2026-01-15")
    await api.seed.bill("Telmex", due="2026-02-15")
    paid = await api.seed.bill("Agua", due="2026-01-20", status="paid")
    rows = await _csv(
        api, "/export/bills.csv", status="paid,pending", due_to="2026-01-31", sort="-due"
    )
    assert [r["vendor"] for r in rows] == ["Agua", "CFE"]
    assert rows[0]["id"] == str(paid)
    assert rows[0]["amount"] == "890.00"


async def test_csv_of_unknown_kind_is_404(api: Api) -> None:
    status, body = await api.get("/export/contacts.csv")
    assert status == 404
    assert "tasks, calendar-events, bills, notes" in body["hint"]


async def test_csv_refuses_paging_parameters(api: Api) -> None:
    status, body = await api.get("/export/tasks.csv", params={"limit": "5"})
    assert status == 400
    assert "limit" in body["error"]


async def test_csv_bad_filter_is_400(api: Api) -> None:
    status, _ = await api.get("/export/tasks.csv", params={"status": "someday"})
    assert status == 400


async def test_ics_holds_events_bills_and_dated_tasks_with_stable_uids(api: Api) -> None:
    weekly = await api.seed.event(
        "Standup", start="2026-01-12T09:30", duration_minutes=15, recurrence="FREQ=WEEKLY;BYDAY=MO"
    )
    day = await api.seed.event("Cumpleaños", start="2026-01-20", duration_minutes=None)
    bill = await api.seed.bill("CFE", amount="1890.50", due="2026-01-15")
    await api.seed.bill("Sin fecha", due=None)
    task = await api.seed.task("Enviar reporte", due="2026-01-16T15:00", priority="high")
    await api.seed.task("Sin fecha")
    await api.seed.note()
    cal = await _ics(api, "/export/calendar.ics")

    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    todos = {str(t["UID"]): t for t in cal.walk("VTODO")}
    assert set(events) == {
        f"event-{weekly}@reactiond",
        f"event-{day}@reactiond",
        f"bill-{bill}@reactiond",
    }
    assert set(todos) == {f"task-{task}@reactiond"}

    standup = events[f"event-{weekly}@reactiond"]
    assert standup.decoded("DTSTART") == datetime(2026, 1, 12, 9, 30, tzinfo=MX)
    assert standup.decoded("DTSTART").tzinfo.key == "America/Mexico_City"
    assert standup.decoded("DTEND") - standup.decoded("DTSTART") == timedelta(minutes=15)
    assert standup["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO"
    assert str(standup["SUMMARY"]) == "Standup"
    assert str(standup["LOCATION"]) == "Zoom"
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["America/Mexico_City"]

    birthday = events[f"event-{day}@reactiond"]
    assert birthday.decoded("DTSTART") == date(2026, 1, 20)

    cfe = events[f"bill-{bill}@reactiond"]
    assert cfe.decoded("DTSTART") == date(2026, 1, 15)
    assert cfe.decoded("DTEND") == date(2026, 1, 16)
    assert str(cfe["SUMMARY"]) == "CFE: 1,890.50 MXN"

    todo = todos[f"task-{task}@reactiond"]
    assert todo.decoded("DUE") == datetime(2026, 1, 16, 15, 0, tzinfo=MX)
    assert str(todo["STATUS"]) == "NEEDS-ACTION"
    assert todo["PRIORITY"] == 1


async def test_ics_is_byte_identical_for_unchanged_records(api: Api) -> None:
    await api.seed.event()
    await api.seed.bill()
    async with api.http.get(api.url + "/export/calendar.ics") as r:
        first = await r.read()
    async with api.http.get(api.url + "/export/calendar.ics") as r:
        second = await r.read()
    assert first == second


async def test_ics_kind_filter_keeps_only_bills(api: Api) -> None:
    await api.seed.event()
    bill = await api.seed.bill()
    cal = await _ics(api, "/export/calendar.ics", kind="bills")
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [f"bill-{bill}@reactiond"]


async def test_ics_of_notes_is_400(api: Api) -> None:
    status, body = await api.get("/export/calendar.ics", params={"kind": "notes"})
    assert status == 400
    assert "notes have no date" in body["hint"]


async def test_cancelled_event_stays_with_status_cancelled(api: Api) -> None:
    eid = await api.seed.event(status="cancelled")
    cal = await _ics(api, "/export/calendar.ics")
    [ev] = cal.walk("VEVENT")
    assert str(ev["UID"]) == f"event-{eid}@reactiond"
    assert str(ev["STATUS"]) == "CANCELLED"


async def _cli(data_dir: Path, *args: str) -> Result:
    """`reactiond ARGS` in this process, on the daemons' database (so on PostgreSQL too,
    in tests/pg/e2e)."""
    return await run_cli_in_thread({"REACTIOND_DATA_DIR": str(data_dir)}, *args)


async def _seed_offline(data_dir: Path) -> tuple[int, int]:
    """A bill and an event in `data_dir`'s database, written by a daemon that has stopped
    by the time this returns: the loop ends only once `start_api` has stopped it (a
    `return` inside it would leave the daemon running, and logging, beside the CLI)."""
    async for api in start_api(data_dir):
        bill = await api.seed.bill("Gas, Natural", amount="450.00", due="2026-01-25")
        event = await api.seed.event("Dentista", start="2026-01-22T10:00")
    return bill, event


async def test_cli_export_csv_reads_back(tmp_path: Path) -> None:
    bill, _ = await _seed_offline(tmp_path)
    done = await _cli(
        tmp_path, "export", "csv", "bills", "--status", "pending", "--from", "2026-01-01"
    )
    assert done.exit_code == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout_bytes.decode("utf-8"), newline="")))
    assert [(r["id"], r["vendor"], r["due"]) for r in rows] == [
        (str(bill), "Gas, Natural", "2026-01-25")
    ]


async def test_cli_export_csv_bad_status_is_one_line_error(tmp_path: Path) -> None:
    await _seed_offline(tmp_path)
    done = await _cli(tmp_path, "export", "csv", "bills", "--status", "late")
    assert done.exit_code == 1
    assert done.stderr.count("\n") == 1
    assert "unknown status 'late'" in done.stderr


async def test_cli_export_ics_to_file_reads_back(tmp_path: Path) -> None:
    bill, event = await _seed_offline(tmp_path)
    out = tmp_path / "all.ics"
    done = await _cli(tmp_path, "export", "ics", "-o", str(out))
    assert done.exit_code == 0, done.stderr
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    uids = sorted(str(e["UID"]) for e in cal.walk("VEVENT"))
    assert uids == sorted([f"bill-{bill}@reactiond", f"event-{event}@reactiond"])


@pytest.mark.parametrize("kind", ["tasks", "calendar-events", "bills", "notes"])
async def test_csv_over_http_is_the_same_bytes_as_from_records(api: Api, kind: str) -> None:
    # The HTTP export writes the store's rows without building records (issue 17); the
    # CLI's export builds them. Both must write the same file, tricky text included.
    tricky = '=cmd|" /C calc"!A0, "Doña" ; -1\nsegunda línea\t'
    await api.seed.task(tricky, due="2026-01-16T15:00", tags=["+ventas", "a; b"])
    await api.seed.task("Sin fecha", due=None, priority="high", status="done")
    await api.seed.task("Día", due="2026-03-01", tz="Asia/Kolkata")
    await api.seed.event(tricky, start="2026-01-20", duration_minutes=None, location="@casa")
    await api.seed.event("Standup", start="2026-01-12T09:30", recurrence="FREQ=WEEKLY")
    await api.seed.bill(None, amount="1890.50", due=None, status="paid")
    await api.seed.bill("-CFE", due="2026-01-15")
    await api.seed.note(tricky, body="@SUM(A1)")
    spec = spec_for(kind)
    assert spec is not None
    async with api.http.get(f"{api.url}/export/{kind}.csv", params={"sort": "-id"}) as r:
        assert r.status == 200
        served = await r.read()
    records = await api.daemon.store.read(lambda tx: export_records(tx, spec, {"sort": "-id"}))
    assert served == render_csv(spec, records).encode("utf-8")
    assert served.count(b"\r\n") > 1
