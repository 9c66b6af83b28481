"""The question reader (conversation/questions.py): periods as dates, and any text read
without error."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from reactiond.conversation.questions import read_question

TODAY = date(2026, 12, 3)  # a Thursday


def test_this_week_runs_to_sunday_and_takes_the_overdue_along() -> None:
    q = read_question("¿qué pago esta semana?", today=TODAY)
    assert q is not None and (q.start, q.end) == (None, date(2026, 12, 6))


def test_a_named_month_is_the_next_one_of_that_name() -> None:
    q = read_question("how much do I owe in january?", today=TODAY)
    assert q is not None and (q.start, q.end) == (date(2027, 1, 1), date(2027, 1, 31))
    assert q.total


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_read_without_error(text: str) -> None:
    q = read_question(text, today=TODAY)
    if q is not None:
        assert q.kinds and q.language in ("es", "en", "pt", "fr")
        assert q.start is None or q.end is None or q.start <= q.end
