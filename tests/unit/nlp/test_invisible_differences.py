"""What a person cannot see does not change what a message means: a decomposed accent (a
keyboard sending "é" as "e" + U+0301) and an invisible character inside a word or a number
(a zero-width space, a direction mark) parse as the plain text does. A tester's "Cita el
miércoles", decomposed, became the event "Cita ́rcoles"; "$8\u200b90" became a bill of 8."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reactiond.nlp import parse

NOW = datetime(2026, 12, 3, 10, 0)
MESSAGES = [
    ("calendar", "Cita con el dentista el miércoles a las 5pm"),
    ("task", "Ligar para o dentista amanhã às 9h"),
    ("bill", "Pagar o aluguel R$ 2.500 até 5 de março"),
    ("bill", "Pagar luz CFE $890 vence 15 enero"),
    ("task", "Revisar la presentación antes del viernes"),
    ("calendar", "Réunion jeudi à 15h au café"),
    ("note", "Ideas para el cumpleaños de Inés"),
]
INVISIBLE = ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u2066", "\u2069"]


def _same(parser: str, text: str, plain: str) -> None:
    got = parse(text, parser, now=NOW, tz="America/Mexico_City")
    want = parse(plain, parser, now=NOW, tz="America/Mexico_City")
    assert (got.success, got.language, got.data) == (want.success, want.language, want.data)


@pytest.mark.parametrize(("parser", "plain"), MESSAGES)
def test_a_decomposed_message_parses_as_the_composed_one(parser: str, plain: str) -> None:
    _same(parser, unicodedata.normalize("NFD", plain), plain)


@settings(max_examples=60, deadline=None)
@given(
    message=st.sampled_from(MESSAGES),
    where=st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=3),
    mark=st.sampled_from(INVISIBLE),
)
def test_invisible_characters_inside_words_and_numbers_change_nothing(
    message: tuple[str, str], where: list[int], mark: str
) -> None:
    parser, plain = message
    text = plain
    for at in sorted({min(w, len(plain) - 1) for w in where}, reverse=True):
        text = text[:at] + mark + text[at:]
    _same(parser, text, plain)
