"""Guesses said out loud (issue 15): which parsed dates and times rest on a guess.

The guidelines decide every reading, but two of their rules pick one reading of a text that
has two, and the writer may have meant the other:

- a bare hour 1–7 with no am/pm and no part of day is read as PM (§5: "a las 5" = 17:00);
- a numeric date whose two numbers are both 12 or less is read day-first or month-first by
  the language and zone (§4.6: "03/04"). Where both orders are written — English, and any
  language in a zone of the United States or Canada — the reading is a guess; Spanish and
  Portuguese elsewhere write day-first only.

`date_guesses` finds them in the text and marks the field of the result that took that value;
the confirmation then asks ("¿17:00? responde para corregir"). A guessed bill vendor is marked
by the bill parser itself. Pure; one regex pass over the folded text: linear.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from reactiond.nlp.lexicon.money_common import TZ_CURRENCY
from reactiond.nlp.result import BillData, CalendarData, ParseResult, TaskData, Unsure
from reactiond.nlp.text import fold

__all__ = ["date_guesses", "with_guesses"]

# An hour after a time preposition, with nothing that says am or pm after it.
_BARE_HOUR = re.compile(
    r"(?<![\w@])(?:a\s+las?|at|as|@|de|from|desde|das|por\s+volta\s+das|tipo)\s+"
    r"(?P<h>[1-7])(?:[:.](?P<m>[0-5]\d))?"
    r"(?!\d|[.,]\d|\s*(?:a\.?\s?m|p\.?\s?m|h(?![a-z])|hs|hrs|hr|horas?|min))"
)
# A part of day or am/pm anywhere: the writer said which half of the day it is.
_HALF_OF_DAY = re.compile(
    r"(?<![a-z])(?:tarde|noche|noite|night|tonight|afternoon|evening|manana|manha|morning"
    r"|madrugada|mediodia|meio-dia|noon|a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])|(?<=\d)(?:am|pm)"
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?P<a>[01]?\d)(?P<sep>/)(?P<b>[01]?\d)(?:/(?:\d{4}|\d{2}))?(?![\d/]|[.,]\d)"
    r"|(?<![\d/.-])(?P<a2>[01]?\d)(?P<sep2>[.-])(?P<b2>[01]?\d)[.-](?:\d{4})(?![\d.-])"
)


def _hour_guesses(folded: str, value: datetime) -> bool:
    if not 13 <= value.hour <= 19 or _HALF_OF_DAY.search(folded):
        return False
    for m in _BARE_HOUR.finditer(folded):
        minute = int(m.group("m") or 0)
        if int(m.group("h")) + 12 == value.hour and minute == value.minute:
            return True
    return False


def _order_guesses(folded: str, value: date) -> bool:
    for m in _NUMERIC_DATE.finditer(folded):
        a, b = int(m.group("a") or m.group("a2")), int(m.group("b") or m.group("b2"))
        if 1 <= a <= 12 and 1 <= b <= 12 and a != b and {a, b} == {value.day, value.month}:
            return True
    return False


def _both_orders(lang: str, tz: str) -> bool:
    return lang == "en" or TZ_CURRENCY.get(tz) in ("USD", "CAD")


def date_guesses(
    text: str,
    field: str,
    value: date | datetime | None,
    item: int | None = None,
    *,
    lang: str = "en",
    tz: str = "UTC",
) -> list[Unsure]:
    """The guesses behind one parsed date or datetime of `text`."""
    if value is None:
        return []
    folded = fold(text)
    out: list[Unsure] = []
    if isinstance(value, datetime) and _hour_guesses(folded, value):
        out.append(Unsure(field, "bare_hour_pm", item))
    day = value.date() if isinstance(value, datetime) else value
    if _both_orders(lang, tz) and _order_guesses(folded, day):
        out.append(Unsure(field, "day_month_order", item))
    return out


def with_guesses(result: ParseResult, text: str, tz: str) -> ParseResult:
    """`result` with its date and time guesses added to `unsure`."""
    data = result.data
    found: list[Unsure] = []
    lang = result.language
    if isinstance(data, TaskData):
        found = date_guesses(text, "due", data.due, lang=lang, tz=tz)
    elif isinstance(data, CalendarData):
        found = date_guesses(text, "start", data.start, lang=lang, tz=tz)
    elif isinstance(data, BillData):
        for i, item in enumerate(data.bills):
            found += date_guesses(text, "due", item.due, i, lang=lang, tz=tz)
    if not found:
        return result
    return replace(result, unsure=(*result.unsure, *found))
