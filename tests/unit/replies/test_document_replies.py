"""What reactiond says about a 💳 on a picture or PDF (issue 23), in every language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reactiond.nlp.result import LANGUAGES, BillData, BillItem, Language, ParseResult
from reactiond.replies.documents import (
    FAILURES,
    INSTALL_COMMAND,
    document_failure,
    missing_fields,
    no_amount,
)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("reason", FAILURES)
def test_every_failure_is_said_in_every_language(lang: Language, reason: str) -> None:
    text = document_failure(reason, lang, size=12_000_000, limit=10_485_760, mimetype="x/y")
    assert text and "{" not in text
    texts = {document_failure(reason, other, size=1, limit=1) for other in LANGUAGES}
    assert len(texts) == len(LANGUAGES)  # each language its own words


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_installed_gives_the_install_command(lang: Language) -> None:
    assert INSTALL_COMMAND in document_failure("not_installed", lang)


def test_too_large_names_both_sizes() -> None:
    text = document_failure("too_large", "es", size=12 * 1024 * 1024, limit=10 * 1024 * 1024)
    assert "12.0 MB" in text and "10.0 MB" in text


def _bill(vendor: str | None, due: date | None) -> ParseResult:
    item = BillItem(vendor, Decimal("890"), "MXN", due)
    return ParseResult("bill", True, "es", BillData((item,)), 1.0)


def test_a_missing_due_date_is_asked_for() -> None:
    assert missing_fields(_bill("CFE", None), "es") == [
        "❓ No encontré la fecha de vencimiento — responde con ella"
    ]


def test_a_complete_bill_asks_nothing() -> None:
    assert missing_fields(_bill("CFE", date(2026, 12, 28)), "en") == []


def test_no_amount_offers_the_example() -> None:
    assert "Pagar luz CFE" in no_amount("es", "Pagar luz CFE $890 vence 15 enero")
