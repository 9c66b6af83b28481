"""Calendar components are kept in the store by record and version (migration 011): a
calendar rendered again after one change renders only the changed record, and a
restarted daemon renders nothing it rendered before (issue 17)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
from apisupport import Api, start_api

from reactiond.exports import calendar_cache


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the records whose component is rendered, in order."""
    seen: list[int] = []
    real: Callable[[Any], bytes | None] = calendar_cache.component

    def counting(record: Any) -> bytes | None:
        seen.append(record.id)
        return real(record)

    monkeypatch.setattr(calendar_cache, "component", counting)
    return seen


async def _calendar(api: Api) -> bytes:
    async with api.http.get(api.url + "/export/calendar.ics") as r:
        assert r.status == 200, await r.text()
        return await r.read()


async def test_a_render_after_one_change_renders_only_that_record(
    api: Api, renders: list[int]
) -> None:
    bills = [await api.seed.bill(f"Vendor {i}", due=f"2026-01-{10 + i}") for i in range(6)]
    first = await _calendar(api)
    assert sorted(renders) == sorted(bills)
    renders.clear()
    status, _ = await api.patch(f"/api/bills/{bills[3]}", {"vendor": "Otro"})
    assert status == 200
    second = await _calendar(api)
    assert renders == [bills[3]]
    assert second != first
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(second).walk("VEVENT")]
    assert "Otro: 890.00 MXN" in summaries and len(summaries) == 6


async def test_a_restarted_daemon_renders_nothing_it_rendered_before(
    tmp_path: Path, renders: list[int]
) -> None:
    data = tmp_path / "data"
    async for api in start_api(data):
        for i in range(3):
            await api.seed.event(f"Junta {i}", start=f"2026-01-1{i}T10:00")
        first = await _calendar(api)
    assert len(renders) == 3
    renders.clear()
    async for api in start_api(data):
        assert await _calendar(api) == first
    assert renders == []
