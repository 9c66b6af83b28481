"""Times, durations and recurrence, one construct per test (guidelines §5, §7)."""

from __future__ import annotations

from datetime import datetime

import pytest

from reactiond.nlp.dates import resolve, scan
from tests.unit.nlp.helpers import TZ, d, dt, when


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "mañana 15:30", dt(2026, 1, 9, 15, 30)),
        ("pt", "amanhã 15h", dt(2026, 1, 9, 15)),
        ("pt", "amanhã 15h30", dt(2026, 1, 9, 15, 30)),
        ("es", "mañana 17hs", dt(2026, 1, 9, 17)),
        ("en", "tomorrow 3pm", dt(2026, 1, 9, 15)),
        ("en", "tomorrow 3:30 pm", dt(2026, 1, 9, 15, 30)),
        ("en", "tomorrow 7am", dt(2026, 1, 9, 7)),
        ("pt", "amanhã 6h30", dt(2026, 1, 9, 6, 30)),
    ],
)
def test_explicit_times(lang: str, text: str, expected: object) -> None:
    assert when(text, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "mañana a las 5 de la tarde", dt(2026, 1, 9, 17)),
        ("es", "mañana a las 8 de la noche", dt(2026, 1, 9, 20)),
        ("es", "mañana a las 10 de la mañana", dt(2026, 1, 9, 10)),
        ("pt", "amanhã às 4 da tarde", dt(2026, 1, 9, 16)),
        ("es", "mañana a las 9 y media", dt(2026, 1, 9, 9, 30)),
        ("pt", "amanhã às 9 e meia", dt(2026, 1, 9, 9, 30)),
        ("es", "mañana a las 3 y cuarto", dt(2026, 1, 9, 15, 15)),
        ("es", "mañana a mediodía", dt(2026, 1, 9, 12)),
        ("pt", "amanhã ao meio-dia", dt(2026, 1, 9, 12)),
        ("en", "tomorrow at noon", dt(2026, 1, 9, 12)),
        ("en", "tomorrow at half past 4", dt(2026, 1, 9, 16, 30)),
    ],
)
def test_word_times(lang: str, text: str, expected: object) -> None:
    assert when(text, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "hour"),
    [("at 1", 13), ("at 5", 17), ("at 7", 19), ("at 8", 8), ("at 12", 12), ("at 13", 13)],
)
def test_bare_hour_rule(text: str, hour: int) -> None:
    assert when("tomorrow " + text, "en") == dt(2026, 1, 9, hour)


def test_bare_hour_applies_to_hour_and_minutes() -> None:
    assert when("tomorrow at 4:45", "en") == dt(2026, 1, 9, 16, 45)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "tomorrow morning", dt(2026, 1, 9, 9)),
        ("es", "el domingo por la tarde", dt(2026, 1, 11, 15)),
        ("es", "mañana en la mañana", dt(2026, 1, 9, 9)),
        ("pt", "domingo de manhã", dt(2026, 1, 11, 9)),
        ("pt", "quarta à noite", dt(2026, 1, 14, 20)),
        ("en", "tonight", dt(2026, 1, 8, 20)),
        ("es", "esta noche", dt(2026, 1, 8, 20)),
    ],
)
def test_parts_of_day(lang: str, text: str, expected: object) -> None:
    assert when(text, lang) == expected  # type: ignore[arg-type]


def test_part_of_day_word_inside_a_title_is_not_a_time() -> None:
    assert when("movie night with friends", "en") is None


def test_time_without_date_later_today_is_today() -> None:
    assert when("a las 10", "es") == dt(2026, 1, 8, 10)


def test_time_without_date_already_past_is_tomorrow() -> None:
    assert when("a las 9", "es") == dt(2026, 1, 9, 9)


def test_time_equal_to_now_is_tomorrow() -> None:
    assert when("9:15", "es", datetime(2026, 1, 8, 9, 15)) == dt(2026, 1, 9, 9, 15)


def test_time_zone_written_in_text_is_ignored() -> None:
    assert when("tomorrow 5pm IST", "en", tz="Asia/Kolkata") == dt(2026, 1, 9, 17)


def _rd(text: str, lang: str) -> tuple[object, int | None]:
    w = resolve(scan(text, lang, TZ[lang]), datetime(2026, 1, 8, 9, 15))  # type: ignore[index,arg-type]
    return w.value, w.duration_minutes


@pytest.mark.parametrize(
    ("lang", "text", "start", "minutes"),
    [
        ("es", "el jueves de 4 a 5:30", dt(2026, 1, 15, 16), 90),
        ("en", "tomorrow 2-4pm", dt(2026, 1, 9, 14), 120),
        ("en", "tomorrow 10-11:30am", dt(2026, 1, 9, 10), 90),
        ("pt", "amanhã das 14h às 15h30", dt(2026, 1, 9, 14), 90),
        ("es", "mañana de 6 a 7 pm", dt(2026, 1, 9, 18), 60),
    ],
)
def test_ranges_start_at_first_time_and_give_duration(
    lang: str, text: str, start: object, minutes: int
) -> None:
    assert _rd(text, lang) == (start, minutes)


@pytest.mark.parametrize(
    ("lang", "text", "minutes"),
    [
        ("es", "mañana a las 10, 45 min", 45),
        ("en", "tomorrow at 10 for 1h", 60),
        ("pt", "amanhã 10h, 1h30", 90),
        ("es", "mañana a las 10, hora y media", 90),
        ("es", "mañana a las 10, media hora", 30),
        ("en", "tomorrow 10am, half an hour", 30),
        ("es", "mañana a las 10, 2 horas", 120),
    ],
)
def test_durations(lang: str, text: str, minutes: int) -> None:
    assert _rd(text, lang)[1] == minutes


def _rule(text: str, lang: str) -> str | None:
    return resolve(scan(text, lang, TZ[lang]), datetime(2026, 1, 8, 9, 15)).recurrence  # type: ignore[index,arg-type]


@pytest.mark.parametrize(
    ("lang", "text", "rrule"),
    [
        ("es", "todos los lunes", "FREQ=WEEKLY;BYDAY=MO"),
        ("en", "every Monday", "FREQ=WEEKLY;BYDAY=MO"),
        ("pt", "toda segunda", "FREQ=WEEKLY;BYDAY=MO"),
        ("en", "every other Thursday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"),
        ("en", "every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("es", "entre semana", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("pt", "dias úteis", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("es", "todos los días", "FREQ=DAILY"),
        ("en", "every day", "FREQ=DAILY"),
        ("pt", "todo dia", "FREQ=DAILY"),
        ("es", "cada mes el 5", "FREQ=MONTHLY;BYMONTHDAY=5"),
        ("pt", "todo dia 10", "FREQ=MONTHLY;BYMONTHDAY=10"),
        ("en", "first Monday of every month", "FREQ=MONTHLY;BYDAY=1MO"),
        ("es", "todos los martes y jueves", "FREQ=WEEKLY;BYDAY=TU,TH"),
        ("pt", "toda segunda, quarta e sexta", "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
    ],
)
def test_recurrence_rrules(lang: str, text: str, rrule: str) -> None:
    assert _rule(text, lang) == rrule


def test_recurrence_starts_at_earliest_weekday_strictly_after_today() -> None:
    value = when("todos los martes y jueves 7am", "es")
    assert value == dt(2026, 1, 13, 7)


def test_daily_recurrence_starts_by_the_time_rule() -> None:
    assert when("every day at 8", "en") == dt(2026, 1, 9, 8)


def test_monthly_nth_weekday_first_on_or_after_today() -> None:
    assert when("first Monday of every month at 9am", "en") == dt(2026, 2, 2, 9)


def test_recurring_day_of_month_date() -> None:
    assert when("todo dia 10", "pt") == d(2026, 1, 10)
