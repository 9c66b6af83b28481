"""The rendered-calendar cache is bounded in count and bytes, and keeps the recent."""

from __future__ import annotations

from reactiond.web.feeds import RenderedCalendars


def test_oldest_calendar_is_dropped_past_the_count_limit() -> None:
    cache = RenderedCalendars(max_items=2)
    cache.put("a", b"A")
    cache.put("b", b"B")
    assert cache.get("a") == b"A"  # now the most recent
    cache.put("c", b"C")
    assert cache.get("b") is None
    assert cache.get("a") == b"A"
    assert cache.get("c") == b"C"


def test_calendars_are_dropped_past_the_byte_limit() -> None:
    cache = RenderedCalendars(max_items=10, max_bytes=10)
    cache.put("a", b"x" * 6)
    cache.put("b", b"y" * 6)
    assert cache.get("a") is None
    assert cache.get("b") == b"y" * 6


def test_a_calendar_larger_than_the_limit_is_not_kept() -> None:
    cache = RenderedCalendars(max_bytes=4)
    cache.put("a", b"too large")
    assert cache.get("a") is None
