"""The digest chat command's time (issue 20 §5): a bare "7:30" is the morning (a summary
of the day is read then), unlike a task's "a las 7"; am/pm or a part of the day makes it
later, and a 24-hour time is kept as written."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reactiond.conversation.digest import DigestCommand, read_digest_command
from reactiond.nlp.result import Language
from reactiond.replies import formatting
from reactiond.replies.conversation import digest_on

# Late in the evening: a time-of-day parser that picked "the next 7:30" would say 19:30.
NOW = datetime(2026, 12, 3, 21, 0)


def at(text: str, tz: str = "America/Mexico_City") -> time:
    command = read_digest_command(text, now=NOW, tz=tz)
    assert command is not None and command.on, text
    return command.at


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("resumen diario 7:30", time(7, 30)),
        ("resumen diario a las 7", time(7, 0)),
        ("resumen diario 8", time(8, 0)),
        ("resumen diario 9", time(9, 0)),
        ("resumen diario 20h", time(20, 0)),
        ("resumen diario 7:30 de la tarde", time(19, 30)),
        ("resumen diario 8 de la noche", time(20, 0)),
        ("resumen diario 12:15", time(12, 15)),
    ],
)
def test_spanish(text: str, expected: time) -> None:
    assert at(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("daily digest 7:30", time(7, 30)),
        ("daily digest at 7", time(7, 0)),
        ("daily digest 8", time(8, 0)),
        ("daily digest 8am", time(8, 0)),
        ("daily digest 8pm", time(20, 0)),
        ("daily digest 7:30 pm", time(19, 30)),
        ("daily digest 20h", time(20, 0)),
        ("daily digest in the evening", time(20, 0)),
    ],
)
def test_english(text: str, expected: time) -> None:
    assert at(text, "America/New_York") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("resumo diário 7h30", time(7, 30)),
        ("resumo diário 7:30", time(7, 30)),
        ("resumo diário 8", time(8, 0)),
        ("resumo diário 8h", time(8, 0)),
        ("resumo diário 20h", time(20, 0)),
        ("resumo diário 7 da noite", time(19, 0)),
    ],
)
def test_portuguese(text: str, expected: time) -> None:
    assert at(text, "America/Sao_Paulo") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("résumé quotidien 7h30", time(7, 30)),
        ("résumé quotidien 8", time(8, 0)),
        ("résumé quotidien 20h", time(20, 0)),
        ("résumé quotidien 7h du soir", time(19, 0)),
    ],
)
def test_french(text: str, expected: time) -> None:
    assert at(text, "Europe/Paris") == expected


def test_no_time_is_eight_and_no_is_off() -> None:
    assert at("resumen diario") == time(8, 0)
    assert read_digest_command("resumen diario no", now=NOW, tz="UTC") == DigestCommand(
        "es", on=False
    )


COMMANDS = {
    "es": ("resumen diario", "America/Mexico_City"),
    "en": ("daily digest", "America/New_York"),
    "pt": ("resumo diário", "America/Sao_Paulo"),
    "fr": ("résumé quotidien", "Europe/Paris"),
}


@given(
    lang=st.sampled_from(sorted(COMMANDS)),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    now_hour=st.integers(0, 23),
)
def test_an_hh_mm_is_the_hour_written_whatever_the_time_now(
    lang: str, hour: int, minute: int, now_hour: int
) -> None:
    words, tz = COMMANDS[lang]
    text = f"{words} {hour}:{minute:02d}"
    command = read_digest_command(text, now=NOW.replace(hour=now_hour), tz=tz)
    assert command is not None and command.at == time(hour, minute), text


@given(hour=st.integers(1, 11), minute=st.integers(0, 59))
def test_pm_makes_a_morning_hour_the_evening(hour: int, minute: int) -> None:
    assert at(f"daily digest {hour}:{minute:02d} pm") == time(hour + 12, minute)
    assert at(f"daily digest {hour}:{minute:02d} am") == time(hour, minute)


@pytest.mark.parametrize("lang", ["es", "en", "pt", "fr"])
@pytest.mark.parametrize("hour", [7, 19])
def test_the_confirmation_ends_with_one_full_stop(lang: Language, hour: int) -> None:
    # "a las 7:30 a.m.." was said once: the time's own "a.m." ends the sentence.
    shown = formatting.clock(datetime(2026, 12, 3, hour, 30), lang, "America/Mexico_City")
    text = digest_on(shown, lang)
    assert shown in text and text.endswith(".") and not text.endswith("..")
