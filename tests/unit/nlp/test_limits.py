"""What the parsers read and make at most (issue 12, item 1; docs/nlp.md "Limits")."""

from __future__ import annotations

from datetime import datetime

import pytest

from reactiond.nlp import MAX_BILLS, MAX_TEXT_CHARS, cut_text, is_cut, parse
from reactiond.nlp.bill import parse_bill
from reactiond.nlp.calendar import parse_calendar
from reactiond.nlp.result import BillData
from reactiond.replies.limits import text_cut

NOW = datetime(2026, 3, 2, 9, 0)


def test_a_text_within_the_limit_is_read_whole() -> None:
    text = "a" * MAX_TEXT_CHARS
    assert cut_text(text) == text
    assert not is_cut(text)


def test_a_longer_text_is_cut_at_the_limit() -> None:
    text = "a" * (MAX_TEXT_CHARS + 10)
    assert cut_text(text) == "a" * MAX_TEXT_CHARS
    assert is_cut(text)


def test_a_cut_near_a_space_keeps_whole_words() -> None:
    text = "x" * (MAX_TEXT_CHARS - 5) + " mañana"
    assert cut_text(text) == "x" * (MAX_TEXT_CHARS - 5)


def test_what_lies_beyond_the_limit_is_not_parsed() -> None:
    text = "nada " * (MAX_TEXT_CHARS // 5 + 1) + "mañana a las 10"
    assert parse_calendar(text, "es", NOW, "Europe/Madrid").success  # the parser would see it
    result = parse(text, "calendar", now=NOW, tz="Europe/Madrid", lang="es")
    assert not result.success
    assert result.reason == "no_date"


def test_a_whatsapp_sized_message_of_ones_makes_at_most_the_cap_of_bills() -> None:
    # The reproduction: 100 KB of "1 1 1 …" with 💳 made 50 bills (and took 11 s).
    text = "1 " * 50_000
    result = parse(text, "bill", now=NOW, tz="America/Mexico_City", lang="es")
    assert isinstance(result.data, BillData)
    assert len(result.data.bills) == MAX_BILLS


def test_bills_beyond_the_cap_are_dropped_in_text_order() -> None:
    text = "\n".join(f"tienda{i} ${i + 1}" for i in range(MAX_BILLS + 5))
    result = parse_bill(text, "es", NOW, "America/Mexico_City")
    assert isinstance(result.data, BillData)
    assert [b.vendor for b in result.data.bills] == [f"Tienda{i}" for i in range(MAX_BILLS)]


def test_a_due_date_for_all_still_applies_after_the_cap() -> None:
    figures = ", ".join(f"tienda{i} ${i + 1}" for i in range(MAX_BILLS + 5))
    result = parse_bill(figures + "; todo vence el 20", "es", NOW, "America/Mexico_City")
    assert isinstance(result.data, BillData)
    assert len(result.data.bills) == MAX_BILLS
    assert {b.due for b in result.data.bills} == {datetime(2026, 3, 20).date()}


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
def test_the_reply_says_the_text_was_cut_in_each_language(lang: str) -> None:
    line = text_cut(lang, MAX_TEXT_CHARS)
    assert str(MAX_TEXT_CHARS) in line
    others = {text_cut(other, MAX_TEXT_CHARS) for other in ("es", "en", "pt") if other != lang}
    assert line not in others
