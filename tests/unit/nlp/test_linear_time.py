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


SHAPES: list[tuple[str, Parser, Language]] = [
    ("9:00-", parse_calendar, "es"),  # the 37 s stall
    ("9:00-", parse_task, "en"),
    ("mañana,", parse_task, "es"),
    ("lunes;", parse_calendar, "es"),
    ("1 ", parse_bill, "es"),  # 100 KB of "1 1 1" made 50 bills in 11 s
    ("diez a ", parse_bill, "es"),
    ("a hundred ", parse_bill, "en"),
    ("Reunión mañana a las 9:00 en la oficina con @ana y @beto, ", parse_calendar, "es"),
    ("luz $450 vence el 15, agua 230; ", parse_bill, "es"),
    ("🎉 #tag @ana\n", parse_note, "pt"),
    ("jaja lol kkk mañana ", _cues, "es"),
]


def _repeat(shape: str, size: int) -> str:
    return (shape * (size // len(shape) + 1))[:size]


def _cpu(parser: Parser, text: str, lang: Language, tries: int = 3) -> float:
    best = float("inf")
    for _ in range(tries):
        started = time.process_time()
        parser(text, lang, NOW, "Europe/Madrid")
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.slow
@pytest.mark.parametrize(
    ("shape", "parser", "lang"),
    SHAPES,
    ids=[f"{p.__name__}-{lang}-{s[:12]!r}" for s, p, lang in SHAPES],
)
def test_parse_time_doubles_at_most_when_the_text_doubles(
    shape: str, parser: Parser, lang: Language
) -> None:
    times = [_cpu(parser, _repeat(shape, n), lang) for n in SIZES]
    for i in range(len(SIZES) - 1):
        small, big = _repeat(shape, SIZES[i]), _repeat(shape, SIZES[i + 1])
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
