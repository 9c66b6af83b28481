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
import re
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reactiond.nlp.grammar import GRAMMARS
from reactiond.nlp.lexicon import LEXICONS
from reactiond.nlp.result import Language
from reactiond.nlp.temporal import (
    Clock,
    DateMatch,
    DateSpec,
    DayOfMonth,
    MonthDay,
    MonthEnd,
    NthWeekday,
    OffsetMonths,
    Period,
    Recurrence,
    RelDays,
    Token,
    Weekday,
    When,
    clock_time,
)
from reactiond.nlp.text import alternation, fold

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
    folded = fold(text)
    tokens = GRAMMARS[lang].scan(folded, month_first(lang, tz))
    americas = _AMERICAS_WEEKEND.get(lang)
    if americas is not None and tz.startswith("America/"):
        # fr "en fin de semaine" is the weekend in Quebec, the end of the week elsewhere (§14.2)
        tokens = [
            replace(t, date=Period("weekend")) if americas.search(folded, t.start, t.end) else t
            for t in tokens
        ]
    return tokens


_AMERICAS_WEEKEND: dict[str, re.Pattern[str]] = {
    code: re.compile(rf"(?:^|(?<=\s))(?:{alternation(lex.americas_weekend)})$")
    for code, lex in LEXICONS.items()
    if lex.americas_weekend
}


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
        if spec.alternatives:
            return min(next_weekday(today, d) for d in spec.alternatives)
        return next_weekday(today, spec.weekday) + timedelta(days=spec.later)
    if isinstance(spec, NthWeekday):
        return _nth_weekday_date(today, spec)
    if isinstance(spec, MonthEnd):
        last = _calendar.monthrange(today.year, spec.month)[1]
        return _month_day_on_or_after(today, spec.month, last, None)
    if isinstance(spec, MonthDay):
        return _month_day_on_or_after(today, spec.month, spec.day, spec.year)
    if isinstance(spec, DayOfMonth):
        if spec.months_ahead is not None:
            first = _add_months(today.replace(day=1), spec.months_ahead)
            last = _calendar.monthrange(first.year, first.month)[1]
            return first.replace(day=spec.day) if spec.day <= last else None
        return day_of_month_from(today, spec.day)
    month_end = today.replace(day=_calendar.monthrange(today.year, today.month)[1])
    if spec.name == "end_of_month":
        return month_end
    if spec.name == "next_week":
        return today + timedelta(days=7 - today.weekday())
    if spec.name == "next_month":
        return _add_months(today.replace(day=1), 1)
    if spec.name == "this_week":  # §13.2: the first Friday on or after today
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if spec.name == "quincena":  # §13.2: the next 15th or last day of a month
        return today.replace(day=15) if today.day <= 15 else month_end
    return next_weekday(today, 5)


def _nth_weekday_date(today: date, spec: NthWeekday) -> date | None:
    """§13.2: "the first Monday of December" on or after today (rule 4.4); "of the month" is
    this month's if not passed, else next month's; "of next month" is next month's."""
    if spec.month is not None:
        for y in range(today.year, today.year + 2):
            d = _nth_in_month(y, spec.month, spec.nth, spec.weekday)
            if d is not None and d >= today:
                return d
        return None
    if spec.months_ahead is not None:
        first = _add_months(today.replace(day=1), spec.months_ahead)
        return _nth_in_month(first.year, first.month, spec.nth, spec.weekday)
    for k in range(0, 3):
        first = _add_months(today.replace(day=1), k)
        d = _nth_in_month(first.year, first.month, spec.nth, spec.weekday)
        if d is not None and d >= today:
            return d
    return None


def _nth_in_month(year: int, month: int, nth: int, weekday: int) -> date | None:
    last = _calendar.monthrange(year, month)[1]
    hits = [d for d in range(1, last + 1) if date(year, month, d).weekday() == weekday]
    idx = nth - 1 if nth > 0 else nth
    return date(year, month, hits[idx]) if -len(hits) <= idx < len(hits) else None


def _nth_weekday_on_or_after(today: date, nth: int, weekday: int) -> date:
    for k in range(0, 14):
        first = _add_months(today.replace(day=1), k)
        d = _nth_in_month(first.year, first.month, nth, weekday)
        if d is not None and d >= today:
            return d
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


# Written time zones (§13.3): abbreviations with fixed offsets, and zones by name.
_FIXED = re.compile(r"UTC([+-])(\d\d):(\d\d)$")


def zone_info(name: str) -> tzinfo | None:
    m = _FIXED.match(name)
    if m is not None:
        sign = 1 if m.group(1) == "+" else -1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def elapsed(now: datetime, minutes: int, tz: str | None) -> datetime:
    """§13.3: "in 20 minutes" is elapsed time, written as `tz`'s wall clock at that instant
    (across a DST change the wall clock moves by more or less than that)."""
    zone = zone_info(tz) if tz else None
    if zone is None:
        return now + timedelta(minutes=minutes)
    later = now.replace(tzinfo=zone).astimezone(UTC) + timedelta(minutes=minutes)
    return later.astimezone(zone).replace(tzinfo=None)


def resolve(tokens: list[Token], now: datetime, tz: str | None = None) -> When:
    """Apply guidelines §4/§5/§7/§13 to the tokens of one message. `tz` (the message's zone)
    converts a written time zone and makes "in 2 hours" elapsed time across DST."""
    zones = [t.zone for t in tokens if t.zone]
    local = zone_info(tz) if tz else None
    written = zone_info(zones[0]) if zones else None
    if local is None or written is None:
        return _resolve(tokens, now, tz)
    # Day words are read in the written zone, then the instant is converted (§13.3).
    there = now.replace(tzinfo=local).astimezone(written).replace(tzinfo=None)
    w = _resolve(tokens, there, zones[0])
    value = w.value
    if isinstance(value, datetime):
        value = value.replace(tzinfo=written).astimezone(local).replace(tzinfo=None)
    return When(value, w.duration_minutes, w.recurrence, w.spans, w.last_day)


def _resolve(tokens: list[Token], now: datetime, tz: str | None) -> When:
    today = now.date()
    spans = tuple((t.start, t.end) for t in tokens)
    dates = [t for t in tokens if t.date is not None and t.kind == "date"]
    clocks = [t for t in tokens if t.clock is not None]
    parts = [t.part for t in tokens if t.part is not None]
    recs = [t.recurrence for t in tokens if t.recurrence is not None]
    # The most specific recurrence wins: "monthly review first Monday of every month".
    recs.sort(key=lambda r: (r.adjective, not (r.byday or r.bymonthday), r.interval == 1))
    rec = recs[0] if recs else None
    if rec is not None and len(recs) > 1 and rec.interval == 1:
        # "fortnightly on Tuesdays": one rule with the interval of one and the days of other
        stretched = [r.interval for r in recs[1:] if r.interval != 1 and not r.byday]
        if stretched and not rec.adjective:
            rec = _with(rec, interval=stretched[0])
    moments = [t for t in tokens if t.kind == "moment"]

    duration: int | None = None
    durs = [t.minutes for t in tokens if t.kind == "duration" and t.minutes]
    part_hour = parts[0] if parts else None
    clock = clocks[0] if clocks else None
    at: time | None = None
    next_day = False
    if clock is not None and clock.clock is not None:
        at = clock_time(clock.clock, part_hour)
        next_day = clock.clock.next_day
        if clock.end_clock is not None:
            end = clock_time(clock.end_clock, part_hour)
            span_min = (end.hour * 60 + end.minute) - (at.hour * 60 + at.minute)
            if span_min <= 0 and not clock.end_clock.explicit:
                span_min += 12 * 60
            if span_min > 0:
                duration = span_min
    if durs:
        duration = durs[0]

    day: date | None = None
    last_day: date | None = None
    if rec is not None:
        weekday_tokens = [t.date for t in dates if isinstance(t.date, Weekday)]
        if rec.freq == "WEEKLY" and not rec.byday and weekday_tokens:
            rec = _with(rec, byday=tuple(w.weekday for w in weekday_tokens))
        rec = _ends(rec, tokens, today)
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
        ranged = next((t for t in dates if t.last_day is not None), None)
        if ranged is not None and ranged.last_day is not None and day is not None:
            last_day = _range_end(day, ranged.last_day)
            if last_day is not None and duration is None:
                duration = ((last_day - day).days + 1) * 1440
    if part_hour is None:
        parts_with_date = [t.part for t in dates if t.part is not None]
        part_hour = parts_with_date[0] if parts_with_date else None

    value: date | datetime | None
    if day is None and at is None and moments and moments[0].minutes is not None:
        value = elapsed(now, moments[0].minutes, tz)
    elif day is not None and at is not None:
        value = datetime.combine(day, at) + timedelta(days=1 if next_day else 0)
    elif day is not None and part_hour is not None:
        value = datetime.combine(day, time(part_hour))
    elif day is not None:
        value = day
    elif at is not None:
        candidate = datetime.combine(today, at)
        value = candidate if candidate > now else candidate + timedelta(days=1)
    elif part_hour is not None:
        # §13.3: a part of day without "this/esta/hoje" follows the time-without-a-date rule.
        candidate = datetime.combine(today, time(part_hour))
        value = candidate if candidate > now else candidate + timedelta(days=1)
    elif rec is not None and not rec.adjective:
        value = today  # "todos los días" with nothing else: starts today, all day
    else:
        value = None
    return When(value, duration, rec.rrule() if rec is not None else None, spans, last_day)


def _with(rec: Recurrence, **changes: object) -> Recurrence:
    from dataclasses import replace

    return replace(rec, **changes)  # type: ignore[arg-type]


def _ends(rec: Recurrence, tokens: list[Token], today: date) -> Recurrence:
    """§13.4: "hasta el 30 de junio" → UNTIL; "durante 8 semanas" → COUNT = 8 × days a
    week; "10 veces" → COUNT=10."""
    if rec.adjective:
        return rec
    for t in tokens:
        if t.kind == "until" and t.date is not None:
            until = resolve_date(t.date, today)
            if until is not None:
                return _with(rec, until=until)
        if t.kind == "count" and t.count:
            per_week = max(1, len(set(rec.byday))) if t.weeks else 1
            return _with(rec, count=t.count * per_week)
    return rec


def _range_end(first: date, spec: DateSpec) -> date | None:
    """The last day of "del 3 al 7 de marzo": the first day on or after the start."""
    if isinstance(spec, DayOfMonth):
        try:
            end = first.replace(day=spec.day)
        except ValueError:
            return None
        return end if end >= first else None
    return resolve_date(spec, first)


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
            if t.last_day is not None and d is not None:
                d = _range_end(d, t.last_day) or d  # a bill or a task is due on the last day
            if t.part is not None and d is not None:
                out.append(DateMatch(t.start, t.end, "datetime", datetime.combine(d, time(t.part))))
            else:
                out.append(DateMatch(t.start, t.end, "date", d))
        elif t.kind == "moment" and t.minutes is not None:
            out.append(DateMatch(t.start, t.end, "datetime", elapsed(now, t.minutes, tz)))
        elif t.clock is not None:
            out.append(DateMatch(t.start, t.end, "time", clock_time(t.clock)))
        elif t.kind == "part":
            out.append(DateMatch(t.start, t.end, "part", t.part))
        elif t.kind == "duration":
            out.append(DateMatch(t.start, t.end, "duration", t.minutes))
    return out
