"""Radicale started per test, a daemon pushing to it, and reading back what is there."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest
from icalendar import Calendar

from reactiond.app import Daemon
from reactiond.caldav.targets import TargetRequest, add_target
from reactiond.store.caldav_repo import TargetRow
from tests.e2e.caldav.radicale import USER, Radicale
from tests.e2e.daemon import running_daemon
from tests.e2e.records.conftest import Conversation

REPORT = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    b"<D:prop><D:getetag/><C:calendar-data/></D:prop>"
    b'<C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>'
)


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[Radicale]:
    server = Radicale(tmp_path / "radicale")
    server.configure()
    server.start()
    server.make_calendar()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def daemon(tmp_path: Path) -> AsyncIterator[Daemon]:
    async with running_daemon(
        tmp_path / "data",
        job_backoff_base_seconds=0.02,
        job_backoff_max_seconds=0.1,
        unseen_message_retries=2,
        unseen_message_retry_seconds=0.05,
    ) as d:
        yield d


@pytest.fixture
async def chat(daemon: Daemon) -> AsyncIterator[Conversation]:
    async with aiohttp.ClientSession() as http:
        yield Conversation(daemon, http)


async def add(
    daemon: Daemon,
    radicale: Radicale,
    name: str = "family",
    *,
    check: bool = True,
    **options: object,
) -> TargetRow:
    values: dict[str, object] = {
        "name": name,
        "url": radicale.calendar_url,
        "user": USER,
        "password_file": str(radicale.password_file),
    }
    values.update(options)
    req = TargetRequest(**values)  # type: ignore[arg-type]
    return await add_target(daemon.store, req, daemon.clock(), check=check)


def objects(radicale: Radicale, url: str | None = None) -> dict[str, Calendar]:
    """Every calendar object in the collection, by its UID, read back with a REPORT."""
    status, body, _ = radicale.request(
        "REPORT",
        url or radicale.calendar_url,
        REPORT,
        {"Depth": "1", "Content-Type": "application/xml"},
    )
    assert status == 207, (status, body[:500])
    found: dict[str, Calendar] = {}
    ns = {"D": "DAV:", "C": "urn:ietf:params:xml:ns:caldav"}
    for response in ET.fromstring(body).findall("D:response", ns):
        data = response.findtext("D:propstat/D:prop/C:calendar-data", namespaces=ns)
        if not data:
            continue
        cal = Calendar.from_ical(data)
        for comp in cal.walk():
            if comp.name in ("VEVENT", "VTODO"):
                assert str(comp["uid"]) not in found, f"two objects for {comp['uid']}"
                found[str(comp["uid"])] = cal
    return found


def component(cal: Calendar) -> Calendar:
    return next(c for c in cal.walk() if c.name in ("VEVENT", "VTODO"))


async def read_objects(radicale: Radicale) -> dict[str, Calendar]:
    return await asyncio.to_thread(objects, radicale)
