"""Every parser is linear in the length of its text (issue 12, item 1).

Each known adversarial shape is repeated to 8K, 16K, 32K and 64K characters (WhatsApp's
maximum is 65,535) and parsed by the parser it hurt, *without* the length cut that
`reactiond.nlp.parse` applies: the parsers themselves must be linear. The CPU time (best of
three, `time.process_time`) may grow by less than 3x per doubling: a linear parser grows ~2x,
a quadratic one ~4x. This is a complexity check, not a speed target (those live in bench/).

Before the fix, "9:00-", "mañana," and "lunes;" grew ~4x per doubling (the look-back for
date prepositions walked to the start of the text for every phrase) and "diez a " ~3.5x
(each number word scanned every following word).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

import pytest

from reactiond.nlp.bill import parse_bill
from reactiond.nlp.calendar import parse_calendar
from reactiond.nlp.language import cue_scores
from reactiond.nlp.note import parse_note
from reactiond.nlp.result import Language, ParseResult
from reactiond.nlp.task import parse_task

Parser = Callable[[str, Language, datetime, str], ParseResult]
NOW = datetime(2026, 3, 2, 10, 0)
SIZES = (8_000, 16_000, 32_000, 64_000)
MAX_RATIO = 3.0
# Below this, a measurement is mostly noise: ratios are taken against at least this much.
FLOOR_SECONDS = 0.004


def _cues(text: str, lang: Language, now: datetime, tz: str) -> ParseResult:
    cue_scores(text)  # language detection reads the whole text too
    return ParseResult("note", True, lang, None, 1.0)


Build = Callable[[int], str]


def repeated(shape: str) -> Build:
    def build(size: int) -> str:
        return (shape * (size // len(shape) + 1))[:size]

    build.__name__ = repr(shape[:12])
    return build


def padded(before: str, filler: str, after: str) -> Build:
    def build(size: int) -> str:
        return before + filler * (size - len(before) - len(after)) + after

    build.__name__ = repr(f"{before}{filler}…{after}")
    return build


SHAPES: list[tuple[Build, Parser, Language]] = [
    (repeated("9:00-"), parse_calendar, "es"),  # the 37 s stall
    (repeated("mañana,"), parse_task, "es"),
    (repeated("lunes;"), parse_calendar, "es"),
    (repeated("1 "), parse_bill, "es"),  # 100 KB of "1 1 1" made 50 bills in 11 s
    (repeated("diez a "), parse_bill, "es"),
    (repeated("a hundred "), parse_bill, "en"),
    (padded("lunes", " ", "x"), parse_calendar, "es"),  # blanks after a weekday
    (padded("monday", "\n", "5"), parse_task, "en"),
    (padded("🎉", " ", "x"), parse_note, "pt"),  # blanks after an edge emoji
    (repeated("jaja lol kkk mañana "), _cues, "es"),
    # French (issue 21): grouped thousands, marker decimals, hyphenated and elided cues
    (repeated("1 000 "), parse_bill, "fr"),
    (repeated("45€90 "), parse_bill, "fr"),
    (repeated("lundi en huit;"), parse_calendar, "fr"),
    (repeated("l'appli week-end mdr "), _cues, "fr"),
]


def _cpu(parser: Parser, text: str, lang: Language, tries: int = 3) -> float:
    best = float("inf")
    for _ in range(tries):
        started = time.process_time()
        parser(text, lang, NOW, "Europe/Madrid")
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.slow
@pytest.mark.parametrize(
    ("build", "parser", "lang"),
    SHAPES,
    ids=[f"{p.__name__}-{lang}-{b.__name__}" for b, p, lang in SHAPES],
)
def test_parse_time_doubles_at_most_when_the_text_doubles(
    build: Build, parser: Parser, lang: Language
) -> None:
    # Best of three, but the largest once: noise only makes a time longer, so a short time
    # for the largest text is already a pass, and a long one is measured again below.
    times = [_cpu(parser, build(n), lang, 1 if n == SIZES[-1] else 3) for n in SIZES]
    for i in range(len(SIZES) - 1):
        small, big = build(SIZES[i]), build(SIZES[i + 1])
        ratio = times[i + 1] / max(times[i], FLOOR_SECONDS)
        # A busy machine can slow one measurement: measure a step again before failing.
        for _ in range(2):
            if ratio < MAX_RATIO:
                break
            times[i] = min(times[i], _cpu(parser, small, lang))
            times[i + 1] = min(times[i + 1], _cpu(parser, big, lang))
            ratio = times[i + 1] / max(times[i], FLOOR_SECONDS)
        assert ratio < MAX_RATIO, (
            f"{SIZES[i]} → {SIZES[i + 1]} chars: {times[i]:.3f} s → {times[i + 1]:.3f} s "
            f"(x{ratio:.1f}); all: {[round(t, 3) for t in times]}"
        )
