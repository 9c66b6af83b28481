"""Due dates for bills: a small date grammar (GUIDELINES §4), date-only.

The bill parser needs each date phrase's *span* (to keep figures inside dates out of the
amounts, and to know which segment a due date belongs to) and its value. When the shared date
grammar `reactiond.nlp.dates.find_dates` is available, `find_due_dates` uses it; this module's
own grammar is the fallback and covers what bills say: relative days, offsets, weekdays, day
and month names, numeric dates, a day of the month alone, end of month, next week, weekend.
Pure: `now` and `tz` are arguments.
"""

from __future__ import annotations

import calendar
import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol, cast

__all__ = ["DueMatch", "find_due_dates", "own_grammar"]


@dataclass(frozen=True)
class DueMatch:
    start: int
    end: int
    value: date | None


def _fold(text: str) -> str:
    """Lower-case, accents stripped, one character out per character in."""
    import unicodedata

    out = []
    for ch in text.lower():
        if len(ch) != 1:
            out.append(ch[0])
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base if base.isascii() else ch)
    return "".join(out)


_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        ("enero", "ene", "january", "jan", "janeiro"),
        ("febrero", "feb", "february", "fevereiro", "fev"),
        ("marzo", "mar", "march", "marco"),
        ("abril", "abr", "april", "apr"),
        ("mayo", "may", "maio", "mai"),
        ("junio", "jun", "june", "junho"),
        ("julio", "jul", "july", "julho"),
        ("agosto", "ago", "august", "aug"),
        ("septiembre", "setiembre", "sep", "sept", "september", "setembro", "set"),
        ("octubre", "oct", "october", "outubro", "out"),
        ("noviembre", "nov", "november", "novembro"),
        ("diciembre", "dic", "december", "dec", "dezembro", "dez"),
    ),
    start=1,
):
    for _n in _names:
        _MONTHS[_n] = _num

_WEEKDAYS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        ("lunes", "monday", "mon", "segunda", "segunda-feira"),
        ("martes", "tuesday", "tue", "tues", "terca", "terca-feira"),
        ("miercoles", "wednesday", "wed", "quarta", "quarta-feira"),
        ("jueves", "thursday", "thu", "thur", "thurs", "quinta", "quinta-feira"),
        ("viernes", "friday", "fri", "sexta", "sexta-feira"),
        ("sabado", "saturday", "sab"),
        ("domingo", "sunday"),
    )
):
    for _n in _names:
        _WEEKDAYS[_n] = _num


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH = rf"(?P<mon>{_alt(list(_MONTHS))})\.?"
_ORD = r"(?:st|nd|rd|th|ro|ero|do|to|vo|mo|no|er|o|a|º|ª|°)?"
_DAY = rf"(?P<day>[0-3]?\d){_ORD}"
_B = r"(?<![\w/])"
_E = r"(?![\w/])"
_YEAR = r"(?:,?\s+(?:de\s+|del\s+)?(?P<year>20\d\d))?"

_RELATIVE = re.compile(
    _B + r"(?P<rel>pasado\s+manana|day\s+after\s+tomorrow|depois\s+de\s+amanha|hoy|today|hoje|hj|"
    r"manana|mnn|tomorrow|tmrw|tmr|amanha)" + _E
)
_NOT_TOMORROW = re.compile(r"(?:la|por\s+la|en\s+la|de\s+la|esta)\s+$")
_OFFSET = re.compile(
    _B + r"(?:en|in|daqui\s+a|daqui|em|within|dentro\s+de)\s+(?P<n>\d+|un|una|uma|um|a|one|dos|"
    r"two|dois|duas|tres|three|cuatro|four|quatro|cinco|five)\s+"
    r"(?P<unit>dias|days|day|dia|semanas|semana|weeks|week)" + _E
)
_NUMWORD = {
    "un": 1,
    "una": 1,
    "uma": 1,
    "um": 1,
    "a": 1,
    "one": 1,
    "dos": 2,
    "two": 2,
    "dois": 2,
    "duas": 2,
    "tres": 3,
    "three": 3,
    "cuatro": 4,
    "four": 4,
    "quatro": 4,
    "cinco": 5,
    "five": 5,
}
_DAY_MONTH = re.compile(_B + _DAY + r"(?:\s+(?:de|of|del))?\s+" + _MONTH + _YEAR + _E)
_MONTH_DAY = re.compile(_B + _MONTH + r"\s+(?:the\s+)?" + _DAY + _YEAR + _E)
_NUMERIC = re.compile(r"(?<![\w/.,])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{2}|\d{4}))?(?![\w/])")
_WEEKDAY = re.compile(
    _B + rf"(?P<wd>{_alt(list(_WEEKDAYS))})\.?(?:\s+(?:que\s+viene|que\s+vem))?"
    rf"(?:\s+(?:(?:el|dia|the)\s+)?(?P<wday>[0-3]?\d){_ORD})?" + _E
)
_DAY_ALONE = re.compile(
    _B + r"(?:(?:el|los|o|a|no|on|by|due|vence|vencem|vencen|until|till)\s+)?"
    r"(?:(?:dia|the)\s+)" + _DAY + _E + r"|" + _B + r"(?:el|los|by|on|due|until)\s+"
    r"(?P<day2>[0-3]?\d)" + _ORD + _E
)
_END_OF_MONTH = re.compile(
    _B + r"(?:fin\s+de(?:l)?\s+mes|final\s+de(?:l)?\s+mes|end\s+of\s+(?:the\s+)?month|"
    r"fim\s+do\s+mes|final\s+do\s+mes|eom)" + _E
)
_NEXT_WEEK = re.compile(
    _B + r"(?:la\s+semana\s+que\s+viene|la\s+proxima\s+semana|proxima\s+semana|next\s+week|"
    r"semana\s+que\s+vem)" + _E
)
_WEEKEND = re.compile(
    _B + r"(?:this\s+weekend|the\s+weekend|el\s+fin\s+de\s+semana|fin\s+de\s+semana|"
    r"(?:no\s+)?fim\s+de\s+semana|weekend|finde)" + _E
)


_PART_OF_DAY = (
    r"(?:\s+(?:de\s+la\s+(?:tarde|manana|noche|madrugada)|da\s+(?:tarde|manha|noite|madrugada)"
    r"|in\s+the\s+(?:morning|afternoon|evening)|at\s+night))?"
)
_TIME = re.compile(
    r"(?<![\w/.,])(?:"
    r"(?:(?:a\s+las?|as|pelas?|at|@|ate\s+as|hasta\s+las)\s+)?"
    r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)" + _PART_OF_DAY + r"|"
    r"(?:(?:a\s+las?|as|pelas?|at|@|ate\s+as|hasta\s+las)\s+)?\d{1,2}:\d\d" + _PART_OF_DAY + r"|"
    r"(?:(?:a\s+las?|as|pelas?|at|@|ate\s+as)\s+)?\d{1,2}h(?:\d\d)?s?(?![\w])" + _PART_OF_DAY + r"|"
    r"(?:a\s+las?|as|pelas?|at|@|ate\s+as|hasta\s+las)\s+\d{1,2}(?![\w/.,:])" + _PART_OF_DAY + r"|"
    r"\d{1,2}\s+(?:de\s+la\s+(?:tarde|manana|noche|madrugada)|da\s+(?:tarde|manha|noite)"
    r"|in\s+the\s+(?:morning|afternoon|evening))"
    r")(?![\w])"
)


def _month_day(now: date, month: int, day: int, year: int | None) -> date | None:
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    for y in (now.year, now.year + 1, now.year + 2, now.year + 3, now.year + 4):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d >= now:
            return d
    return None


def _day_of_month(now: date, day: int) -> date | None:
    if not 1 <= day <= 31:
        return None
    y, m = now.year, now.month
    if day < now.day:
        m += 1
        if m == 13:
            y, m = y + 1, 1
    for _ in range(12):
        if day <= calendar.monthrange(y, m)[1]:
            return date(y, m, day)
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return None


def _next_weekday(now: date, wd: int) -> date:
    delta = (wd - now.weekday()) % 7 or 7
    return now + timedelta(days=delta)


def own_grammar(text: str, lang: str, now: datetime, tz: str) -> list[DueMatch]:
    f = _fold(text)
    today = now.date()
    found: list[DueMatch] = []

    def add(start: int, end: int, value: date | None, allow_none: bool = False) -> None:
        if value is None and not allow_none:
            return
        if any(m.start < end and start < m.end for m in found):
            return
        found.append(DueMatch(start, end, value))

    for m in _RELATIVE.finditer(f):
        rel = m.group("rel")
        if rel in ("manana", "mnn") and _NOT_TOMORROW.search(f, 0, m.start()):
            continue
        days = 0 if rel in ("hoy", "today", "hoje", "hj") else 1
        if " " in rel:
            days = 2
        add(m.start(), m.end(), today + timedelta(days=days))
    for m in _OFFSET.finditer(f):
        n_raw = m.group("n")
        n = int(n_raw) if n_raw.isdigit() else _NUMWORD.get(n_raw, 1)
        mult = 7 if m.group("unit").startswith(("sem", "week")) else 1
        add(m.start(), m.end(), today + timedelta(days=n * mult))
    for m in _END_OF_MONTH.finditer(f):
        last = calendar.monthrange(today.year, today.month)[1]
        add(m.start(), m.end(), today.replace(day=last))
    for m in _NEXT_WEEK.finditer(f):
        add(m.start(), m.end(), today + timedelta(days=7 - today.weekday()))
    for m in _WEEKEND.finditer(f):
        add(m.start(), m.end(), _next_weekday(today, 5))
    for rx in (_DAY_MONTH, _MONTH_DAY):
        for m in rx.finditer(f):
            year = int(m.group("year")) if m.group("year") else None
            add(
                m.start(),
                m.end(),
                _month_day(today, _MONTHS[m.group("mon")], int(m.group("day")), year),
            )
    month_first = lang == "en" and tz.startswith("America/")
    for m in _NUMERIC.finditer(f):
        a, b = int(m.group("a")), int(m.group("b"))
        day, month = (b, a) if month_first else (a, b)
        if a > 12:
            day, month = a, b
        y_raw = m.group("y")
        year = None if y_raw is None else (int(y_raw) + 2000 if len(y_raw) == 2 else int(y_raw))
        if 1 <= month <= 12:
            add(m.start(), m.end(), _month_day(today, month, day, year))
    for m in _WEEKDAY.finditer(f):
        if m.group("wday"):
            add(m.start(), m.end(), _day_of_month(today, int(m.group("wday"))))
        else:
            add(m.start(), m.end(), _next_weekday(today, _WEEKDAYS[m.group("wd")]))
    for m in _DAY_ALONE.finditer(f):
        raw = m.group("day") or m.group("day2")
        add(m.start(), m.end(), _day_of_month(today, int(raw)))
    # Clock times: a bill's due is a date, but the figures in a time are never amounts.
    for m in _TIME.finditer(f):
        add(m.start(), m.end(), None, allow_none=True)
    found.sort(key=lambda d: d.start)
    return found


class _SharedMatch(Protocol):
    """What `reactiond.nlp.dates.find_dates` returns (the shared date grammar)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def kind(self) -> str: ...

    @property
    def value(self) -> object: ...


_SharedFinder = Callable[[str, Any, datetime, str], Sequence[_SharedMatch]]


def _load_shared() -> _SharedFinder | None:
    try:
        module = importlib.import_module("reactiond.nlp.dates")
    except ImportError:
        return None
    finder = getattr(module, "find_dates", None)
    return cast(_SharedFinder, finder) if callable(finder) else None


_SHARED = _load_shared()


def _from_shared(
    finder: _SharedFinder, text: str, lang: str, now: datetime, tz: str
) -> list[DueMatch]:
    out: list[DueMatch] = []
    for m in finder(text, lang, now, tz):
        value = m.value
        if isinstance(value, datetime):
            value = value.date()
        out.append(DueMatch(m.start, m.end, value if isinstance(value, date) else None))
    return out


def find_due_dates(text: str, lang: str, now: datetime, tz: str) -> list[DueMatch]:
    """Temporal phrases in `text` with their spans, in text order. `value` is the date a phrase
    names (times dropped); None for a phrase without a date (a clock time, a duration)."""
    if _SHARED is not None:
        return _from_shared(_SHARED, text, lang, now, tz)
    return own_grammar(text, lang, now, tz)
