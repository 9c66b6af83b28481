"""es/en/pt detection on short messages (guidelines §3)."""

from __future__ import annotations

import pytest

from reactiond.nlp import language
from reactiond.nlp.language import detect


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("jajaja ok", "es"),
        ("jsjsjs", "es"),
        ("haha ok", "en"),
        ("lol", "en"),
        ("lmao", "en"),
        ("kkkkk", "pt"),
        ("rsrs", "pt"),
    ],
)
def test_laughter_decides(text: str, lang: str) -> None:
    assert detect(text, None) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("call con proveedores mañana", "es"),
        ("meeting con el equipo el lunes", "es"),
        ("happy hour da firma hoje", "pt"),
        ("standup with the team tomorrow", "en"),
    ],
)
def test_loanwords_do_not_change_the_frame(text: str, lang: str) -> None:
    assert detect(text, None) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("revisar el contrato del piso", "es"),
        ("levar o carro na revisão", "pt"),
        ("pick up the dry cleaning", "en"),
        ("comprar ração pro cachorro", "pt"),
        ("comprar croquetas pa la perrita", "es"),
    ],
)
def test_five_word_messages(text: str, lang: str) -> None:
    assert detect(text, None) == lang


@pytest.mark.parametrize(
    ("tz", "lang"),
    [("America/Mexico_City", "es"), ("America/Sao_Paulo", "pt"), ("America/New_York", "en")],
)
def test_no_cue_falls_back_to_the_time_zone(tz: str, lang: str) -> None:
    assert detect("netflix $219", tz) == lang


def test_unknown_zone_and_no_cue_still_answers() -> None:
    assert detect("Netflix 219", "UTC") in ("es", "en", "pt", "fr")


def test_empty_text_answers() -> None:
    assert detect("", None) in ("es", "en", "pt", "fr")


def test_every_lexicon_phrase_is_folded() -> None:
    """Matching happens on folded text: an accented lexicon entry could never match."""
    from dataclasses import fields

    from reactiond.nlp.lexicon import LEXICONS
    from reactiond.nlp.text import fold

    unfolded = []
    for code, lex in LEXICONS.items():
        for f in fields(lex):
            value = getattr(lex, f.name)
            if isinstance(value, (str, bool)):
                continue
            for item in value:
                if isinstance(item, str) and fold(item) != item:
                    unfolded.append((code, f.name, item))
    assert unfolded == []


@pytest.mark.parametrize(
    ("text", "tz", "lang"),
    [
        ("nos vemos pronto", "America/Mexico_City", "es"),
        ("buen provecho", "America/New_York", "es"),
        ("comprar pan", "America/Sao_Paulo", "es"),
        ("lavar la ropa", "Europe/London", "es"),
        ("lavar a roupa", "America/Mexico_City", "pt"),
        ("te vejo amanhã", "America/New_York", "pt"),
    ],
)
def test_short_phrases_with_few_cues(text: str, tz: str, lang: str) -> None:
    assert detect(text, tz) == lang


@pytest.mark.parametrize(("text", "hint"), [("nos vemos pronto", "es"), ("de nada", "pt")])
def test_a_sender_hint_settles_a_text_both_languages_write(text: str, hint: str) -> None:
    assert detect(text, "America/New_York", hint) == hint


def test_laughter_outweighs_a_hint() -> None:
    assert detect("kkkkk", "America/Mexico_City", "es") == "pt"


def test_the_statistical_detector_chooses_only_among_the_tied_languages() -> None:
    # An English sentence, but the cues left only Spanish and Portuguese in the running: the
    # detector is built over those two, so it never loads (or answers) the other models.
    assert language.statistical("see you at the meeting tomorrow", ("es", "pt")) in ("es", "pt")


def test_one_candidate_needs_no_detector() -> None:
    assert language.statistical("see you at the meeting tomorrow", ("fr",)) == "fr"
