"""An online meeting's platform is shown by its name, not the parser's lower-case key."""

from __future__ import annotations

from datetime import datetime

import pytest

from reactiond import replies
from reactiond.nlp.result import CalendarData, Language

NOW = datetime(2026, 11, 25, 9, 0)


@pytest.mark.parametrize(
    ("platform", "lang", "line"),
    [
        ("zoom", "pt", "💻 Zoom"),
        ("meet", "en", "💻 Google Meet"),
        ("teams", "es", "💻 Microsoft Teams"),
        ("phone", "es", "💻 teléfono"),
        ("phone", "pt", "💻 telefone"),
        ("somethingnew", "en", "💻 somethingnew"),
    ],
)
def test_an_events_platform_is_shown_by_its_name(platform: str, lang: Language, line: str) -> None:
    data = CalendarData(title="Reunião", start=datetime(2026, 11, 26, 15, 0), platform=platform)
    text = replies.confirmation(data, lang=lang, tz="America/Sao_Paulo", now=NOW)
    assert line in text.splitlines()
