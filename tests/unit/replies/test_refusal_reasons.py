"""Refusals that explain rightly (issue 16 item 3): a message with text but nothing to act
on is not "a message without text"; a date that cannot exist is named as written; every
reason a parser gives is said in each language, with an example that works."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reactiond import replies
from reactiond.nlp import parse
from reactiond.nlp.lexicon import lexicon
from reactiond.nlp.result import LANGUAGES, PARSERS, Language
from reactiond.nlp.unread import impossible_dates

NO_TEXT = {
    "es": "El mensaje no tiene texto.",
    "en": "The message has no text.",
    "pt": "A mensagem não tem texto.",
    "fr": "Le message n'a pas de texte.",
}
NOW = datetime(2026, 1, 9, 10, 0)
MX = "America/Mexico_City"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_with_nothing_to_do_is_not_called_a_message_without_text(lang: Language) -> None:
    result = parse("jajaja ok", "task", now=NOW, tz=MX, lang=lang)
    assert result.reason == "empty"
    said = replies.parse_help("task", lang, reason=result.reason, has_text=True)
    assert NO_TEXT[lang] not in said
    assert said.splitlines()[0] != replies.parse_help("task", lang).splitlines()[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_message_without_text_is_still_called_so(lang: Language) -> None:
    assert NO_TEXT[lang] in replies.parse_help("note", lang, reason="empty", has_text=False)


REASONS = ["no_amount", "amount_zero", "no_date", "no_title", "empty", "internal_error: KeyError"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("reason", [*REASONS, "bill_parser_unavailable"])
@pytest.mark.parametrize("has_text", [True, False])
def test_every_reason_is_said_with_an_example(lang: Language, reason: str, has_text: bool) -> None:
    for parser in PARSERS:
        said = replies.parse_help(parser, lang, reason=reason, has_text=has_text)
        intro, example = said.splitlines()
        assert len(intro) > len(replies.parse_help(parser, lang).splitlines()[0]), reason
        assert replies.example(parser, lang) in example


@pytest.mark.parametrize(
    ("text", "lang", "phrase"),
    [
        ("renta $8,500 vence el 31 de febrero", "es", "31 de febrero"),
        ("Internet 499 vence 31/02", "es", "31/02"),
        ("pay rent $1,200 due April 31st", "en", "April 31st"),
        ("aluguel R$ 2.000 vence dia 30 de fevereiro", "pt", "30 de fevereiro"),
    ],
)
def test_an_impossible_date_is_found_as_written(text: str, lang: Language, phrase: str) -> None:
    assert impossible_dates(text, lang) == (phrase,)


@pytest.mark.parametrize(
    "text", ["vence el 28 de febrero", "pay 12/31", "a las 10.45", "29 de febrero", "99/99"]
)
def test_possible_dates_and_other_numbers_are_left_alone(text: str) -> None:
    assert impossible_dates(text, "es") == impossible_dates(text, "en") == ()


@given(
    lang=st.sampled_from(LANGUAGES),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    filler=st.text(alphabet="abc ,.$", max_size=20),
)
def test_a_real_day_of_a_month_is_never_reported(
    lang: Language, month: int, day: int, filler: str
) -> None:
    words = [w for w, n in lexicon(lang).months.items() if n == month]
    of = lexicon(lang).of_words[0]
    text = f"{filler} {day} {of} {words[0]} {filler} {month}/{day}"
    assert impossible_dates(text, lang) == ()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_dropped_date_line_names_the_phrase_and_an_example_that_parses(
    lang: Language,
) -> None:
    line = replies.dropped_dates(("31 de febrero",), "bill", lang)
    assert "31 de febrero" in line
    example = replies.example("bill", lang)
    assert example in line
    parsed = parse(example, "bill", now=NOW, tz=MX, lang=lang)
    assert parsed.success and parsed.data is not None


def test_an_event_whose_impossible_date_was_replaced_says_to_check_it() -> None:
    text = "reunión el 31 de abril a las 10"
    result = parse(text, "calendar", now=NOW, tz=MX, lang="es")
    reply = replies.answer(
        result, text, parser="calendar", made_records=result.success, lang="es", tz=MX
    )
    assert "No entendí la fecha «31 de abril»" in reply
    assert "quedó sin fecha" not in reply
