"""Every setting issue 5 added is in the README's settings table."""

from __future__ import annotations

from reactiond.settings import Settings
from tests.fixtures import REPO

MINE = (
    "reaction_undo_window_seconds",
    "reaction_flood_per_minute",
    "unseen_message_retries",
    "unseen_message_retry_seconds",
)


def test_reaction_settings_are_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in MINE:
        assert name in Settings.model_fields
        assert name.upper() in readme, name
