"""A count agrees with its noun: "1 tentativa", "2 tentativas", and in French and
Portuguese "0 tentative" (CLDR's rules, as Babel knows them). Messages that say a count
come as KEY.one and KEY.many, in every catalog."""

from __future__ import annotations

import re

import pytest

from reactiond.caldav.texts import CALENDAR_TEXTS
from reactiond.cli.text import CATALOG, t
from reactiond.reasons import SHARED, say
from reactiond.reasons_fr import FRENCH_REASONS
from reactiond.web.pages.text import keys as page_keys
from reactiond.wording import counted_key, plural_form


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("es", ["many", "one", "many", "many"]),
        ("en", ["many", "one", "many", "many"]),
        ("pt", ["one", "one", "many", "many"]),
        ("fr", ["one", "one", "many", "many"]),
    ],
)
def test_each_language_says_its_counts_in_its_own_plural_form(
    language: str, forms: list[str]
) -> None:
    assert [plural_form(n, language) for n in (0, 1, 2, 1_000_000)] == forms


def test_a_key_with_a_count_picks_its_form_and_any_other_key_stays() -> None:
    known = {"x.one", "x.many", "y"}
    assert counted_key("x", {"count": 1}, "es", known) == "x.one"
    assert counted_key("x", {"count": 0}, "es", known) == "x.many"
    assert counted_key("x", {"count": 0}, "fr", known) == "x.one"
    assert counted_key("y", {"count": 3}, "es", known) == "y"


def test_the_cli_says_a_count_with_its_form() -> None:
    assert t("ok.rules.imported", count=1, names="a") == "1 rule imported: a"
    assert t("ok.rules.imported", count=2, names="a, b") == "2 rules imported: a, b"
    assert t("err.doctor.failed", count=1) == "1 check failed"


@pytest.mark.parametrize(
    "catalog", [set(CATALOG), set(CALENDAR_TEXTS), set(page_keys())], ids=["cli", "caldav", "pages"]
)
def test_every_counted_message_has_both_forms(
    catalog: set[str],
) -> None:
    ones = {k.removesuffix(".one") for k in catalog if k.endswith(".one")}
    manys = {k.removesuffix(".many") for k in catalog if k.endswith(".many")}
    assert ones == manys


def test_no_message_hedges_a_count_with_brackets() -> None:
    """ "3 check(s)", "registro(s)": a count says its form instead."""
    hedged = [
        (key, text)
        for key, entry in CATALOG.items()
        for text in (entry.en, entry.es, entry.pt, entry.fr)
        if "{count}" in text and any(h in text for h in ("(s)", "(es)", "(ões)"))
    ]
    assert hedged == []


@pytest.mark.parametrize(
    ("english", "said"),
    [
        (
            "String should have at least 1 character",
            {
                "es": "necesita al menos 1 carácter",
                "pt": "precisa de pelo menos 1 caractere",
                "fr": "demande au moins 1 caractère",
            },
        ),
        (
            "String should have at most 200 characters",
            {
                "es": "admite como máximo 200 caracteres",
                "pt": "admite no máximo 200 caracteres",
                "fr": "admet au plus 200 caractères",
            },
        ),
        (
            "List should have at least 1 item after validation, not 0",
            {
                "es": "necesita al menos 1 elemento, no 0",
                "pt": "precisa de pelo menos 1 item, não 0",
                "fr": "demande au moins 1 élément, pas 0",
            },
        ),
        (
            "List should have at most 10 items after validation, not 12",
            {
                "es": "admite como máximo 10 elementos, no 12",
                "pt": "admite no máximo 10 itens, não 12",
                "fr": "admet au plus 10 éléments, pas 12",
            },
        ),
    ],
)
def test_a_reason_with_a_count_says_its_noun_in_that_counts_form(
    english: str, said: dict[str, str]
) -> None:
    """The rule form's empty name said "necesita al menos 1 caracteres", its empty
    emoji field "necesita al menos 1 elemento(s), no 0" (pydantic's words, said again)."""
    assert {lang: say(english, lang) for lang in said} == said


def test_no_reason_hedges_a_count_with_brackets() -> None:
    hedge = re.compile(r"\w\((?:s|es|ns|ões)\)")
    said = [
        text
        for _, by_lang in SHARED
        for text in (*by_lang.values(), *(FRENCH_REASONS.values()))
        if hedge.search(text.replace("http(s)", "http"))
    ]
    assert said == []
