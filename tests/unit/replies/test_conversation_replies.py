"""What reactiond says in a conversation (replies/conversation.py): every phrase in es,
en, pt and fr with the same placeholders, and the answer's cap and total."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal

import pytest

from reactiond.replies import conversation as say

BOOKS = {"es": say.ES, "en": say.EN, "pt": say.PT, "fr": say.FR}
PLACEHOLDER = re.compile(r"{(\w+)}")


def _texts(book: say.Talk) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in fields(book):
        value = getattr(book, f.name)
        if isinstance(value, dict):
            out.update({f"{f.name}.{k}": v for k, v in value.items()})
        else:
            out[f.name] = value
    return out


@pytest.mark.parametrize("lang", ["es", "pt", "fr"])
def test_every_phrase_has_the_same_placeholders_as_english(lang: str) -> None:
    english, other = _texts(say.EN), _texts(BOOKS[lang])
    assert set(english) == set(other)
    for key, text in english.items():
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(other[key])), key


def test_an_answer_is_capped_and_counts_the_rest() -> None:
    items = [say.Item("task", f"T{i}", date(2026, 12, 4)) for i in range(12)]
    text = say.answer(
        items, period="tomorrow", lang="en", tz="UTC", today=date(2026, 12, 3), cap=10
    )
    lines = text.splitlines()
    assert lines[0] == "📋 Tomorrow:" and len(lines) == 12 and lines[-1] == "… and 2 more"


def test_overdue_is_marked_and_bills_are_added_up() -> None:
    items = [
        say.Item("bill", "CFE — $890.00", date(2026, 12, 1), Decimal("890"), "MXN"),
        say.Item("bill", "Agua — $320.00", datetime(2026, 12, 5, 9), Decimal("320"), "MXN"),
    ]
    text = say.answer(
        items, period="week", lang="es", tz="America/Mexico_City", today=date(2026, 12, 3),
        cap=10, total=True,
    )  # fmt: skip
    assert "⚠️ vencido" in text.splitlines()[1]
    assert "vencido" not in text.splitlines()[2]
    assert text.splitlines()[-1] == "Total: $1,210.00"


def test_nothing_due_says_so_in_the_period() -> None:
    text = say.answer([], period="today", lang="es", tz="UTC", today=date(2026, 12, 3), cap=5)
    assert text == "🎉 Nada pendiente hoy."
    pending = say.answer([], period="pending", lang="en", tz="UTC", today=date(2026, 12, 3), cap=5)
    assert pending == "🎉 Nothing due."
