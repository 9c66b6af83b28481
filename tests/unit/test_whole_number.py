"""`whole_number`: ASCII digits up to a bound, None for anything else, never an error."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reactiond.whole_number import MAX_ID, whole_number


@given(st.text())
def test_any_text_is_a_number_in_range_or_none(text: str) -> None:
    value = whole_number(text)
    assert value is None or (0 <= value <= MAX_ID and text.isascii())


@given(st.integers(min_value=0, max_value=MAX_ID))
def test_every_id_written_plainly_is_read_back(n: int) -> None:
    assert whole_number(str(n)) == n


def test_what_int_would_fail_on_or_take_wrongly_is_none() -> None:
    for text in ("\u00b2", "\u0663", " 5", "1_0", "+1", "-1", "9" * 5000, str(MAX_ID + 1), ""):
        assert whole_number(text) is None, text
    assert whole_number("101", most=100) is None
