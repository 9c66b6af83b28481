"""Radicale started per test, a daemon pushing to it, and reading back what is there
with the `caldav` client."""

from __future__ import annotations

import asyncio
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
    """Every calendar object in the collection, by its UID, read back with `caldav`."""
    found: dict[str, Calendar] = {}
    with radicale.client() as client:
        calendar = client.calendar(url=url or radicale.calendar_url)  # type: ignore[no-untyped-call]
        events = calendar.search(event=True)
        todos = calendar.search(todo=True, include_completed=True)
        for obj in [*events, *todos]:
            cal = Calendar.from_ical(obj.raw_data or obj.data)
            for comp in cal.walk():
                if comp.name in ("VEVENT", "VTODO"):
                    assert str(comp["uid"]) not in found, f"two objects for {comp['uid']}"
                    found[str(comp["uid"])] = cal
    return found


def component(cal: Calendar) -> Calendar:
    return next(c for c in cal.walk() if c.name in ("VEVENT", "VTODO"))


async def read_objects(radicale: Radicale) -> dict[str, Calendar]:
    return await asyncio.to_thread(objects, radicale)
