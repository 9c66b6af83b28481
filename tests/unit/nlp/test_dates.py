"""The date grammar, one construct per test, in each language (guidelines §4)."""

from __future__ import annotations

from datetime import datetime

import pytest

from reactiond.nlp.dates import find_dates, resolve, scan
from tests.unit.nlp.helpers import THU, d, dt, when


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "hoy", d(2026, 1, 8)),
        ("es", "mañana", d(2026, 1, 9)),
        ("es", "manana", d(2026, 1, 9)),
        ("es", "mñn", d(2026, 1, 9)),
        ("es", "pasado mañana", d(2026, 1, 10)),
        ("en", "today", d(2026, 1, 8)),
        ("en", "tmrw", d(2026, 1, 9)),
        ("en", "tomorrow", d(2026, 1, 9)),
        ("en", "the day after tomorrow", d(2026, 1, 10)),
        ("pt", "hj", d(2026, 1, 8)),
        ("pt", "amanhã", d(2026, 1, 9)),
        ("pt", "amanha", d(2026, 1, 9)),
        ("pt", "depois de amanhã", d(2026, 1, 10)),
    ],
)
def test_relative_days(lang: str, text: str, expected: object) -> None:
    assert when(text, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "en 3 días", d(2026, 1, 11)),
        ("es", "en 2 semanas", d(2026, 1, 22)),
        ("es", "en una semana", d(2026, 1, 15)),
        ("es", "dentro de 10 días", d(2026, 1, 18)),
        ("en", "in 2 weeks", d(2026, 1, 22)),
        ("en", "in a week", d(2026, 1, 15)),
        ("en", "in three days", d(2026, 1, 11)),
        ("pt", "daqui a 2 semanas", d(2026, 1, 22)),
        ("pt", "em 3 dias", d(2026, 1, 11)),
    ],
)
def test_offsets_in_days_and_weeks(lang: str, text: str, expected: object) -> None:
    assert when(text, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "en media hora", dt(2026, 1, 8, 9, 45)),
        ("en", "in 20 minutes", dt(2026, 1, 8, 9, 35)),
        ("pt", "daqui a meia hora", dt(2026, 1, 8, 9, 45)),
        ("en", "in 2 hours", dt(2026, 1, 8, 11, 15)),
    ],
)
def test_offsets_in_minutes_are_datetimes(lang: str, text: str, expected: object) -> None:
    assert when(text, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "viernes"),
        ("es", "el viernes"),
        ("es", "este viernes"),
        ("es", "el próximo viernes"),
        ("es", "el viernes que viene"),
        ("en", "Friday"),
        ("en", "this Friday"),
        ("en", "next Friday"),
        ("en", "fri"),
        ("pt", "sexta"),
        ("pt", "sexta-feira"),
        ("pt", "na próxima sexta"),
    ],
)
def test_weekday_on_a_friday_is_a_week_later(lang: str, text: str) -> None:
    friday = datetime(2026, 1, 9, 10, 0)
    assert when(text, lang, friday) == d(2026, 1, 16)  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "text"), [("es", "viernes"), ("en", "Friday"), ("pt", "sexta")])
def test_weekday_on_a_wednesday_is_the_coming_one(lang: str, text: str) -> None:
    wednesday = datetime(2026, 1, 7, 10, 0)
    assert when(text, lang, wednesday) == d(2026, 1, 9)  # type: ignore[arg-type]


def test_weekday_with_day_number_means_the_day_number() -> None:
    assert when("el lunes 23", "es", datetime(2026, 11, 20, 14, 0)) == d(2026, 11, 23)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "15 enero", d(2026, 1, 15)),
        ("es", "el 2 de enero", d(2027, 1, 2)),
        ("es", "25 nov", d(2026, 11, 25)),
        ("en", "Nov 15", d(2026, 11, 15)),
        ("en", "31st Oct", d(2026, 10, 31)),
        ("en", "the 4th of July", d(2026, 7, 4)),
        ("en", "March 1, 2027", d(2027, 3, 1)),
        ("pt", "2 de janeiro", d(2027, 1, 2)),
        ("pt", "dia 3 de março", d(2026, 3, 3)),
    ],
)
def test_dates_without_year_are_next_on_or_after_today(
    lang: str, text: str, expected: object
) -> None:
    assert when(text, lang) == expected  # type: ignore[arg-type]


def test_date_without_year_today_is_today() -> None:
    assert when("8 de enero", "es") == d(2026, 1, 8)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "el 15", d(2026, 1, 15)),
        ("es", "el 1ro", d(2026, 2, 1)),
        ("es", "el 8", d(2026, 1, 8)),
        ("en", "the 1st", d(2026, 2, 1)),
        ("en", "on the 29th", d(2026, 1, 29)),
        ("pt", "dia 10", d(2026, 1, 10)),
        ("pt", "dia 5", d(2026, 2, 5)),
    ],
)
def test_day_of_month_alone(lang: str, text: str, expected: object) -> None:
    assert when(text, lang) == expected  # type: ignore[arg-type]


def test_day_of_month_skips_months_without_that_day() -> None:
    assert when("el 31", "es", datetime(2026, 2, 10, 9, 0)) == d(2026, 3, 31)


@pytest.mark.parametrize(
    ("lang", "tz", "text", "expected"),
    [
        ("es", "America/Mexico_City", "15/01", d(2026, 1, 15)),
        ("pt", "America/Sao_Paulo", "03/02", d(2026, 2, 3)),
        ("en", "America/New_York", "03/20", d(2026, 3, 20)),
        ("en", "America/New_York", "3/2", d(2026, 3, 2)),
        ("en", "Europe/London", "3/2", d(2026, 2, 3)),
        ("en", "Asia/Kolkata", "03/10", d(2026, 10, 3)),
        ("en", "America/New_York", "20/03", d(2026, 3, 20)),
        ("es", "America/Mexico_City", "15/01/2027", d(2027, 1, 15)),
    ],
)
def test_numeric_dates_day_or_month_first(lang: str, tz: str, text: str, expected: object) -> None:
    assert when(text, lang, tz=tz) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "fin de mes", d(2026, 1, 31)),
        ("en", "end of the month", d(2026, 1, 31)),
        ("pt", "fim do mês", d(2026, 1, 31)),
        ("es", "la semana que viene", d(2026, 1, 12)),
        ("en", "next week", d(2026, 1, 12)),
        ("pt", "semana que vem", d(2026, 1, 12)),
        ("es", "el fin de semana", d(2026, 1, 10)),
        ("en", "this weekend", d(2026, 1, 10)),
        ("pt", "fim de semana", d(2026, 1, 10)),
    ],
)
def test_period_words(lang: str, text: str, expected: object) -> None:
    assert when(text, lang) == expected  # type: ignore[arg-type]


def test_end_of_month_can_be_today() -> None:
    assert when("end of month", "en", datetime(2026, 1, 31, 8, 0)) == d(2026, 1, 31)


def test_end_of_february_in_a_leap_year() -> None:
    assert when("end of month", "en", datetime(2028, 2, 3, 8, 0)) == d(2028, 2, 29)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("es", "Navidad"), ("en", "Thanksgiving"), ("pt", "réveillon"), ("en", "Halloween")],
)
def test_named_holidays_are_not_resolved(lang: str, text: str) -> None:
    assert when(text, lang) is None  # type: ignore[arg-type]


def test_find_dates_reports_spans_in_the_original_text() -> None:
    text = "Pagar luz CFE $890 vence 15 enero"
    found = find_dates(text, "es", THU, "America/Mexico_City")
    assert [(text[m.start : m.end], m.kind, m.value) for m in found] == [
        ("15 enero", "date", d(2026, 1, 15))
    ]


def test_find_dates_resolves_recurring_day_to_next_occurrence() -> None:
    found = find_dates("academia 119,90 todo dia 10", "pt", THU, "America/Sao_Paulo")
    assert [(m.kind, m.value, m.rrule) for m in found] == [
        ("recurrence", d(2026, 1, 10), "FREQ=MONTHLY;BYMONTHDAY=10")
    ]


def test_find_dates_accepts_an_aware_now() -> None:
    from zoneinfo import ZoneInfo

    aware = datetime(2026, 1, 8, 15, 15, tzinfo=ZoneInfo("UTC"))  # 09:15 in Mexico City
    found = find_dates("mañana", "es", aware, "America/Mexico_City")
    assert found[0].value == d(2026, 1, 9)


def test_scan_prefers_the_longest_phrase() -> None:
    tokens = scan("a las 5 de la tarde", "es", "America/Mexico_City")
    assert len(tokens) == 1
    assert resolve(tokens, THU).value == dt(2026, 1, 8, 17)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "el 14 de este mes", d(2026, 1, 14)),
        ("es", "el 5 del mes que viene", d(2026, 2, 5)),
        ("en", "on the 1st of next month", d(2026, 2, 1)),
        ("pt", "dia 5 do mês que vem", d(2026, 2, 5)),
    ],
)
def test_day_number_in_a_named_month(lang: str, text: str, expected: object) -> None:
    assert when(text, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "el viernes 19/12", d(2026, 12, 19)),
        ("pt", "sábado, 21/02", d(2026, 2, 21)),
        ("en", "Fri 3/13", d(2026, 3, 13)),
    ],
)
def test_weekday_before_a_numeric_date_means_the_date(
    lang: str, text: str, expected: object
) -> None:
    assert when(text, lang) == expected  # type: ignore[arg-type]


def test_iso_date() -> None:
    assert when("2026-04-02", "en") == d(2026, 4, 2)


def test_ordinal_that_counts_something_is_not_a_date() -> None:
    assert when("Emma's 5th birthday party", "en") is None


def test_english_day_number_needs_its_ordinal() -> None:
    assert when("pick up the 3 boxes", "en") is None
    assert when("by the 3rd", "en") == d(2026, 2, 3)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "el martes de la semana que viene"),
        ("en", "Tuesday next week"),
        ("pt", "na terça da semana que vem"),
    ],
)
def test_weekday_of_next_week(lang: str, text: str) -> None:
    assert when(text, lang) == d(2026, 1, 13)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "el primero de mayo", d(2026, 5, 1)),
        ("es", "el quince de enero", d(2026, 1, 15)),
        ("en", "the first of May", d(2026, 5, 1)),
        ("pt", "dia primeiro de março", d(2026, 3, 1)),
    ],
)
def test_day_in_words(lang: str, text: str, expected: object) -> None:
    assert when(text, lang) == expected  # type: ignore[arg-type]
