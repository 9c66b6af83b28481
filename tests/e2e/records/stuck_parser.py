"""A parser that never returns on a marked text: what the quadratic parsers nearly were.
Imported by name in the spawned parser process, so it lives in a module of its own."""

from __future__ import annotations

import time
from datetime import datetime

from reactiond.nlp import parse
from reactiond.nlp.result import ParseResult

STUCK = "STUCK"


def stuck_parse(
    text: str,
    parser: str,
    *,
    now: datetime,
    tz: str,
    lang: str | None = None,
    hint: str | None = None,
) -> ParseResult:
    if STUCK in text:
        time.sleep(3600)  # stands for a parse that runs away; killed at the time limit
    return parse(text, parser, now=now, tz=tz, lang=lang, hint=hint)


def never_ready_parse(
    text: str,
    parser: str,
    *,
    now: datetime,
    tz: str,
    lang: str | None = None,
    hint: str | None = None,
) -> ParseResult:
    """Stuck on every text, the warm-up's too: a parser process that never gets ready,
    as one still loading the parsers on a slow machine looks from the daemon."""
    time.sleep(3600)
    raise AssertionError("unreachable: killed long before")
