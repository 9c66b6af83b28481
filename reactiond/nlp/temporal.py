"""The values the date grammar produces: unresolved date specs, clocks, recurrences, tokens
with their spans, and what a message's temporal phrases resolve to (`When`, `DateMatch`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal


@dataclass(frozen=True)
class RelDays:
    days: int


@dataclass(frozen=True)
class OffsetMonths:
    months: int


@dataclass(frozen=True)
class Weekday:
    weekday: int
    later: int = (
        0  # "a week from Friday" (fr "mardi en huit"): that weekday, then this many days more
    )
    alternatives: tuple[int, ...] = ()  # "lunes, miércoles y viernes": the earliest of them


@dataclass(frozen=True)
class NthWeekday:
    """ "el primer lunes de diciembre", "the last Friday of the month" (one date, §13.2)."""

    nth: int
    weekday: int
    month: int | None = None  # a named month; None: this month, or the next one if passed
    months_ahead: int | None = None  # "of next month": 1


@dataclass(frozen=True)
class MonthEnd:
    """ "hasta junio": the last day of a named month (on or after today)."""

    month: int


@dataclass(frozen=True)
class MonthDay:
    month: int
    day: int  # -1: the month's last day (fr "fin mars")
    year: int | None = None


@dataclass(frozen=True)
class DayOfMonth:
    day: int
    months_ahead: int | None = None  # "del mes que viene": 1; "de este mes": 0; None: §4.5


@dataclass(frozen=True)
class Period:
    name: PeriodName


PeriodName = Literal["end_of_month", "next_week", "weekend", "next_month", "this_week", "quincena"]

DateSpec = RelDays | OffsetMonths | Weekday | MonthDay | DayOfMonth | Period | NthWeekday | MonthEnd


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    explicit: bool  # 24-hour, "h" form, am/pm or a part of day: the bare-hour rule is off
    meridiem: Literal["am", "pm"] | None = None
    next_day: bool = False  # midnight: 00:00 at the *end* of the day it is attached to


@dataclass(frozen=True)
class Recurrence:
    freq: Literal["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
    interval: int = 1
    byday: tuple[int, ...] = ()
    nth: int | None = None  # with one weekday: "first Monday" -> BYDAY=1MO
    bymonthday: int | None = None
    adjective: bool = False  # "weekly sync": recurring, but the word stays in the title
    until: date | None = None
    count: int | None = None

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
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}")
        elif self.count is not None:
            parts.append(f"COUNT={self.count}")
        return ";".join(parts)


_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

TokenKind = Literal["date", "time", "part", "duration", "moment", "recurrence", "until", "count"]


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
    zone: str | None = None  # a written time zone: an IANA name or a fixed "UTC+HH:MM"
    last_day: DateSpec | None = None  # a range of days: "del 3 al 7 de marzo"
    count: int | None = None  # "8 times": COUNT=8; with `weeks`, "for 8 weeks"
    weeks: bool = False


@dataclass(frozen=True)
class When:
    """What the temporal phrases of one message resolve to."""

    value: date | datetime | None = None
    duration_minutes: int | None = None
    recurrence: str | None = None
    spans: tuple[tuple[int, int], ...] = field(default_factory=tuple)
    last_day: date | None = None  # a range of days: its last day (a task's or a bill's due)


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


def apply_meridiem(c: Clock, meridiem: Literal["am", "pm"] | None) -> Clock:
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
