"""The general rules behind the misses of the held-out set s6 (`generalisation_s6.jsonl`):
a range whose ends carry "y media" / "e meia" / "et quart", WhatsApp's "q" for "que" inside
phrases, and French notes with no function word."""

from __future__ import annotations

from datetime import datetime

import pytest

from reactiond.nlp import parse
from reactiond.nlp.language import detect
from reactiond.nlp.lexicon import LEXICONS
from reactiond.nlp.result import CalendarData, TaskData

# A Friday morning.
FRI = datetime(2027, 1, 29, 10, 0)


def event(text: str, tz: str) -> CalendarData:
    r = parse(text, "calendar", now=FRI, tz=tz)
    assert isinstance(r.data, CalendarData), r
    return r.data


@pytest.mark.parametrize(
    ("text", "tz", "start", "minutes"),
    [
        ("Videollamada el lunes de 4 a 5 y media", "America/Lima", "2027-02-01T16:00", 90),
        ("Clase el lunes de 4 y media a 6", "America/Lima", "2027-02-01T16:30", 90),
        ("Reunião segunda das 9 e meia às 11", "America/Sao_Paulo", "2027-02-01T09:30", 90),
        ("Réunion lundi de 9h à 10h et quart", "Europe/Paris", "2027-02-01T09:00", 75),
        ("Réunion lundi de 9h à 10h moins le quart", "Europe/Paris", "2027-02-01T09:00", 45),
    ],
)
def test_a_range_end_or_start_may_carry_half_or_quarter(
    text: str, tz: str, start: str, minutes: int
) -> None:
    e = event(text, tz)
    assert (e.start.isoformat(timespec="minutes"), e.duration_minutes) == (start, minutes)
    assert "media" not in e.title and "meia" not in e.title and "quart" not in e.title


@pytest.mark.parametrize(
    ("text", "lang", "tz", "due"),
    [
        ("revisar el contrato la semana q viene", "es", "America/Santiago", "2027-02-01"),
        ("pagar la renta el mes q viene", "es", "America/Mexico_City", "2027-02-01"),
        ("levar o carro na revisão sábado q vem", "pt", "America/Sao_Paulo", "2027-01-30"),
        ("ligar pro contador na semana q vem", "pt", "America/Sao_Paulo", "2027-02-01"),
    ],
)
def test_q_for_que_inside_a_date_phrase(text: str, lang: str, tz: str, due: str) -> None:
    r = parse(text, "task", now=FRI, tz=tz)
    assert isinstance(r.data, TaskData) and r.language == lang
    assert str(r.data.due) == due
    assert " q " not in f" {r.data.title.lower()} "


def test_shorthand_adds_spellings_only_to_phrases_of_several_words() -> None:
    es = LEXICONS["es"]
    assert "la semana q viene" in es.next_week and "la semana que viene" in es.next_week
    assert "q" not in es.function_words  # a cue list never grows
    assert all(len(w.split()) > 1 for w in es.weekday_post if w.startswith("q "))
    assert LEXICONS["en"].next_week == tuple(dict.fromkeys(LEXICONS["en"].next_week))


@pytest.mark.parametrize(
    ("text", "tz", "lang"),
    [
        ("Note : code portail 4521B, interphone Dupont #maison", "Europe/Paris", "fr"),
        ("code portail 4521B", "Europe/Brussels", "fr"),
        ("gate code 4417", "America/New_York", "en"),
        ("the gate code is 4417", "Europe/Paris", "en"),
    ],
)
def test_code_is_a_word_english_and_french_share(text: str, tz: str, lang: str) -> None:
    assert detect(text, tz) == lang


@pytest.mark.parametrize("space", ["\u00a0", "\u202f"])
def test_a_no_break_space_before_a_mark_is_french_typing(space: str) -> None:
    # no French word at all, sent from an English-speaking zone
    assert detect(f"Portail{space}: 4521B", "America/New_York") == "fr"
    assert detect("Portail : 4521B", "America/New_York") == "en"  # a plain space proves nothing
