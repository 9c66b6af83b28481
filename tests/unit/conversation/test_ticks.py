"""What an emoji on reactiond's own message means (conversation/ticks.py)."""

from __future__ import annotations

import pytest

from reactiond.conversation.ticks import new_status, tick_of


@pytest.mark.parametrize("emoji", ["✅", "✔️", "☑️", "💸"])
def test_ticks_mean_done(emoji: str) -> None:
    assert tick_of(emoji) == "done"


def test_a_thumbs_up_is_a_nod_not_a_tick() -> None:
    assert tick_of("👍🏽") == "none"


def test_the_rules_own_emoji_means_done_and_a_cross_cancels() -> None:
    assert tick_of("💳", ["💳"]) == "done"
    assert tick_of("💳") == "none"
    assert tick_of("❌") == "cancel"
    assert tick_of("") == "undo"


def test_only_an_open_record_moves() -> None:
    assert new_status("tasks", "open", "done") == "done"
    assert new_status("bills", "pending", "done") == "paid"
    assert new_status("bills", "paid", "done") is None
    assert new_status("notes", "active", "done") is None
    assert new_status("calendar_events", "scheduled", "cancel") == "cancelled"
