"""Every parser is linear in the length of its text (issue 12, item 1).

Each known adversarial shape is repeated to 8K and 64K characters (WhatsApp's maximum is
65,535) and parsed by the parser it hurt, *without* the length cut that
`reactiond.nlp.parse` applies: the parsers themselves must be linear. Eight times the text
may cost less than 24 times the CPU time: a linear parser costs ~8x (6-10x measured), a
quadratic one ~64x; the bound sits between them with room for noise on both sides. This is
a complexity check, not a speed target (those live in bench/).

Why CPU time and not a count of operations: the quadratic cases were regular expressions
backtracking (inside `re`, one call from Python) as much as Python loops, and only time sees
both. Noise on a loaded machine only ever makes a measurement longer, so the two sizes are
measured in turns and the least of each is kept until the ratio passes or the rounds run
out: one quiet moment is enough for a linear parser, and no amount of quiet makes a
quadratic one pass. The thread's own CPU time leaves out other threads in the process.

Before the fix, "9:00-", "mañana," and "lunes;" grew ~4x per doubling (the look-back for
date prepositions walked to the start of the text for every phrase; ~64x over the range)
and "diez a " ~3.5x (each number word scanned every following word; ~43x).
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
SMALL, BIG = 8_000, 64_000
MAX_RATIO = 24.0  # for 8x the text: linear ~8x, quadratic ~64x
ROUNDS = 7  # at most; a linear parser passes after the first on a quiet machine
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


def _cpu(parser: Parser, text: str, lang: Language) -> float:
    started = time.thread_time()
    parser(text, lang, NOW, "Europe/Madrid")
    return time.thread_time() - started


@pytest.mark.slow
@pytest.mark.parametrize(
    ("build", "parser", "lang"),
    SHAPES,
    ids=[f"{p.__name__}-{lang}-{b.__name__}" for b, p, lang in SHAPES],
)
def test_parse_time_grows_linearly_with_the_text(
    build: Build, parser: Parser, lang: Language
) -> None:
    assert_linear(build, parser, lang)


def assert_linear(build: Build, parser: Parser, lang: Language) -> None:
    """The check, for other modules' shapes too (tests/unit/replies/)."""
    small, big = build(SMALL), build(BIG)
    parser(build(200), lang, NOW, "Europe/Madrid")  # compiled patterns, loaded lexicons
    least_small = least_big = float("inf")
    ratio = float("inf")
    for _ in range(ROUNDS):
        least_small = min(least_small, _cpu(parser, small, lang))
        least_big = min(least_big, _cpu(parser, big, lang))
        ratio = least_big / max(least_small, FLOOR_SECONDS)
        if ratio < MAX_RATIO:
            break
    assert ratio < MAX_RATIO, (
        f"{SMALL} → {BIG} chars: {least_small:.3f} s → {least_big:.3f} s (x{ratio:.1f}, "
        f"least of {ROUNDS} rounds; linear is ~8x)"
    )
