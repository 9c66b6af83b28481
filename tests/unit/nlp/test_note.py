"""The note parser 📝 (guidelines §10): one behaviour per test."""

from __future__ import annotations

import pytest

from reactiond.nlp.note import parse_note
from reactiond.nlp.result import NoteData
from tests.unit.nlp.helpers import THU, TZ


def note(text: str, lang: str) -> NoteData:
    r = parse_note(text, lang, THU, TZ[lang])  # type: ignore[arg-type,index]
    assert r.success, r
    assert isinstance(r.data, NoteData)
    return r.data


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [
        ("es", "nota: la contraseña es gatito123", "La contraseña es gatito123"),
        ("es", "NOTA: el coche hace ruido", "El coche hace ruido"),
        ("es", "nota mental: no volver ahí 🤢", "No volver ahí"),
        ("es", "apunte: el recibo llega a mi nombre", "El recibo llega a mi nombre"),
        ("en", "Note to self: never book the 6am flight", "Never book the 6am flight"),
        ("en", "memo: switch the standup to 9:45", "Switch the standup to 9:45"),
        ("pt", "ideia: app pra dividir conta", "App pra dividir conta"),
        ("pt", "obs: a chave tá com a vizinha", "A chave tá com a vizinha"),
        ("es", "📝 receta de la abuela", "Receta de la abuela"),
    ],
)
def test_leading_trigger_is_removed(lang: str, text: str, title: str) -> None:
    assert note(text, lang).title == title


@pytest.mark.parametrize(
    ("lang", "text"),
    [("es", "idea para la app: que mande recordatorios"), ("en", "recipe: pancakes")],
)
def test_words_that_are_not_exact_triggers_stay(lang: str, text: str) -> None:
    assert note(text, lang).title.lower() == text.lower()


def test_title_is_the_first_non_empty_line_without_trailing_colon() -> None:
    assert note("\nLibros pendientes:\n- Cien años\n- Pedro Páramo", "es").title == (
        "Libros pendientes"
    )


def test_dates_stay_in_the_title() -> None:
    assert note("a vacina do gato vence em março", "pt").title == "A vacina do gato vence em março"


def test_tags_come_from_the_whole_message() -> None:
    data = note("podcasts by Raj #podcasts\nLex Fridman #Tech", "en")
    assert (data.title, set(data.tags)) == ("Podcasts by Raj", {"podcasts", "tech"})


def test_hash_before_a_number_is_not_a_tag() -> None:
    data = note("our table at the wedding is #12", "en")
    assert (data.title, data.tags) == ("Our table at the wedding is #12", ())


def test_leading_hashtags_leave_the_title() -> None:
    assert note("#viaje #japón llevar adaptador", "es").title == "Llevar adaptador"


@pytest.mark.parametrize(
    ("lang", "text"), [("es", "jajajaja 😂😂"), ("en", "lol 😂"), ("pt", "kkkkk")]
)
def test_laughter_is_refused(lang: str, text: str) -> None:
    assert not parse_note(text, lang, THU, TZ[lang]).success  # type: ignore[arg-type,index]


def test_emojis_inside_the_title_stay() -> None:
    assert note("me encanta 🍕 la pizza 🍕🍕", "es").title == "Me encanta 🍕 la pizza"


def test_anchor_in_a_link_is_not_a_tag() -> None:
    assert note("ver https://x.com/#abc", "es").tags == ()
