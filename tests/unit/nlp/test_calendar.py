"""The calendar parser 📅 (guidelines §7): one behaviour per test."""

from __future__ import annotations

import pytest

from reactiond.nlp.calendar import parse_calendar
from reactiond.nlp.result import CalendarData
from tests.unit.nlp.helpers import THU, TZ, d, dt


def event(text: str, lang: str) -> CalendarData:
    r = parse_calendar(text, lang, THU, TZ[lang])  # type: ignore[arg-type,index]
    assert r.success, r
    assert isinstance(r.data, CalendarData)
    return r.data


def test_title_start_and_location() -> None:
    e = event("Reunión con el equipo mañana a las 10 en la oficina", "es")
    assert (e.title, e.start, e.location) == (
        "Reunión con el equipo",
        dt(2026, 1, 9, 10),
        "oficina",
    )


def test_no_time_is_an_all_day_event() -> None:
    assert event("cumple de la abuela el 14 de febrero", "es").start == d(2026, 2, 14)


@pytest.mark.parametrize(
    ("lang", "text", "location"),
    [
        ("en", "BBQ at Mark's place Saturday at noon", "Mark's place"),
        ("en", "fireworks on the 4th 9pm at the pier", "pier"),
        ("en", "sprint planning tomorrow 10am in the Hyderabad office", "Hyderabad office"),
        ("pt", "churrasco na casa do Léo sábado", "casa do Léo"),
        ("pt", "corrida no parque todo sábado de manhã", "parque"),
        ("es", "posada el 12 de diciembre en el salón Los Arcos", "salón Los Arcos"),
    ],
)
def test_location_drops_preposition_and_article(lang: str, text: str, location: str) -> None:
    assert event(text, lang).location == location


@pytest.mark.parametrize(
    ("lang", "text", "platform"),
    [
        ("es", "llamada por zoom hoy 5:30pm", "zoom"),
        ("en", "1:1 on google meet Monday 10am", "meet"),
        ("es", "junta todos los lunes a las 9 por meet", "meet"),
        ("en", "call Monday 11:00 on teams", "teams"),
        ("pt", "videochamada domingo às 4 da tarde pelo whatsapp", "whatsapp"),
        ("en", "Interview tomorrow 1pm, 45 mins, phone", "phone"),
        ("es", "llamada el viernes a las 12 por teléfono", "phone"),
        ("pt", "Reunião amanhã às 15h no Zoom", "zoom"),
    ],
)
def test_platform_is_canonical_and_never_a_location(lang: str, text: str, platform: str) -> None:
    e = event(text, lang)
    assert (e.platform, e.location) == (platform, None)


def test_meet_as_a_verb_is_not_a_platform() -> None:
    assert event("meet Ana tomorrow at 5", "en").platform is None


def test_mentions_are_attendees_and_leave_with_their_connector() -> None:
    e = event("client demo tomorrow 3pm via Zoom with @rahul and @neha", "en")
    assert (e.title, set(e.attendees)) == ("Client demo", {"rahul", "neha"})


def test_plain_names_stay_in_title() -> None:
    assert event("1:1 with Sarah Monday 10am", "en").title == "1:1 with Sarah"


def test_leading_schedule_word_is_dropped() -> None:
    assert event("agendar dentista el martes a las 4", "es").title == "Dentista"


def test_recurrence_with_first_occurrence() -> None:
    e = event("clase de yoga todos los martes y jueves 7am", "es")
    assert (e.title, e.start, e.recurrence) == (
        "Clase de yoga",
        dt(2026, 1, 13, 7),
        "FREQ=WEEKLY;BYDAY=TU,TH",
    )


def test_recurrence_adjective_stays_in_title() -> None:
    e = event("weekly sync with design every Wednesday 5pm", "en")
    assert (e.title, e.recurrence) == ("Weekly sync with design", "FREQ=WEEKLY;BYDAY=WE")


def test_duration_from_explicit_length() -> None:
    assert event("call con proveedores mañana 9am por teams, 30 min", "es").duration_minutes == 30


def test_no_duration_without_length_or_range() -> None:
    assert event("dentist next Tue 2:30pm", "en").duration_minutes is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "reunión con el equipo de ventas"),
        ("es", "a ver si quedamos un día de estos"),
        ("en", "we should grab drinks sometime"),
        ("en", "meeting with finance, time tbd"),
        ("pt", "chamada no zoom com o cliente, horário a definir"),
        ("pt", "bora marcar um café qualquer dia"),
    ],
)
def test_no_date_and_no_time_is_refused(lang: str, text: str) -> None:
    r = parse_calendar(text, lang, THU, TZ[lang])  # type: ignore[arg-type,index]
    assert (r.success, r.reason) == (False, "no_date")


def test_location_ends_before_a_purpose_clause() -> None:
    e = event("reunión en la oficina para revisar presupuesto mañana a las 10", "es")
    assert (e.title, e.location) == ("Reunión para revisar presupuesto", "oficina")


def test_location_ends_before_company() -> None:
    e = event("dinner at Nopa with Jess tomorrow 7pm", "en")
    assert (e.title, e.location) == ("Dinner with Jess", "Nopa")
