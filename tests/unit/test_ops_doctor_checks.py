"""doctor's pure checks: clock and time zone."""

from __future__ import annotations

from reactiond.ops.doctor import CLOCK_FLOOR, Status, check_clock, check_time_zone

NOW = 1_764_000_000.0  # 2025-11-24


def test_a_clock_within_a_minute_of_evolution_is_ok() -> None:
    assert check_clock(NOW, NOW - 20).status is Status.OK


def test_a_clock_minutes_ahead_of_evolution_fails_saying_ntp() -> None:
    check = check_clock(NOW, NOW - 300)
    assert check.status is Status.FAIL
    assert "300 s ahead of Evolution's clock" in check.detail and "NTP" in check.detail


def test_a_clock_behind_evolution_says_behind() -> None:
    assert "behind" in check_clock(NOW, NOW + 120).detail


def test_a_clock_before_2025_fails_even_without_a_reference() -> None:
    assert check_clock(CLOCK_FLOOR - 86400 * 365 * 50, None).status is Status.FAIL


def test_a_named_default_zone_is_ok() -> None:
    assert check_time_zone("America/Mexico_City", "UTC").status is Status.OK


def test_a_utc_default_warns_and_names_the_machines_zone() -> None:
    check = check_time_zone("UTC", "Europe/Lisbon")
    assert check.status is Status.WARN and "Europe/Lisbon" in check.detail
