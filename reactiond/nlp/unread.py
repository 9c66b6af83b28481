"""Phrases a parser could not use, to be named in the reply instead of silently dropped.

Today: dates that cannot exist ("31 de febrero", "April 31", "31/02"). The date grammar
rightly refuses them, so the record is made without a date, and the person must be told
which words were not understood. Pure and linear: one regular expression per language,
built from the lexicon's month words, run once over the folded text.
"""

from __future__ import annotations

import functools
import re

from reactiond.nlp.lexicon import lexicon
from reactiond.nlp.result import Language
from reactiond.nlp.text import fold

# The most days a month can have (29 for February: a leap year is possible).
_MONTH_DAYS = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30}
_MONTH_DAYS |= {7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
_ORDINAL = r"(?:st|nd|rd|th|o|a|º|ª)?"


@functools.cache
def _pattern(lang: Language) -> re.Pattern[str]:
    lex = lexicon(lang)
    months = "|".join(sorted((re.escape(m) for m in lex.months), key=len, reverse=True))
    of = "|".join(re.escape(w) for w in lex.of_words)
    return re.compile(
        rf"\b(?P<d1>\d{{1,2}}){_ORDINAL}\s+(?:(?:{of})\s+)?(?P<m1>{months})\b"
        rf"|\b(?P<m2>{months})\s+(?P<d2>\d{{1,2}}){_ORDINAL}\b"
        r"|(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/\d{2,4})?(?![\d/])"
    )


def _impossible(day: int, month: int) -> bool:
    return not 1 <= month <= 12 or not 1 <= day <= _MONTH_DAYS[month]


def impossible_dates(text: str, lang: Language) -> tuple[str, ...]:
    """Each date in `text` that no calendar has, as written (in order, once each)."""
    folded = fold(text)
    months = lexicon(lang).months
    found: dict[str, None] = {}
    for m in _pattern(lang).finditer(folded):
        if m.group("d1") is not None:
            bad = _impossible(int(m.group("d1")), months[m.group("m1")])
        elif m.group("d2") is not None:
            bad = _impossible(int(m.group("d2")), months[m.group("m2")])
        else:
            a, b = int(m.group("a")), int(m.group("b"))
            # Neither day/month nor month/day; "99/99" is no attempt at a date at all.
            bad = max(a, b) <= 31 and _impossible(a, b) and _impossible(b, a)
        if bad:
            found.setdefault(text[m.start() : m.end()], None)
    return tuple(found)
