"""Understanding messages: `parse(text, parser, now=..., tz=...)` → `ParseResult`.

Pure and deterministic: no clock, no I/O. `now` is the moment the message was sent, as a naive
local wall-clock value in `tz` or an aware datetime (converted to `tz`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from reactiond.date_range import in_range
from reactiond.nlp.limits import MAX_BILLS, MAX_TEXT_CHARS, cut_text, is_cut
from reactiond.nlp.result import (
    LANGUAGES,
    PARSERS,
    BillData,
    CalendarData,
    Language,
    ParsedData,
    ParseResult,
    ParserName,
    TaskData,
)
from reactiond.nlp.text import readable

ParserFn = Callable[[str, Language, datetime, str], ParseResult]

__all__ = [
    "AMOUNT_OUT_OF_RANGE",
    "DATE_OUT_OF_RANGE",
    "MAX_BILLS",
    "MAX_TEXT_CHARS",
    "UnknownParser",
    "cut_text",
    "is_cut",
    "parse",
]

# The reason of a parse whose date lies outside reactiond.date_range (year 9999, year 1).
DATE_OUT_OF_RANGE = "date_out_of_range"
# Amounts below this, as a bill's PATCH allows (records/change.py).
MAX_AMOUNT = Decimal("1e12")
AMOUNT_OUT_OF_RANGE = "amount_out_of_range"


class UnknownParser(ValueError):
    """`parser` is not one of task, calendar, bill, note."""


def _parse_bill(text: str, lang: Language, now: datetime, tz: str) -> ParseResult:
    # Imported lazily: the bill and money modules are developed alongside and may be absent.
    try:
        from reactiond.nlp.bill import parse_bill
    except ImportError:
        return ParseResult("bill", False, lang, None, 0.0, reason="bill_parser_unavailable")
    result: ParseResult = parse_bill(text, lang, now, tz)
    return result


@dataclass(frozen=True, slots=True)
class _Parsers:
    """The parsers and what `parse` runs around them: loaded on the first `parse`, not
    when `reactiond.nlp.result` (a few types the rules and records share) is imported,
    so a CLI command that never parses does not pay for the grammar and the lexicons."""

    by_name: dict[str, ParserFn]
    local_now: Callable[[datetime, str], datetime]
    detect: Callable[[str, str, str | None], Language]
    with_guesses: Callable[[ParseResult, str, str], ParseResult]


@cache
def _parsers() -> _Parsers:
    from reactiond.nlp.calendar import parse_calendar
    from reactiond.nlp.dates import local_now
    from reactiond.nlp.language import detect
    from reactiond.nlp.note import parse_note
    from reactiond.nlp.task import parse_task
    from reactiond.nlp.unsure import with_guesses

    by_name: dict[str, ParserFn] = {
        "task": parse_task,
        "calendar": parse_calendar,
        "note": parse_note,
        "bill": _parse_bill,
    }
    return _Parsers(by_name, local_now, detect, with_guesses)


def _parser_name(parser: str) -> ParserName:
    for name in PARSERS:
        if name == parser:
            return name
    raise UnknownParser(f"unknown parser {parser!r}: use one of {', '.join(PARSERS)}")


def parse(
    text: str,
    parser: str,
    *,
    now: datetime,
    tz: str,
    lang: str | None = None,
    hint: str | None = None,
) -> ParseResult:
    """Parse `text` with one of the four parsers. Raises `UnknownParser` (a ValueError) for an
    unknown parser name; never raises on any text. Only the first `MAX_TEXT_CHARS`
    characters are read (`cut_text`).

    `lang` forces the language; `hint` only weighs in when the text alone is unsure (the
    sender's known language, or their phone number's country's)."""
    name = _parser_name(parser)
    parsers = _parsers()
    text = cut_text(readable(text))
    local = parsers.local_now(now, tz)
    forced = [code for code in LANGUAGES if code == lang]
    language: Language = forced[0] if forced else parsers.detect(text, tz, hint)
    try:
        # guesses the guidelines force (a bare hour as PM, "03/04") are said out loud
        result = parsers.with_guesses(parsers.by_name[name](text, language, local, tz), text, tz)
    except Exception as exc:  # a parser bug must not lose the message: refuse, keep the reason
        reason = f"internal_error: {type(exc).__name__}"
        return ParseResult(name, False, language, None, 0.0, reason=reason)
    if not all(in_range(when) for when in _dates_of(result.data)):
        # "31/12/9999" reads as a date, but no record, reminder or export could hold it.
        return ParseResult(name, False, language, None, 0.0, reason=DATE_OUT_OF_RANGE)
    if isinstance(result.data, BillData) and not all(
        b.amount.is_finite() and abs(b.amount) < MAX_AMOUNT for b in result.data.bills
    ):
        # A 40-digit "amount" cannot even be rounded to cents (decimal's 28 digits).
        return ParseResult(name, False, language, None, 0.0, reason=AMOUNT_OUT_OF_RANGE)
    return result


def _dates_of(data: ParsedData | None) -> list[date | datetime]:
    if isinstance(data, TaskData):
        return [data.due] if data.due is not None else []
    if isinstance(data, CalendarData):
        return [data.start]
    if isinstance(data, BillData):
        return [b.due for b in data.bills if b.due is not None]
    return []
