"""Dates, times, durations and recurrence: a grammar of our own over the per-language lexicons.

Two steps, both pure:

1. `scan(text, lang, month_first)` finds temporal phrases in the *folded* text (see
   `text.fold`) and returns `Token`s with their character spans, unresolved ("next Friday",
   "5 pm", "every Monday"). Overlapping candidates are settled longest-first, so "a las 5 de
   la tarde" wins over "a las 5", and "por la mañana" over "mañana".
2. `resolve(tokens, now)` applies the guidelines' resolution rules (§4, §5, §7) against the
   message's local wall-clock `now` and returns a `When`.

`find_dates` is the public entry point for other parsers (the bill parser): spans plus
resolved values, one per phrase.
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal

from reactiond.nlp.lexicon import LEXICONS, Lexicon
from reactiond.nlp.result import Language
from reactiond.nlp.text import alternation, fold

# ------------------------------------------------------------------------------- token model


@dataclass(frozen=True)
class RelDays:
    days: int


@dataclass(frozen=True)
class OffsetMonths:
    months: int


@dataclass(frozen=True)
class Weekday:
    weekday: int


@dataclass(frozen=True)
class MonthDay:
    month: int
    day: int
    year: int | None = None


@dataclass(frozen=True)
class DayOfMonth:
    day: int


@dataclass(frozen=True)
class Period:
    name: Literal["end_of_month", "next_week", "weekend"]


DateSpec = RelDays | OffsetMonths | Weekday | MonthDay | DayOfMonth | Period


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    explicit: bool  # 24-hour, "h" form, am/pm or a part of day: the bare-hour rule is off
    meridiem: Literal["am", "pm"] | None = None


@dataclass(frozen=True)
class Recurrence:
    freq: Literal["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
    interval: int = 1
    byday: tuple[int, ...] = ()
    nth: int | None = None  # with one weekday: "first Monday" -> BYDAY=1MO
    bymonthday: int | None = None
    adjective: bool = False  # "weekly sync": recurring, but the word stays in the title

    def rrule(self) -> str:
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.byday:
            codes = [_DAY_CODES[d] for d in sorted(set(self.byday))]
            if self.nth is not None and len(codes) == 1:
                codes = [f"{self.nth}{codes[0]}"]
            parts.append("BYDAY=" + ",".join(codes))
        if self.bymonthday is not None:
            parts.append(f"BYMONTHDAY={self.bymonthday}")
        return ";".join(parts)


_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

TokenKind = Literal["date", "time", "part", "duration", "moment", "recurrence"]


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    kind: TokenKind
    date: DateSpec | None = None
    clock: Clock | None = None
    end_clock: Clock | None = None
    part: int | None = None  # hour a part of day stands for (morning 9, evening 20)
    minutes: int | None = None  # a duration, or for "moment" minutes from now
    recurrence: Recurrence | None = None
    anchored: bool = False  # only valid right after another temporal phrase


@dataclass(frozen=True)
class When:
    """What the temporal phrases of one message resolve to."""

    value: date | datetime | None = None
    duration_minutes: int | None = None
    recurrence: str | None = None
    spans: tuple[tuple[int, int], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DateMatch:
    """One temporal phrase: `text[start:end]`, its kind and its value resolved against now.

    kind: "date" (value a date), "datetime" (value a datetime: a date with a time, or "in 20
    minutes"), "time" (value a `datetime.time`), "part" (value the hour, e.g. 20 for "tonight"
    without a date), "duration" (value minutes), "recurrence" (value the next occurrence as a
    date, `rrule` set).
    """

    start: int
    end: int
    kind: Literal["date", "datetime", "time", "part", "duration", "recurrence"]
    value: date | datetime | time | int | None
    rrule: str | None = None


# ------------------------------------------------------------------------------- grammar

_B = r"(?<![\w@#$€£₹])"  # a phrase starts at a word boundary (and not inside a tag or amount)
_E = r"(?![\w])"
_ORD = r"(?:st|nd|rd|th|ro|er|ero|do|to|vo|mo|no|º|°|ª|o|a)?"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])" + _ORD
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TZ = r"(?:\s+(?:ist|est|edt|et|pst|pdt|cst|cdt|ct|mst|mdt|gmt|bst|cet|cest|brt|brst|utc|cdmx))?"
# A number is a day, not an hour, unless it carries a time marker.
_NOT_TIME = r"(?!\s*(?::\d|h\d|h\b|hs\b|hrs?\b|[ap]\.?m\b|%|k\b|mil\b))"

Handler = Callable[[re.Match[str], "Context"], Token | None]


@dataclass(frozen=True)
class Context:
    lex: Lexicon
    month_first: bool


def _atom(p: str, numbers: str) -> str:
    """An hour with optional minutes, "h" form and am/pm; named groups prefixed with `p`."""
    return (
        rf"(?:(?<![\d/.,:])(?P<{p}h>2[0-3]|[01]?\d)(?![\d/]|[.,]\d)|(?P<{p}w>{numbers}))"
        rf"(?::(?P<{p}m>[0-5]\d))?"
        rf"(?:\s?(?P<{p}hf>h|hs|hrs|hr)(?P<{p}hm>[0-5]\d)?(?:min)?)?"
        rf"(?:\s?(?P<{p}ap>[ap])\.?\s?m\b\.?)?"
    )


def _clock_from(m: re.Match[str], p: str, ctx: Context) -> Clock | None:
    raw_h = m.group(p + "h")
    if raw_h is not None:
        hour = int(raw_h)
    else:
        word = m.group(p + "w")
        if word is None:
            return None
        hour = ctx.lex.numbers.get(" ".join(word.split()), -1)
        if not 0 <= hour <= 12:
            return None
    minute_s = m.group(p + "m") or m.group(p + "hm")
    minute = int(minute_s) if minute_s else 0
    ap = m.group(p + "ap")
    meridiem: Literal["am", "pm"] | None = None
    if ap:
        if hour > 12 or hour == 0:
            return None
        meridiem = "pm" if ap == "p" else "am"
    explicit = bool(
        ap or m.group(p + "hf") or hour >= 13 or hour == 0 or (raw_h and raw_h.startswith("0"))
    )
    return Clock(hour, minute, explicit, meridiem)


def _apply_meridiem(c: Clock, meridiem: Literal["am", "pm"] | None) -> Clock:
    if meridiem is None or c.meridiem is not None or c.hour > 12:
        return c
    return Clock(c.hour, c.minute, True, meridiem)


def clock_time(c: Clock, part_hour: int | None = None) -> time:
    """The wall-clock time a clock stands for: am/pm, a part of day, or the bare-hour rule."""
    hour = c.hour
    if c.meridiem == "pm" and hour < 12:
        hour += 12
    elif c.meridiem == "am" and hour == 12:
        hour = 0
    elif c.meridiem is None and not c.explicit:
        evening = part_hour is not None and part_hour >= 12 and hour < 12
        if evening or (part_hour is None and 1 <= hour <= 7):
            hour += 12
    return time(hour % 24, c.minute)


class Grammar:
    """The compiled rules of one language (built once per language at import)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        wd = alternation(lex.weekdays)
        mon = alternation(lex.months) + r"\.?"
        nums = alternation(w for w in lex.numbers if " " not in w)
        day_pre = alternation(lex.day_pre)
        of = alternation(lex.of_words)
        intro = alternation(lex.time_intro)
        pod_sfx = alternation(lex.pod_suffix)
        every = alternation(lex.every)
        and_w = alternation(w for w in lex.and_words if w != ",")
        arts = alternation(lex.articles)
        wd_list = rf"{wd}(?:-feiras?)?(?:\s*(?:,|{and_w})\s*(?:{arts}\s+)?{wd}(?:-feiras?)?)*"
        units = alternation(lex.units)
        a_unit = alternation(lex.a_unit)
        count = rf"(?P<n>\d{{1,3}}|{alternation(lex.numbers)}|{a_unit})"
        half = alternation(lex.half_past) if lex.half_past else "(?!x)x"
        qpast = alternation(lex.quarter_past) if lex.quarter_past else "(?!x)x"
        qto = alternation(lex.quarter_to) if lex.quarter_to else "(?!x)x"
        frac = rf"(?:\s+(?P<half>{half})|\s+(?P<qpast>{qpast})|\s+(?P<qto>{qto}))?"
        pod_tail = rf"(?:\s+(?P<pod>{pod_sfx}))?"
        self.rules: list[tuple[re.Pattern[str], Handler]] = []

        def add(pattern: str, handler: Handler) -> None:
            self.rules.append((re.compile(pattern), handler))

        # --- recurrence (longest phrases first; the selection is longest-wins anyway)
        add(
            rf"{_B}(?:{every}\s+(?:{alternation(lex.articles)}\s+)?)?(?P<nth>{alternation(lex.nth)})\s+"
            rf"(?P<wd>{wd})(?:-feira)?\s+(?:{alternation(lex.of_every_month)}|{alternation(lex.monthly)}){_E}",
            _nth_weekday,
        )
        add(
            rf"{_B}(?P<other>{alternation(lex.every_other)})\s+(?P<wds>{wd_list}){_E}",
            _every_weekdays,
        )
        add(rf"{_B}(?P<every>{every})\s+(?P<wds>{wd_list}){_E}", _every_weekdays)
        add(
            rf"{_B}(?:{every}|{alternation(lex.every_other)})\s+{count}\s*(?P<unit>{units}){_E}",
            _every_n_units,
        )
        add(rf"{_B}(?:{alternation(lex.every_other)})\s+(?P<unit>{units}){_E}", _every_other_unit)
        add(
            rf"{_B}(?:{alternation(lex.monthly)}|{every})\s*,?\s+(?:{day_pre}\s+)?{_DAY}{_NOT_TIME}{_E}",
            _monthly_day,
        )
        add(
            rf"{_B}(?:{day_pre}\s+)?{_DAY}\s+{alternation(lex.of_every_month)}{_E}",
            _monthly_day,
        )
        add(rf"{_B}(?:{every}\s+)?{alternation(lex.workdays)}{_E}", _workdays)
        add(rf"{_B}{alternation(lex.daily)}{_E}", _fixed_rec(Recurrence("DAILY")))
        add(rf"{_B}{alternation(lex.weekly)}{_E}", _fixed_rec(Recurrence("WEEKLY")))
        add(rf"{_B}{alternation(lex.monthly)}{_E}", _fixed_rec(Recurrence("MONTHLY")))
        add(rf"{_B}{alternation(lex.yearly)}{_E}", _fixed_rec(Recurrence("YEARLY")))
        add(rf"{_B}(?P<adj>{alternation(lex.adjective_recurrence)}){_E}", _adjective_rec)

        # --- dates
        wd_pre = alternation(lex.weekday_pre)
        wd_post = alternation(lex.weekday_post) if lex.weekday_post else "(?!x)x"
        add(
            rf"{_B}(?:{day_pre}\s+)?{_DAY}\s*(?:{of}\s+)?(?P<mon>{mon})(?:\s*(?:{of}|,)?\s*{_YEAR})?{_E}",
            _day_month,
        )
        add(
            rf"{_B}(?:{of}\s+)?(?P<mon>{mon})\s+(?:{day_pre}\s+)?{_DAY}(?:\s*,?\s*{_YEAR})?{_NOT_TIME}{_E}",
            _day_month,
        )
        add(
            rf"{_B}(?:(?:{wd_pre})\s+)*(?P<wd>{wd})(?:-feira)?\s*,?\s+(?:{day_pre}\s+)?{_DAY}"
            rf"(?:\s*(?:{of}\s+)?(?P<mon>{mon})(?:\s*(?:{of}|,)?\s*{_YEAR})?)?{_NOT_TIME}{_E}",
            _weekday_with_day,
        )
        add(
            rf"(?<![\d/.,])(?:{day_pre}\s+)?(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?:/(?P<y>\d{{4}}|\d\d))?(?![\d/])",
            _numeric_date,
        )
        add(
            rf"{_B}(?:(?:{wd_pre})\s+)*(?P<wd>{wd})(?:-feira)?(?:\s+{wd_post})?{_E}",
            _weekday,
        )
        add(rf"{_B}{day_pre}\s+{_DAY}{_NOT_TIME}(?![/.,]\d){_E}", _day_alone)
        add(rf"{_B}(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|ro|er|º|ª){_E}", _day_alone)
        rel = alternation(lex.relative_days)
        add(rf"{_B}(?<!\bla\s)(?<!\bde\s)(?<!\bda\s)(?<!\besta\s)(?P<rel>{rel}){_E}", _relative)
        intro_off = alternation(lex.offset_intro)
        add(rf"{_B}{intro_off}\s+{count}\s*(?P<unit>{units}){_E}", _offset)
        add(
            rf"{_B}{intro_off}\s+(?P<phrase>{alternation(lex.duration_phrases)}){_E}",
            _offset_phrase,
        )
        add(rf"{_B}(?:{wd_pre}\s+)?{alternation(lex.end_of_month)}{_E}", _period("end_of_month"))
        add(rf"{_B}{alternation(lex.next_week)}{_E}", _period("next_week"))
        add(rf"{_B}(?:{wd_pre}\s+)?{alternation(lex.weekend)}{_E}", _period("weekend"))

        # --- parts of day
        add(rf"{_B}(?P<pod>{alternation(lex.pod_today)}){_E}", _pod_today)
        add(rf"{_B}(?P<pod>{alternation(lex.pod_alone)}){_E}", _pod_alone)
        if lex.pod_after_date:
            add(rf"{_B}(?P<pod>{alternation(lex.pod_after_date)}){_E}", _pod_after_date)
        if lex.clock_prefix:
            add(
                rf"{_B}(?:{intro}\s+)?(?P<pre>{alternation(lex.clock_prefix)})\s+"
                rf"(?P<ah>1[0-2]|0?[1-9]|{nums}){pod_tail}{_E}",
                _clock_prefix,
            )

        # --- times
        a = _atom("a", nums)
        b = _atom("b", nums)
        add(
            rf"{_B}(?:(?P<from>{alternation(lex.range_from)})\s+)?{a}\s*"
            rf"(?:(?P<dash>-|–|—)|\s(?P<to>{alternation(w for w in lex.range_to if w != '-')})\s)"
            rf"\s*(?:{intro}\s+)?{b}{pod_tail}{_TZ}(?![\w:])",
            _range,
        )
        add(rf"{_B}(?P<intro>{intro})\s+{a}{frac}{pod_tail}{_TZ}(?![\w:])", _clock)
        add(
            rf"{_B}(?=\d{{1,2}}(?::\d\d|\s?h|\s?[ap]\.?\s?m\b))(?<![\d.,:/]){a}{frac}{pod_tail}{_TZ}(?![\w:])",
            _clock,
        )
        add(
            rf"{_B}(?<![\d.,:/])(?P<ah>2[0-3]|[01]?\d){frac}\s+(?P<pod>{pod_sfx}){_TZ}{_E}",
            _clock_pod,
        )
        add(rf"{_B}(?:(?:{intro}|ao|al)\s+)?(?P<noon>{alternation(lex.noon)}){_E}", _noon(12))
        add(rf"{_B}(?:(?:{intro}|a)\s+)?(?P<noon>{alternation(lex.midnight)}){_E}", _noon(0))

        # --- durations
        dur_intro = alternation(lex.duration_intro)
        add(
            rf"{_B}(?:{dur_intro}\s+)?(?P<n>\d{{1,3}}(?:[.,]\d)?|{alternation(lex.numbers)}|{a_unit})\s*"
            rf"(?P<unit>{alternation(k for k, v in lex.units.items() if v in ('hour', 'minute'))})"
            rf"(?:\s*(?P<m>\d{{1,2}})\s*(?:min|mins|minutes|minutos)?)?{_E}",
            _duration,
        )
        add(
            rf"(?:,\s*|{_B}{dur_intro}\s+)(?P<h>\d)\s?h(?:(?P<m>[0-5]\d)(?:min)?)?{_E}",
            _duration_h,
        )
        add(
            rf"{_B}(?:{dur_intro}\s+)?(?P<phrase>{alternation(lex.duration_phrases)}){_E}",
            _duration_phrase,
        )

    def scan(self, folded: str, month_first: bool) -> list[Token]:
        ctx = Context(self.lex, month_first)
        found: list[tuple[int, int, Token]] = []
        for order, (pattern, handler) in enumerate(self.rules):
            for m in pattern.finditer(folded):
                tok = handler(m, ctx)
                if tok is not None:
                    found.append((-(tok.end - tok.start), order, tok))
        found.sort(key=lambda x: (x[0], x[1], x[2].start))
        taken: list[Token] = []
        for _, _, tok in found:
            if all(tok.end <= t.start or tok.start >= t.end for t in taken):
                taken.append(tok)
        taken.sort(key=lambda t: t.start)
        kept: list[Token] = []
        for tok in taken:
            if tok.anchored and not (kept and not folded[kept[-1].end : tok.start].strip()):
                continue
            kept.append(tok)
        return kept


# ------------------------------------------------------------------------------- handlers


def _wd_index(ctx: Context, word: str) -> int | None:
    w = " ".join(word.split())
    w = re.sub(r"-feiras?$", "", w)
    return ctx.lex.weekdays.get(w)


def _count(ctx: Context, raw: str | None) -> int | None:
    if raw is None:
        return 1
    raw = " ".join(raw.split())
    if raw.isdigit():
        return int(raw)
    if raw in ctx.lex.a_unit:
        return 1
    return ctx.lex.numbers.get(raw)


def _nth_weekday(m: re.Match[str], ctx: Context) -> Token | None:
    nth = ctx.lex.nth.get(m.group("nth"))
    wd = _wd_index(ctx, m.group("wd"))
    if nth is None or wd is None:
        return None
    return Token(
        m.start(), m.end(), "recurrence", recurrence=Recurrence("MONTHLY", byday=(wd,), nth=nth)
    )


def _weekday_list(ctx: Context, text: str) -> tuple[int, ...]:
    days: list[int] = []
    for word in re.findall(r"[a-z]+(?:-feiras?)?(?:\s+feira)?", text):
        d = _wd_index(ctx, word)
        if d is not None and d not in days:
            days.append(d)
    return tuple(days)


def _every_weekdays(m: re.Match[str], ctx: Context) -> Token | None:
    days = _weekday_list(ctx, m.group("wds"))
    if not days:
        return None
    interval = 2 if m.groupdict().get("other") else 1
    return Token(m.start(), m.end(), "recurrence", recurrence=Recurrence("WEEKLY", interval, days))


_FREQ: dict[str, Literal["DAILY", "WEEKLY", "MONTHLY"]] = {
    "day": "DAILY",
    "week": "WEEKLY",
    "month": "MONTHLY",
}


def _every_n_units(m: re.Match[str], ctx: Context) -> Token | None:
    unit = ctx.lex.units.get(" ".join(m.group("unit").split()))
    n = _count(ctx, m.group("n"))
    if unit not in _FREQ or n is None or n < 1:
        return None
    return Token(m.start(), m.end(), "recurrence", recurrence=Recurrence(_FREQ[unit], n))


def _every_other_unit(m: re.Match[str], ctx: Context) -> Token | None:
    unit = ctx.lex.units.get(" ".join(m.group("unit").split()))
    if unit not in _FREQ:
        return None
    return Token(m.start(), m.end(), "recurrence", recurrence=Recurrence(_FREQ[unit], 2))


def _monthly_day(m: re.Match[str], ctx: Context) -> Token | None:
    day = int(m.group("day"))
    return Token(m.start(), m.end(), "recurrence", recurrence=Recurrence("MONTHLY", bymonthday=day))


def _workdays(m: re.Match[str], ctx: Context) -> Token | None:
    rec = Recurrence("WEEKLY", byday=(0, 1, 2, 3, 4))
    return Token(m.start(), m.end(), "recurrence", recurrence=rec)


def _fixed_rec(rec: Recurrence) -> Handler:
    def handler(m: re.Match[str], ctx: Context) -> Token | None:
        return Token(m.start(), m.end(), "recurrence", recurrence=rec)

    return handler


def _adjective_rec(m: re.Match[str], ctx: Context) -> Token | None:
    word = m.group("adj")
    freq: Literal["DAILY", "WEEKLY", "MONTHLY"] = (
        "DAILY"
        if word.startswith(("dai", "diar"))
        else "MONTHLY"
        if word.startswith("mens") or word.startswith("month")
        else "WEEKLY"
    )
    interval = 2 if word.startswith(("biw", "quin")) else 1
    rec = Recurrence(freq, interval, adjective=True)
    return Token(m.start(), m.end(), "recurrence", recurrence=rec)


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    y = int(raw)
    return y + 2000 if y < 100 else y


def _day_month(m: re.Match[str], ctx: Context) -> Token | None:
    mon = ctx.lex.months.get(m.group("mon").rstrip("."))
    if mon is None:
        return None
    spec = MonthDay(mon, int(m.group("day")), _year(m.group("year")))
    return Token(m.start(), m.end(), "date", date=spec)


def _weekday_with_day(m: re.Match[str], ctx: Context) -> Token | None:
    day = int(m.group("day"))
    if m.group("mon"):
        mon = ctx.lex.months.get(m.group("mon").rstrip("."))
        if mon is None:
            return None
        spec: DateSpec = MonthDay(mon, day, _year(m.group("year")))
    else:
        spec = DayOfMonth(day)
    return Token(m.start(), m.end(), "date", date=spec)


def _numeric_date(m: re.Match[str], ctx: Context) -> Token | None:
    a, b = int(m.group("a")), int(m.group("b"))
    # Guidelines §4.6: day-first unless English in the Americas; a first number > 12 is a day.
    day, month = (b, a) if ctx.month_first and a <= 12 else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Token(m.start(), m.end(), "date", date=MonthDay(month, day, _year(m.group("y"))))


def _weekday(m: re.Match[str], ctx: Context) -> Token | None:
    wd = _wd_index(ctx, m.group("wd"))
    if wd is None:
        return None
    return Token(m.start(), m.end(), "date", date=Weekday(wd))


def _day_alone(m: re.Match[str], ctx: Context) -> Token | None:
    return Token(m.start(), m.end(), "date", date=DayOfMonth(int(m.group("day"))))


def _relative(m: re.Match[str], ctx: Context) -> Token | None:
    days = ctx.lex.relative_days.get(" ".join(m.group("rel").split()))
    if days is None:
        return None
    return Token(m.start(), m.end(), "date", date=RelDays(days))


def _offset(m: re.Match[str], ctx: Context) -> Token | None:
    unit = ctx.lex.units.get(" ".join(m.group("unit").split()))
    n = _count(ctx, m.group("n"))
    if unit is None or n is None:
        return None
    if unit == "day":
        return Token(m.start(), m.end(), "date", date=RelDays(n))
    if unit == "week":
        return Token(m.start(), m.end(), "date", date=RelDays(7 * n))
    if unit == "month":
        return Token(m.start(), m.end(), "date", date=OffsetMonths(n))
    minutes = n * 60 if unit == "hour" else n
    return Token(m.start(), m.end(), "moment", minutes=minutes)


def _offset_phrase(m: re.Match[str], ctx: Context) -> Token | None:
    minutes = ctx.lex.duration_phrases.get(" ".join(m.group("phrase").split()))
    if minutes is None:
        return None
    return Token(m.start(), m.end(), "moment", minutes=minutes)


def _period(name: Literal["end_of_month", "next_week", "weekend"]) -> Handler:
    def handler(m: re.Match[str], ctx: Context) -> Token | None:
        return Token(m.start(), m.end(), "date", date=Period(name))

    return handler


def _pod_today(m: re.Match[str], ctx: Context) -> Token | None:
    hour = ctx.lex.pod_today.get(" ".join(m.group("pod").split()))
    return Token(m.start(), m.end(), "date", date=RelDays(0), part=hour)


def _pod_alone(m: re.Match[str], ctx: Context) -> Token | None:
    hour = ctx.lex.pod_alone.get(" ".join(m.group("pod").split()))
    return Token(m.start(), m.end(), "part", part=hour)


def _pod_after_date(m: re.Match[str], ctx: Context) -> Token | None:
    hour = ctx.lex.pod_after_date.get(m.group("pod"))
    return Token(m.start(), m.end(), "part", part=hour, anchored=True)


def _clock_prefix(m: re.Match[str], ctx: Context) -> Token | None:
    raw = m.group("ah")
    hour = int(raw) if raw.isdigit() else ctx.lex.numbers.get(raw, -1)
    offset = ctx.lex.clock_prefix.get(" ".join(m.group("pre").split()))
    if not 1 <= hour <= 12 or offset is None:
        return None
    if offset < 0:
        hour, minute = (hour - 2) % 12 + 1, 60 + offset
    else:
        minute = offset
    c = _apply_meridiem(Clock(hour, minute, False), _pod_meridiem(m, ctx))
    return Token(m.start(), m.end(), "time", clock=c)


def _pod_meridiem(m: re.Match[str], ctx: Context) -> Literal["am", "pm"] | None:
    pod = m.groupdict().get("pod")
    if not pod:
        return None
    return "pm" if ctx.lex.pod_suffix.get(" ".join(pod.split())) == "pm" else "am"


def _adjust_fraction(c: Clock, m: re.Match[str]) -> Clock | None:
    g = m.groupdict()
    if g.get("half"):
        return Clock(c.hour, 30, c.explicit, c.meridiem) if c.minute == 0 else None
    if g.get("qpast"):
        return Clock(c.hour, 15, c.explicit, c.meridiem) if c.minute == 0 else None
    if g.get("qto"):
        return Clock((c.hour - 1) % 24, 45, c.explicit, c.meridiem) if c.minute == 0 else None
    return c


def _clock(m: re.Match[str], ctx: Context) -> Token | None:
    c = _clock_from(m, "a", ctx)
    if c is None:
        return None
    c = _adjust_fraction(c, m)
    if c is None:
        return None
    c = _apply_meridiem(c, _pod_meridiem(m, ctx))
    return Token(m.start(), m.end(), "time", clock=c)


def _clock_pod(m: re.Match[str], ctx: Context) -> Token | None:
    hour = int(m.group("ah"))
    c = _adjust_fraction(Clock(hour, 0, hour >= 13), m)
    if c is None:
        return None
    c = _apply_meridiem(c, _pod_meridiem(m, ctx))
    return Token(m.start(), m.end(), "time", clock=c)


def _range(m: re.Match[str], ctx: Context) -> Token | None:
    a = _clock_from(m, "a", ctx)
    b = _clock_from(m, "b", ctx)
    if a is None or b is None:
        return None
    marked = a.explicit or b.explicit or a.minute or b.minute or m.group("am") or m.group("bm")
    if not m.group("from") and (not marked or not m.group("dash")):
        return None  # "10-20", "dia 4 às 9h": without "de/from/das" only "2-4pm" is a range
    b = _apply_meridiem(b, _pod_meridiem(m, ctx))
    if b.meridiem is not None and a.meridiem is None:
        shifted = _apply_meridiem(a, b.meridiem)
        if clock_time(shifted) <= clock_time(b):
            a = shifted
    return Token(m.start(), m.end(), "time", clock=a, end_clock=b)


def _noon(hour: int) -> Handler:
    def handler(m: re.Match[str], ctx: Context) -> Token | None:
        minute = 30 if m.group("noon").endswith("meia") else 0
        return Token(m.start(), m.end(), "time", clock=Clock(hour, minute, True))

    return handler


def _duration(m: re.Match[str], ctx: Context) -> Token | None:
    unit = ctx.lex.units.get(" ".join(m.group("unit").split()))
    raw = " ".join(m.group("n").split())
    if raw[:1].isdigit():
        n = float(raw.replace(",", "."))
    else:
        c = _count(ctx, raw)
        if c is None:
            return None
        n = float(c)
    minutes = n * 60 if unit == "hour" else n
    if m.group("m"):
        minutes += int(m.group("m"))
    if minutes <= 0:
        return None
    return Token(m.start(), m.end(), "duration", minutes=round(minutes))


def _duration_h(m: re.Match[str], ctx: Context) -> Token | None:
    # The span keeps the leading comma so it outweighs the "10h"-style time reading.
    minutes = int(m.group("h")) * 60 + int(m.group("m") or 0)
    return Token(m.start(), m.end(), "duration", minutes=minutes) if minutes else None


def _duration_phrase(m: re.Match[str], ctx: Context) -> Token | None:
    minutes = ctx.lex.duration_phrases.get(" ".join(m.group("phrase").split()))
    return Token(m.start(), m.end(), "duration", minutes=minutes) if minutes else None


GRAMMARS: dict[Language, Grammar] = {code: Grammar(lex) for code, lex in LEXICONS.items()}


def month_first(lang: Language, tz: str) -> bool:
    """Guidelines §4.6: numeric dates are month-first only for English in the Americas."""
    return lang == "en" and tz.startswith("America/")


def scan(text: str, lang: Language, tz: str) -> list[Token]:
    """Temporal tokens of `text` (spans index the original text, folding keeps offsets)."""
    return GRAMMARS[lang].scan(fold(text), month_first(lang, tz))


# ------------------------------------------------------------------------------- resolution


def _add_months(d: date, months: int) -> date:
    y, m0 = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m0 + 1
    return date(year, month, min(d.day, _calendar.monthrange(year, month)[1]))


def _month_day_on_or_after(today: date, month: int, day: int, year: int | None) -> date | None:
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    for y in range(today.year, today.year + 9):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d >= today:
            return d
    return None


def day_of_month_from(today: date, day: int) -> date | None:
    """Guidelines §4.5: this month if the day is today or later, otherwise the next month
    that has that day."""
    for k in range(0, 13):
        first = _add_months(today.replace(day=1), k)
        if day <= _calendar.monthrange(first.year, first.month)[1]:
            d = first.replace(day=day)
            if d >= today:
                return d
    return None


def next_weekday(today: date, weekday: int) -> date:
    """The first such weekday strictly after today (guidelines §4.3)."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def resolve_date(spec: DateSpec, today: date) -> date | None:
    if isinstance(spec, RelDays):
        return today + timedelta(days=spec.days)
    if isinstance(spec, OffsetMonths):
        return _add_months(today, spec.months)
    if isinstance(spec, Weekday):
        return next_weekday(today, spec.weekday)
    if isinstance(spec, MonthDay):
        return _month_day_on_or_after(today, spec.month, spec.day, spec.year)
    if isinstance(spec, DayOfMonth):
        return day_of_month_from(today, spec.day)
    if spec.name == "end_of_month":
        return today.replace(day=_calendar.monthrange(today.year, today.month)[1])
    if spec.name == "next_week":
        return today + timedelta(days=7 - today.weekday())
    return next_weekday(today, 5)


def _nth_weekday_on_or_after(today: date, nth: int, weekday: int) -> date:
    for k in range(0, 14):
        first = _add_months(today.replace(day=1), k)
        last = _calendar.monthrange(first.year, first.month)[1]
        days = [first.replace(day=d) for d in range(1, last + 1)]
        hits = [d for d in days if d.weekday() == weekday]
        if not hits:
            continue
        idx = nth - 1 if nth > 0 else nth
        if -len(hits) <= idx < len(hits) and hits[idx] >= today:
            return hits[idx]
    return today


def _first_occurrence(rec: Recurrence, today: date) -> date | None:
    if rec.nth is not None and rec.byday:
        return _nth_weekday_on_or_after(today, rec.nth, rec.byday[0])
    if rec.byday:
        return min(next_weekday(today, d) for d in rec.byday)
    if rec.bymonthday is not None:
        return day_of_month_from(today, rec.bymonthday)
    return None


def local_now(now: datetime, tz: str) -> datetime:
    """`now` as a naive local wall-clock value in `tz` (aware values are converted first)."""
    if now.tzinfo is not None:
        from zoneinfo import ZoneInfo

        now = now.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
    return now.replace(second=0, microsecond=0)


def resolve(tokens: list[Token], now: datetime) -> When:
    """Apply guidelines §4/§5/§7 to the tokens of one message."""
    today = now.date()
    spans = tuple((t.start, t.end) for t in tokens)
    dates = [t for t in tokens if t.date is not None]
    clocks = [t for t in tokens if t.clock is not None]
    parts = [t.part for t in tokens if t.part is not None]
    recs = [t.recurrence for t in tokens if t.recurrence is not None]
    # The most specific recurrence wins: "monthly review first Monday of every month".
    recs.sort(key=lambda r: (r.adjective, not (r.byday or r.bymonthday)))
    rec = recs[0] if recs else None
    moments = [t for t in tokens if t.kind == "moment"]

    duration: int | None = None
    durs = [t.minutes for t in tokens if t.kind == "duration" and t.minutes]
    part_hour = parts[0] if parts else None
    clock = clocks[0] if clocks else None
    at: time | None = None
    if clock is not None and clock.clock is not None:
        at = clock_time(clock.clock, part_hour)
        if clock.end_clock is not None:
            end = clock_time(clock.end_clock, part_hour)
            span_min = (end.hour * 60 + end.minute) - (at.hour * 60 + at.minute)
            if span_min <= 0 and not clock.end_clock.explicit:
                span_min += 12 * 60
            if span_min > 0:
                duration = span_min
    if durs:
        duration = durs[0]
    elif duration is None:
        duration = None

    day: date | None = None
    if rec is not None:
        weekday_tokens = [t.date for t in dates if isinstance(t.date, Weekday)]
        if rec.freq == "WEEKLY" and not rec.byday and weekday_tokens:
            rec = Recurrence(
                rec.freq,
                rec.interval,
                tuple(w.weekday for w in weekday_tokens),
                adjective=rec.adjective,
            )
        day = _first_occurrence(rec, today)
    if day is None and dates and dates[0].date is not None:
        day = resolve_date(dates[0].date, today)
    if part_hour is None:
        parts_with_date = [t.part for t in dates if t.part is not None]
        part_hour = parts_with_date[0] if parts_with_date else None

    value: date | datetime | None
    if day is None and at is None and moments and moments[0].minutes is not None:
        value = now + timedelta(minutes=moments[0].minutes)
    elif day is not None and at is not None:
        value = datetime.combine(day, at)
    elif day is not None and part_hour is not None:
        value = datetime.combine(day, time(part_hour))
    elif day is not None:
        value = day
    elif at is not None:
        candidate = datetime.combine(today, at)
        value = candidate if candidate > now else candidate + timedelta(days=1)
    elif part_hour is not None:
        value = datetime.combine(today, time(part_hour))
    elif rec is not None:
        value = today
    else:
        value = None
    return When(value, duration, rec.rrule() if rec is not None else None, spans)


def find_dates(text: str, lang: Language, now: datetime, tz: str) -> list[DateMatch]:
    """Every temporal phrase in `text`, resolved one by one against `now`.

    Signature: `find_dates(text: str, lang: "es"|"en"|"pt", now: datetime, tz: str)
    -> list[DateMatch]`, in text order. `DateMatch.start/end` index `text` itself. A date-only
    phrase ("vence el 15", "due 3/20", "todo dia 10") has kind "date" (or "recurrence" with the
    next occurrence as a date); a time or a part of day on its own is kind "time"/"part".
    Pure: `now` is the local wall clock in `tz` (an aware `now` is converted).
    """
    now = local_now(now, tz)
    today = now.date()
    out: list[DateMatch] = []
    for t in scan(text, lang, tz):
        if t.recurrence is not None:
            out.append(
                DateMatch(
                    t.start,
                    t.end,
                    "recurrence",
                    _first_occurrence(t.recurrence, today),
                    t.recurrence.rrule(),
                )
            )
        elif t.date is not None:
            d = resolve_date(t.date, today)
            if t.part is not None and d is not None:
                out.append(DateMatch(t.start, t.end, "datetime", datetime.combine(d, time(t.part))))
            else:
                out.append(DateMatch(t.start, t.end, "date", d))
        elif t.kind == "moment" and t.minutes is not None:
            out.append(DateMatch(t.start, t.end, "datetime", now + timedelta(minutes=t.minutes)))
        elif t.clock is not None:
            out.append(DateMatch(t.start, t.end, "time", clock_time(t.clock)))
        elif t.kind == "part":
            out.append(DateMatch(t.start, t.end, "part", t.part))
        elif t.kind == "duration":
            out.append(DateMatch(t.start, t.end, "duration", t.minutes))
    return out
