from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reactiond.rules.emoji import SKIN_TONES, normalise_emoji


def test_variation_selector_is_ignored() -> None:
    assert normalise_emoji("✔\ufe0f") == normalise_emoji("✔") == "✔"


def test_skin_tone_is_ignored() -> None:
    assert normalise_emoji("👍🏽") == "👍"


def test_zwj_sequence_stays_whole() -> None:
    technologist = "👩\u200d💻"
    assert normalise_emoji("👩🏽\u200d💻") == technologist


def test_different_emoji_stay_different() -> None:
    assert normalise_emoji("✅") != normalise_emoji("✔️")


def test_removal_is_empty() -> None:
    assert normalise_emoji("") == ""


@given(st.text())
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise_emoji(text)
    assert normalise_emoji(once) == once


@given(st.text(), st.sampled_from(sorted(SKIN_TONES)))
def test_no_tone_or_selector_survives(text: str, tone: str) -> None:
    out = normalise_emoji(text + tone + "\ufe0f")
    assert not any(ch in out for ch in (*SKIN_TONES, "\ufe0f", "\ufe0e"))
