"""WhatsApp formatting marks (§13.1), acknowledgements (§13.6) and guesses said out loud
(issue 15): one construction per test, in each language."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reactiond.nlp import parse
from reactiond.nlp.marks import strip_marks

WED = datetime(2026, 3, 11, 10, 0)  # a Wednesday
TZ = {"es": "America/Mexico_City", "en": "America/New_York", "pt": "America/Sao_Paulo"}


# ------------------------------------------------------------------ marks
@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("*negrita* y _cursiva_", "negrita y cursiva"),
        ("~tachado~, sí", "tachado, sí"),
        ("code: ```a_b*c```", "code: a_b*c"),
        ("(*ojo*)", "(ojo)"),
    ],
)
def test_marks_around_words_go(text: str, plain: str) -> None:
    assert strip_marks(text) == plain


@pytest.mark.parametrize(
    "text", ["@juan_perez", "2*3=6", "~20 min o ~30", "snake_case_name", "a * b", "*abierto\n*"]
)
def test_marks_inside_words_or_unpaired_stay(text: str) -> None:
    assert strip_marks(text) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab *_~`\n", max_size=60))
def test_keeping_offsets_keeps_the_length(text: str) -> None:
    assert len(strip_marks(text, keep_offsets=True)) == len(text)
    assert strip_marks(strip_marks(text)) == strip_marks(strip_marks(strip_marks(text)))


@pytest.mark.parametrize(
    ("text", "lang", "title"),
    [
        ("*Lista de regalos* 🎁\n- tía Rosa", "es", "Lista de regalos"),
        (
            "Nota: el _martes_ cierra temprano la tintorería",
            "es",
            "El martes cierra temprano la tintorería",
        ),
        ("~Old~ new wifi password: ```KiwiPie22```", "en", "Old new wifi password: KiwiPie22"),
        ("_Filmes pra ver_ 🍿\nDuna", "pt", "Filmes pra ver"),
    ],
)
def test_note_titles_lose_their_marks(text: str, lang: str, title: str) -> None:
    r = parse(text, "note", now=WED, tz=TZ[lang])
    assert r.data is not None and r.data.as_json()["title"] == title


# ------------------------------------------------------------------ acknowledgements
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("de una, dale 👍", "es"),
        ("órale pues jaja", "es"),
        ("vale, listo", "es"),
        ("thx, np 😂", "en"),
        ("ty!!", "en"),
        ("vlw, fechado 👊", "pt"),
        ("show, combinado kkk", "pt"),
    ],
)
def test_acknowledgements_are_refused(text: str, lang: str) -> None:
    r = parse(text, "note", now=WED, tz=TZ[lang])
    assert (r.success, r.language) == (False, lang)


# ------------------------------------------------------------------ unsure
@pytest.mark.parametrize(
    ("text", "lang", "parser", "field"),
    [
        ("Pádel el sábado a las 6", "es", "calendar", "start"),
        ("call the bank at 3", "en", "task", "due"),
        ("Churrasco sábado às 4", "pt", "calendar", "start"),
    ],
)
def test_a_bare_hour_read_as_pm_is_marked(text: str, lang: str, parser: str, field: str) -> None:
    r = parse(text, parser, now=WED, tz=TZ[lang])
    assert [(u.field, u.why) for u in r.unsure] == [(field, "bare_hour_pm")]


@pytest.mark.parametrize(
    ("text", "lang", "parser"),
    [
        ("Pádel el sábado a las 6 de la tarde", "es", "calendar"),
        ("call the bank at 3pm", "en", "task"),
        ("Churrasco sábado às 16h", "pt", "calendar"),
        ("Desayuno el sábado a las 9", "es", "calendar"),
    ],
)
def test_an_hour_that_says_its_half_of_the_day_is_sure(text: str, lang: str, parser: str) -> None:
    assert parse(text, parser, now=WED, tz=TZ[lang]).unsure == ()


@pytest.mark.parametrize(
    ("text", "lang", "tz", "marked"),
    [
        ("renew passport 04/05", "en", "America/New_York", True),
        ("renew passport 04/05", "en", "Europe/London", True),
        ("renew passport 25/05", "en", "Europe/London", False),
        ("renovar pasaporte 04/05", "es", "America/Mexico_City", False),
        ("renovar pasaporte 04/05", "es", "America/Los_Angeles", True),
        ("renovar passaporte 04/05", "pt", "America/Sao_Paulo", False),
    ],
)
def test_a_swappable_numeric_date_is_marked_where_both_orders_are_written(
    text: str, lang: str, tz: str, marked: bool
) -> None:
    r = parse(text, "task", now=WED, tz=tz)
    assert [(u.field, u.why) for u in r.unsure] == ([("due", "day_month_order")] if marked else [])


def test_the_batch_prediction_carries_unsure_only_when_there_is_one() -> None:
    unsure = parse("gym at 5", "task", now=WED, tz=TZ["en"]).prediction("x")
    sure = parse("gym at 5pm", "task", now=WED, tz=TZ["en"]).prediction("x")
    assert unsure["unsure"] == [{"field": "due", "why": "bare_hour_pm"}]
    assert "unsure" not in sure


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("joya, va que va 👍", "es"),
        ("bacano, por supuesto", "es"),
        ("gotcha, on it 🫡", "en"),
        ("tysm!! of course lol", "en"),
        ("massa, joia kkk", "pt"),
        ("valeu mesmo, com certeza", "pt"),
    ],
)
def test_regional_acknowledgements_are_refused(text: str, lang: str) -> None:
    r = parse(text, "task", now=WED, tz=TZ[lang])
    assert (r.success, r.language) == (False, lang)
