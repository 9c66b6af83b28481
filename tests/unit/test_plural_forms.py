"""A count agrees with its noun: "1 tentativa", "2 tentativas", and in French and
Portuguese "0 tentative" (CLDR's rules, as Babel knows them). Messages that say a count
come as KEY.one and KEY.many, in every catalog."""

from __future__ import annotations

import pytest

from reactiond.caldav.texts import CALENDAR_TEXTS
from reactiond.cli.text import CATALOG, t
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
