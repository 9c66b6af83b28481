"""Dates, times, durations and recurrence: a grammar of our own over the per-language lexicons.

Two steps, both pure:

1. `scan(text, lang, tz)` finds temporal phrases in the *folded* text (see `text.fold`) with
   the language's rules (`grammar.py`) and returns `Token`s (`temporal.py`) with their
   character spans, unresolved ("next Friday", "5 pm", "every Monday"). Overlapping
   candidates are settled longest-first, so "a las 5 de la tarde" wins over "a las 5", and
   "por la mañana" over "mañana".
2. `resolve(tokens, now)` applies the guidelines' resolution rules (§4, §5, §7) against the
   message's local wall-clock `now` and returns a `When`.

`find_dates` is the public entry point for other parsers (the bill parser): spans plus
resolved values, one per phrase.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reactiond.nlp.grammar import GRAMMARS
from reactiond.nlp.result import Language
from reactiond.nlp.temporal import (
    Clock,
    DateMatch,
    DateSpec,
    DayOfMonth,
    MonthDay,
    OffsetMonths,
    Period,
    Recurrence,
    RelDays,
    Token,
    Weekday,
    When,
    clock_time,
)
from reactiond.nlp.text import fold

__all__ = [
    "Clock",
    "DateMatch",
    "Token",
    "UnknownTimeZone",
    "When",
    "day_of_month_from",
    "find_dates",
    "local_now",
    "month_first",
    "next_weekday",
    "resolve",
    "resolve_date",
    "scan",
]


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
    if day == -1:  # the last day of that month
        for y in [year] if year is not None else range(today.year, today.year + 2):
            d = date(y, month, _calendar.monthrange(y, month)[1])
            if year is not None or d >= today:
                return d
        return None
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
    if not 1 <= day <= 31:
        return None  # no month has a day 0 or 32: nothing to resolve, not an error
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
        return next_weekday(today, spec.weekday) + timedelta(days=spec.later)
    if isinstance(spec, MonthDay):
        return _month_day_on_or_after(today, spec.month, spec.day, spec.year)
    if isinstance(spec, DayOfMonth):
        if spec.months_ahead is not None:
            first = _add_months(today.replace(day=1), spec.months_ahead)
            last = _calendar.monthrange(first.year, first.month)[1]
            return first.replace(day=spec.day) if spec.day <= last else None
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


class UnknownTimeZone(ValueError):
    """`tz` is not an IANA time zone name this machine knows."""


def local_now(now: datetime, tz: str) -> datetime:
    """`now` as a naive local wall-clock value in `tz` (aware values are converted first).
    Raises `UnknownTimeZone` (a ValueError) when an aware `now` must be converted to a `tz`
    that does not exist."""
    if now.tzinfo is not None:
        try:
            zone = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError) as e:
            raise UnknownTimeZone(f"unknown time zone {tz!r}: use an IANA name") from e
        now = now.astimezone(zone).replace(tzinfo=None)
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
    if day is None and dates:
        # A written date outranks a weekday naming the same day ("Thursday, March 12").
        written = [t.date for t in dates if isinstance(t.date, MonthDay)]
        first = written[0] if written and isinstance(dates[0].date, Weekday) else dates[0].date
        weekdays = [t.date for t in dates if isinstance(t.date, Weekday)]
        next_week = any(isinstance(t.date, Period) and t.date.name == "next_week" for t in dates)
        if weekdays and next_week:
            # "el martes de la semana que viene": that weekday in the following week.
            monday = today + timedelta(days=7 - today.weekday())
            day = monday + timedelta(days=weekdays[0].weekday)
        elif first is not None:
            day = resolve_date(first, today)
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
    elif rec is not None and not rec.adjective:
        value = today  # "todos los días" with nothing else: starts today, all day
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
