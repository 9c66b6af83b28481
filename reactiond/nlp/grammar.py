"""The date/time grammar: per-language rules compiled once from the lexicons (`Grammar`), and
the handlers that turn a regex match on folded text into a `Token`.

Candidates from every rule are collected and the longest non-overlapping ones kept, so "a las
5 de la tarde" wins over "a las 5" and "por la mañana" over "mañana".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from reactiond.nlp.lexicon import LEXICONS, Lexicon
from reactiond.nlp.result import Language
from reactiond.nlp.temporal import (
    Clock,
    DateSpec,
    DayOfMonth,
    MonthDay,
    MonthEnd,
    NthWeekday,
    OffsetMonths,
    Period,
    PeriodName,
    Recurrence,
    RelDays,
    Token,
    Weekday,
    apply_meridiem,
    clock_time,
)
from reactiond.nlp.text import alternation

_B = r"(?<![\w@#$€£₹])"  # a phrase starts at a word boundary (and not inside a tag or amount)
_E = r"(?![\w])"
_ORD = r"(?:st|nd|rd|th|ro|er|ero|do|to|vo|mo|no|º|°|ª|o|a)?"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])" + _ORD
_DAY_ORDINAL = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Written time zones (§13.3): ET/CT/MT/PT follow their zone's rules on the day; the others are
# the fixed offsets their names say. Named zones ("hora del centro") come from the lexicons.
COMMON_ZONES: dict[str, str] = {
    "et": "America/New_York",
    "ct": "America/Chicago",
    "mt": "America/Denver",
    "pt": "America/Los_Angeles",
    "est": "UTC-05:00",
    "edt": "UTC-04:00",
    "cst": "UTC-06:00",
    "cdt": "UTC-05:00",
    "mst": "UTC-07:00",
    "mdt": "UTC-06:00",
    "pst": "UTC-08:00",
    "pdt": "UTC-07:00",
    "gmt": "UTC+00:00",
    "utc": "UTC+00:00",
    "bst": "UTC+01:00",
    "cet": "UTC+01:00",
    "cest": "UTC+02:00",
    "wet": "UTC+00:00",
    "west": "UTC+01:00",
    "ist": "Asia/Kolkata",
    "brt": "UTC-03:00",
    "brst": "UTC-02:00",
    "cdmx": "America/Mexico_City",
}

Handler = Callable[[re.Match[str], "Context"], Token | None]


# Whitespace on both sides of an optional separator. Written as "\s*,?\s+" it is ambiguous
# (which run of spaces takes which blank?) and a long run of blanks after a weekday made the
# regex engine try every split: quadratic. Each form below matches the same text in one way.
def _gap(sep: str) -> str:
    r"""Like `\s*(?:sep)?\s*`."""
    return rf"(?:\s*(?:{sep})\s*|\s*)"


_COMMA_GAP = r"(?:\s*,\s+|\s+)"  # like "\s*,?\s+"


@dataclass(frozen=True)
class Context:
    lex: Lexicon
    month_first: bool
    zones: dict[str, str]
    street: re.Pattern[str] | None


def _atom(p: str, numbers: str) -> str:
    """An hour with optional minutes, "h" form and am/pm; named groups prefixed with `p`."""
    return (
        rf"(?:(?<![\d/.,:])(?P<{p}h>2[0-3]|[01]?\d)(?![\d/]|,\d|\.(?!\d\d(?!\d)))"
        rf"|(?P<{p}w>{numbers}))"
        rf"(?:(?::|\.(?=\d\d(?!\d)))(?P<{p}m>[0-5]\d))?"
        rf"(?:\s?(?P<{p}hf>h|hs|hrs|hr)(?:(?<=\sh)\s(?=[0-5]\d))?(?P<{p}hm>[0-5]\d)?(?:min)?)?"
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


class Grammar:
    """The compiled rules of one language (built once per language, on first use)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.zones = {**COMMON_ZONES, **lex.zones}
        self.street = (
            re.compile(rf"(?:\s+[a-z'.]+){{1,3}}\s+{alternation(lex.street_words)}\.?(?![\w])")
            if lex.street_words
            else None
        )
        tz_words = alternation(self.zones)
        # "10am PT", "a las 9 hora de Colombia", "15h (horário de Brasília)"
        _tz = rf"(?:(?:\s*\(\s*|\s+)(?P<zone>{tz_words})(?:\s*\))?)?"
        self.not_times = (
            re.compile(rf"{_B}{alternation(lex.not_times)}{_E}") if lex.not_times else None
        )
        wd = alternation(lex.weekdays)
        # in a list or after a recurrence word, also the abbreviations that are everyday words
        wd_listed = alternation({**lex.weekdays, **lex.listed_weekdays})
        mon = alternation(lex.months) + r"\.?"
        nums = alternation(w for w in lex.numbers if " " not in w)
        day_pre = alternation(lex.day_pre)
        of = alternation(lex.of_words)
        intro = alternation(lex.time_intro)
        pod_sfx = alternation(lex.pod_suffix)
        every = alternation(lex.every)
        and_w = alternation(w for w in lex.and_words if w != ",")
        arts = alternation(lex.articles)
        of_gap, comma_gap, dash_gap = _gap(rf"{of}|,"), _gap(","), _gap("-")
        wd_list = (
            rf"{wd_listed}(?:-feiras?)?(?:\s*(?:,\s*(?:(?:{and_w})\s+)?|(?:{and_w})\s+)"
            rf"(?:{every}\s+)?(?:{arts}\s+)?{wd_listed}(?:-feiras?)?)*"
        )
        units = alternation(lex.units)
        a_unit = alternation(lex.a_unit)
        count = rf"(?P<n>\d{{1,3}}|{alternation(lex.numbers)}|{a_unit})"
        half = alternation(lex.half_past) if lex.half_past else "(?!x)x"
        qpast = alternation(lex.quarter_past) if lex.quarter_past else "(?!x)x"
        qto = alternation(lex.quarter_to) if lex.quarter_to else "(?!x)x"
        # fr "9h moins cinq", "10h moins 10": minutes counted back from the hour
        mto = alternation(lex.minutes_to) if lex.minutes_to else "(?!x)x"

        def fraction(p: str) -> str:
            """ "y media", "et quart", "moins le quart" after an hour; groups prefixed `p`."""
            return (
                rf"(?:\s+(?P<{p}half>{half})|\s+(?P<{p}qpast>{qpast})|\s+(?P<{p}qto>{qto})"
                rf"|\s+(?P<{p}mto>{mto})(?![\w:]))?"
            )

        frac = fraction("")
        # "el 14 de este mes", "dia 5 do mês que vem": a day number in a named month
        this_m = alternation(lex.this_month) if lex.this_month else "(?!x)x"
        next_m = alternation(lex.next_month) if lex.next_month else "(?!x)x"
        month_tail = rf"(?:\s+(?:(?P<next_m>{next_m})|(?P<this_m>{this_m})))?"
        # "el domingo 5 a 7pm": a number that starts a time range is no day (§13.2)
        range_word = alternation(
            w for w in lex.range_to if w != "-" and w not in lex.time_intro and " " not in w
        )
        # A number is a day, not an hour, unless it carries a time marker or a part of day.
        not_time = (
            rf"(?!\s*(?::\d|h\d|h\b|hs\b|hrs?\b|[ap]\.?m\b|%|k\b|mil\b|[-–]\s*\d|{pod_sfx}"
            rf"|{half}|{qpast}|(?:{range_word})\s+\d{{1,2}}(?::\d\d)?\s?(?:[ap]\.?m\b|h\b|hs\b)))"
        )
        pod_tail = rf"(?:\s+(?P<pod>{pod_sfx}))?"
        self.rules: list[tuple[re.Pattern[str], Handler, tuple[frozenset[str], ...]]] = []
        # A rule runs only when one of its needles (a word it cannot match without) is a word
        # of the text: most rules never apply to a given message, and a set lookup costs far
        # less than a regex pass over the whole text.
        digits = frozenset({DIGIT})
        numbers = digits | _needles(lex.numbers)
        needs_of: dict[Handler, frozenset[str]] = {
            _nth_weekday: _needles(lex.nth),
            _nth_weekday_date: _needles(lex.nth),
            _every_weekdays: _needles({**lex.weekdays, **lex.listed_weekdays}),
            _every_n_units: _needles(lex.units),
            _every_other_unit: _needles(lex.units),
            _monthly_day: digits,
            _workdays: _needles(lex.workdays),
            _daily_part: _needles(lex.daily_parts),
            _adjective_rec: _needles(lex.adjective_recurrence),
            _adverb_rec: _needles(lex.adjective_recurrence),
            _iso_date: digits,
            _weekday_span: _needles({**lex.weekdays, **lex.listed_weekdays}),
            _week_from: _needles(lex.weekdays),
            _day_range: digits,
            _until_month: _needles(lex.months),
            _day_month: _needles(lex.months),
            _weekday_with_day: digits,
            _numeric_date: frozenset({SLASH}),
            _weekday: _needles(lex.weekdays),
            _weekday_alternatives: _needles({**lex.weekdays, **lex.listed_weekdays}),
            _day_alone: digits,
            _day_word_alone: _needles(lex.day_words),
            _relative: _needles(lex.relative_days),
            _offset: _needles(lex.units),
            _offset_phrase: _needles(lex.duration_phrases),
            _pod_today: _needles(lex.pod_today),
            _pod_alone: _needles(lex.pod_alone),
            _pod_after_date: _needles(lex.pod_after_date),
            _clock_prefix: _needles(lex.clock_prefix),
            _range: numbers,
            _clock: numbers,
            _clock_pod: digits,
            _duration: _needles(lex.units),
            _duration_h: digits,
            _duration_phrase: _needles(lex.duration_phrases),
        }

        def add(
            pattern: str,
            handler: Handler,
            needs: frozenset[str] | None = None,
            *,
            also: Iterable[str] | frozenset[str] | None = None,
        ) -> None:
            """`also`: phrases one of which the pattern cannot match without, on top of its
            handler's needles (a day number *and* "every", a digit *and* a dash)."""
            gates = [needs if needs is not None else needs_of.get(handler)]
            if also is not None:
                gates.append(also if isinstance(also, frozenset) else _gate(also))
            # an empty gate proves nothing, so it is no gate
            self.rules.append((re.compile(pattern), handler, tuple(g for g in gates if g)))

        # --- recurrence (longest phrases first; the selection is longest-wins anyway)
        add(
            rf"{_B}(?:(?P<ev>{every})\s+(?:{alternation(lex.articles)}\s+)?)?(?P<nth>{alternation(lex.nth)})\s+"
            rf"(?P<wd>{wd})(?:-feira)?\s+(?P<of>{alternation(lex.of_every_month)}|{alternation(lex.monthly)}){_E}",
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
            rf"{_B}(?:{alternation(lex.monthly)}|{every}){_COMMA_GAP}(?:{day_pre}\s+)?{_DAY}{not_time}"
            rf"(?:\s+{alternation(lex.of_every_month)})?{_E}",
            _monthly_day,
            also=[*lex.monthly, *lex.every],
        )
        add(
            rf"{_B}(?:{day_pre}\s+)?{_DAY}\s+{alternation(lex.of_every_month)}{_E}",
            _monthly_day,
            also=lex.of_every_month,
        )
        add(rf"{_B}(?:{every}\s+)?{alternation(lex.workdays)}{_E}", _workdays)
        if lex.every_weekend:
            weekend_rule = Recurrence("WEEKLY", byday=(5, 6))
            add(
                rf"{_B}{alternation(lex.every_weekend)}{_E}",
                _fixed_rec(weekend_rule),
                _needles(lex.every_weekend),
            )
        add(
            r"(?<![\d/.-])(?P<y>20\d\d)-(?P<b>0?[1-9]|1[0-2])-(?P<a>0?[1-9]|[12]\d|3[01])(?![\d-])",
            _iso_date,
            also=_DASHES,
        )
        add(
            rf"{_B}{alternation(lex.daily)}{_E}",
            _fixed_rec(Recurrence("DAILY")),
            _needles(lex.daily),
        )
        if lex.daily_parts:
            add(rf"{_B}(?P<pod>{alternation(lex.daily_parts)}){_E}", _daily_part)
        add(
            rf"{_B}{alternation(lex.weekly)}{_E}",
            _fixed_rec(Recurrence("WEEKLY")),
            _needles(lex.weekly),
        )
        add(
            rf"{_B}{alternation(lex.monthly)}{_E}",
            _fixed_rec(Recurrence("MONTHLY")),
            _needles(lex.monthly),
        )
        add(
            rf"{_B}{alternation(lex.yearly)}{_E}",
            _fixed_rec(Recurrence("YEARLY")),
            _needles(lex.yearly),
        )
        add(rf"{_B}(?P<adj>{alternation(lex.adjective_recurrence)}){_E}", _adjective_rec)
        if lex.adverb_recurrence_after:
            # "standup daily on teams", "at 9:30 daily": after the word it qualifies, an
            # English "daily/weekly" is the recurrence phrase itself and leaves the title.
            nouns_follow = alternation(lex.adverb_recurrence_after)
            add(
                rf"(?<=[a-z0-9]\s)(?P<adj>{alternation(lex.adjective_recurrence)}){_E}"
                rf"(?=\s*(?:$|[,.;:!?)]|(?:{nouns_follow}){_E}))",
                _adverb_rec,
            )

        # --- version 2 (§13.2-13.4)
        never = "(?!x)x"
        wd_pre = alternation(lex.weekday_pre)

        def alt(words: tuple[str, ...] | list[str]) -> str:
            return alternation(words) if words else never

        nth = alternation(lex.nth)
        # Ordinal weekday of a month, one date: "el primer lunes de diciembre", "the last
        # Friday of the month", "a última sexta do mês", "the first Monday of next month".
        add(
            rf"{_B}(?P<nth>{nth})\s+(?P<wd>{wd})(?:-feira)?\s+(?:(?P<next_m>{alt(lex.of_next_month)})"
            # a figure after a month name is its day or year ("of March 3"), unless it starts
            # a time ("of March 2pm", "de março 14h"); after "of the month" it may be the time
            rf"|{alt(lex.of_this_month)}|{of}\s+(?P<mon>{mon})(?!\s*\d(?!\d?\s?(?:[ap]\.?\s?m\b|h|:\d)))){_E}",
            _nth_weekday_date,
        )
        # "every first Monday", "cada último viernes del mes": monthly, with its sign
        add(
            rf"{_B}{every}\s+(?:{arts}\s+)?(?P<nth>{nth})\s+(?P<wd>{wd})(?:-feira)?"
            rf"(?:\s+{alt(lex.of_this_month)})?{_E}",
            _nth_weekday,
        )
        # Plural weekdays recur (§13.4): "los martes y jueves", "on Tuesdays", "às terças"
        if lex.plural_weekday_pre:
            add(
                rf"{_B}(?:{alternation(lex.plural_weekday_pre)})\s+(?P<wds>{wd_list}){_E}",
                _every_weekdays,
            )
        if lex.plural_weekdays:
            pwd = alternation(lex.plural_weekdays)
            add(
                rf"{_B}(?:(?:{wd_pre})\s+)?(?P<wds>{pwd}(?:-feiras)?(?:\s*(?:,|{and_w})\s*(?:{arts}\s+)?"
                rf"(?:{pwd}|{wd})(?:-feiras?)?)*){_E}",
                _every_weekdays,
            )
        # Weekday spans recur (§13.4): "de martes a jueves", "Monday to Friday", "Mon–Fri"
        if lex.weekday_span_to:
            add(
                rf"{_B}(?:(?:{alternation(lex.range_from)})\s+)?(?P<w1>{wd_listed})(?:-feira)?\s*"
                rf"(?:(?:{alternation(lex.weekday_span_to)})\s+|[-–]\s*)(?P<w2>{wd_listed})"
                rf"(?:-feira)?{_E}",
                _weekday_span,
            )
        if lex.fortnightly:
            add(
                rf"{_B}{alternation(lex.fortnightly)}{_E}",
                _fixed_rec(Recurrence("WEEKLY", 2)),
                _needles(lex.fortnightly),
            )
        if lex.week_from:
            add(
                rf"{_B}(?:{alternation(lex.week_from)})\s+(?:(?:{alternation(lex.weekday_pre)})\s+)?"
                rf"(?P<wd>{wd})(?:-feira)?{_E}",
                _week_from,
            )
        for words, name in (
            (lex.next_month_words, "next_month"),
            (lex.this_month_words, "end_of_month"),
            (lex.this_week, "this_week"),
            (lex.quincena, "quincena"),
        ):
            if words:
                add(rf"{_B}{alternation(words)}{_E}", _period(name), _needles(words))  # type: ignore[arg-type]
        # Ranges of days (§13.2): "del 3 al 7 de marzo", "de 13 a 17 de fevereiro", "3–7
        # March", "March 3-7"; without a month only between strong markers ("del 4 al 6",
        # "from the 27th to the 30th").
        d1 = r"(?P<d1>[12]\d|3[01]|0?[1-9])" + _ORD
        d2 = r"(?P<d2>[12]\d|3[01]|0?[1-9])" + _ORD
        rto = rf"(?:(?:{alt(lex.day_range_to)})\s+(?:{day_pre}\s+)?|[-–]\s*)"
        month_after = rf"\s+(?:{of}\s+)?(?P<mon>{mon})(?:{of_gap}{_YEAR})?{_E}"
        add(
            rf"{_B}(?:{alt(lex.day_range_from)})\s+(?:{day_pre}\s+)?{d1}\s*{rto}{d2}{month_after}",
            _day_range,
            also=lex.day_range_from,
        )
        add(rf"{_B}(?<![\d:.,/]){d1}\s*[-–]\s*{d2}{month_after}", _day_range, also=_DASHES)
        add(
            rf"{_B}(?P<mon>{mon})\s+{d1}\s*{rto}{d2}{not_time}(?![\d:/]){_E}",
            _day_range,
            also=lex.months,
        )
        for left, right in lex.day_range_strong:
            add(
                rf"{_B}{alternation([left])}\s+{d1}\s+{alternation([right])}\s+{d2}"
                rf"{not_time}(?![\d:/]){_E}",
                _day_range,
                also=[left],
            )
        # Ends of a recurrence (§13.4): "hasta junio" (its last day), "durante 8 semanas",
        # "10 veces". Whether they end a recurrence is settled in `scan`.
        if lex.until_words:
            # "hasta junio", "until the end of June", "até o fim de junho": its last day
            month_end = alt(lex.month_end_words)
            add(
                rf"{_B}(?:{alternation(lex.until_words)})\s+(?:{month_end}\s+)?(?:{of}\s+)?"
                rf"(?P<mon>{mon})(?!\s*\d){_E}",
                _until_month,
            )
        if lex.count_intro:
            weeks = alternation(k for k, v in lex.units.items() if v == "week")
            add(
                rf"{_B}(?:{alternation(lex.count_intro)})\s+{count}\s*(?:{weeks}){_E}",
                _count(weeks=True),
                numbers,
            )
        if lex.times_words:
            add(
                rf"{_B}(?P<n>\d{{1,3}}|{alternation(lex.numbers)})\s+(?:{alternation(lex.times_words)}){_E}",
                _count(weeks=False),
                _needles(lex.times_words),
            )
        self.until_before = (
            re.compile(rf"(?:^|(?<=\s))(?:{alternation(lex.until_words)})\s+$")
            if lex.until_words
            else None
        )
        self.until_at = (
            re.compile(rf"(?:{alternation(lex.until_words)})\s") if lex.until_words else None
        )

        # --- dates
        wd_pre = alternation(lex.weekday_pre)
        wd_post = alternation(lex.weekday_post) if lex.weekday_post else "(?!x)x"
        if lex.alternate_suffix:
            other_suffix = alternation(lex.alternate_suffix)
            add(rf"{_B}{a_unit}\s+(?P<other>(?P<wds>{wd}))\s+{other_suffix}{_E}", _every_weekdays)
            add(rf"{_B}{a_unit}\s+(?P<unit>{units})\s+{other_suffix}{_E}", _every_other_unit)
        if lex.weekday_later:
            add(
                rf"{_B}(?:(?:{wd_pre})\s+)?(?P<wd>{wd})\s+(?P<later>"
                rf"{alternation(lex.weekday_later)}){_E}",
                _weekday,
            )
        if lex.month_parts:
            add(
                rf"{_B}(?P<part>{alternation(lex.month_parts)})\s*(?P<mon>{mon})"
                rf"(?:\s*{_YEAR})?{_E}",
                _month_part,
            )
        add(
            rf"{_B}(?:{day_pre}\s+)?{_DAY}\s*(?:{of}\s+)?(?P<mon>{mon})(?:{of_gap}{_YEAR})?{_E}",
            _day_month,
        )
        # "el primero de mayo", "el quince de enero", "the first of May": a day in words
        day_words = alternation(w for w in (*lex.numbers, *lex.nth) if " " not in w)
        add(
            rf"{_B}(?:{day_pre}\s+)?(?P<dayw>{day_words})\s+{of}\s+(?P<mon>{mon}){_E}",
            _day_month,
        )
        if lex.day_word_month_without_of:
            # fr "le premier avril": no "de" between a day word and its month
            add(
                rf"{_B}(?:{day_pre}\s+)?(?P<dayw>{day_words})\s+(?P<mon>{mon}){_E}",
                _day_month,
            )
        if lex.numeric_date_separators:
            # fr "15.01.2027", "15-01-2027": other separators, with a year (a dotted pair
            # without one is no date, §14.2.5)
            seps = re.escape(lex.numeric_date_separators)
            add(
                rf"{_B}(?<![\d/.,-])(?:{day_pre}\s+)?(?P<a>\d{{1,2}})(?P<sep>[{seps}])"
                rf"(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d\d)(?![\d.,/-]\d)",
                _numeric_date,
                digits,
            )
        add(
            # "(?![.,]\d)": "mayo 4,200" and "June 1,500" are a month and a figure.
            rf"{_B}(?:{of}\s+)?(?P<mon>{mon})\s+(?:{day_pre}\s+)?{_DAY}(?:{comma_gap}{_YEAR})?{not_time}"
            rf"(?![.,]\d){_E}",
            _day_month,
        )
        add(
            rf"{_B}(?:(?:{wd_pre})\s+)?(?P<wd>{wd})(?:-feira)?{_COMMA_GAP}(?:{day_pre}\s+)?{_DAY}"
            rf"(?:\s*(?:{of}\s+)?(?P<mon>{mon})(?:{of_gap}{_YEAR})?)?{not_time}"
            rf"(?![/.,]\d){month_tail}{_E}",
            _weekday_with_day,
            also=lex.weekdays,
        )
        add(
            rf"{_B}(?<![\d/.,])(?:(?:(?:{wd_pre})\s+)?{wd}(?:-feira)?{_COMMA_GAP})?(?:{day_pre}\s+)?"
            rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?:/(?P<y>\d{{4}}|\d\d))?(?![\d/])",
            _numeric_date,
        )
        add(
            rf"{_B}(?:(?:{wd_pre})\s+)?(?P<wd>{wd})(?:-feira)?(?:\s+{wd_post})?{_E}",
            _weekday,
        )
        # "lunes, miércoles y viernes" without todos/los: one date, the earliest of them; one
        # phrase, so no connector is left behind in a title.
        add(
            rf"{_B}(?:(?:{wd_pre})\s+)?(?P<wds>{wd_listed}(?:-feira)?(?:\s*(?:,\s*(?:(?:{and_w})\s+)?"
            rf"|(?:{and_w})\s+)(?:(?:{wd_pre})\s+)?{wd_listed}(?:-feira)?)+){_E}",
            _weekday_alternatives,
        )
        # "the 3 boxes" is not a date in English; "the 3rd" is ("el 3" is one in Spanish).
        day_alone = _DAY_ORDINAL if lex.day_needs_ordinal else _DAY
        add(
            rf"{_B}{day_pre}\s+{day_alone}{not_time}(?![/.,]\d){month_tail}{_E}",
            _day_alone,
            also=lex.day_pre,
        )
        # "1st", "el 1ro" without "the/el": a date only where nothing names what is counted
        # ("the 5th birthday", "3rd Street" are not dates).
        add(
            rf"{_B}(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|ro|er|º){_E}"
            rf"(?=\s*(?:$|[,.;:!?)]|{intro}\s|\d|{alternation(lex.of_words)}\s))",
            _day_alone,
        )
        # A day written as a word: "el primero", "on the first", "dia primeiro". After a
        # "dia/day" it is always a date; after "el/the" only where nothing follows that it
        # could count ("the first time", "el primero en llegar" are not dates).
        if lex.day_words:
            day_w = alternation(lex.day_words)
            strong_pre = [p for p in lex.day_pre if {"dia", "day"} & set(p.split())]
            if strong_pre:
                add(
                    rf"{_B}{alternation(strong_pre)}\s+(?P<dayw>{day_w}){month_tail}{_E}",
                    _day_word_alone,
                )
            add(
                rf"{_B}{day_pre}\s+(?P<dayw>{day_w}){month_tail}{_E}"
                rf"(?=\s*(?:$|[,.;:!?)]|{intro}\s|\d|{of}\s|{pod_sfx}))",
                _day_word_alone,
            )
        # §4.5 "vence el 15": a due word also makes a bare day number a date ("vence 20",
        # "due 15", "prazo dia 5"), unless a unit or a time marker follows ("due 15 min").
        if lex.due_words:
            add(
                rf"{_B}{alternation(lex.due_words)}\s+(?:{day_pre}\s+)?{_DAY}{not_time}"
                rf"(?![/.,]\d)(?!\s*(?:{units}|(?:{of}\s+)?{mon}){_E}){month_tail}{_E}",
                _day_alone,
                also=lex.due_words,
            )
        rel = alternation(lex.relative_days)
        # "la mañana", "esta mañana" are the morning; "today's" names a thing, not a date.
        add(rf"{_B}(?<!\bla\s)(?<!\besta\s)(?P<rel>{rel}){_E}(?!'s)", _relative)
        intro_off = alternation(lex.offset_intro)
        add(rf"{_B}{intro_off}\s+{count}\s*(?P<unit>{units}){_E}", _offset)
        # "dans 1h30", "en 2h15": an elapsed time written as an h-form
        add(
            rf"{_B}{intro_off}\s+(?P<h>\d{{1,2}})\s?h\s?(?P<m>[0-5]\d)(?:\s?min)?{_E}",
            _offset_hform,
            _gate(lex.offset_intro),
            also=frozenset({DIGIT}),
        )
        add(
            rf"{_B}{intro_off}\s+(?P<phrase>{alternation(lex.duration_phrases)}){_E}",
            _offset_phrase,
        )
        add(
            rf"{_B}(?:{wd_pre}\s+)?{alternation(lex.end_of_month)}{_E}",
            _period("end_of_month"),
            _needles(lex.end_of_month),
        )
        add(rf"{_B}{alternation(lex.next_week)}{_E}", _period("next_week"), _needles(lex.next_week))
        add(
            rf"{_B}(?:{wd_pre}\s+)?{alternation(lex.weekend)}{_E}",
            _period("weekend"),
            _needles(lex.weekend),
        )

        # --- parts of day
        add(rf"{_B}(?P<pod>{alternation(lex.pod_today)}){_E}", _pod_today)
        add(rf"{_B}(?P<pod>{alternation(lex.pod_alone)}){_E}", _pod_alone)
        if lex.pod_after_date:
            add(rf"{_B}(?P<pod>{alternation(lex.pod_after_date)}){_E}", _pod_after_date)
        if lex.clock_prefix:
            add(
                rf"{_B}(?:{intro}\s+)?(?P<pre>{alternation(lex.clock_prefix)})\s+"
                rf"(?P<ah>1[0-2]|0?[1-9]|{nums})(?!\s*(?:{units}){_E}){pod_tail}{_E}",
                _clock_prefix,
            )

        # --- times
        a = _atom("a", nums)
        b = _atom("b", nums)
        hours = alternation(k for k, v in lex.units.items() if v == "hour")

        # fr "à 2 heures et demie": "et" there is no Eastern Time
        fraction_next = rf"(?:{half}|{qpast}){_E}"
        hw_minutes = r"(?:\s+(?P<hwm>[0-5]\d)(?![\w:]))?" if lex.hour_word_is_h else ""

        def hour_word(p: str) -> str:
            """fr "de 9 heures à 11 heures 30": an hour word makes an h-form (§14.3), and
            minutes may follow it."""
            if not lex.hour_word_is_h:
                return ""
            return rf"(?:\s+(?P<{p}hw>{hours})(?:\s+(?P<{p}hwm>[0-5]\d)(?![\w:]))?)?"

        add(
            # "de 4 y media a 6", "de 4 a 5 y media", "de 9h à 10h moins le quart"
            rf"{_B}(?:(?P<from>{alternation(lex.range_from)})\s+)?{a}{hour_word('a')}"
            rf"{fraction('a')}\s*"
            rf"(?:(?P<dash>-|–|—)|\s(?P<to>{alternation(w for w in lex.range_to if w != '-')})\s)"
            rf"\s*(?:{intro}\s+)?{b}{hour_word('b')}{fraction('b')}{pod_tail}{_tz}(?![\w:])"
            rf"(?!\s+(?:{of}\s+)?{mon}{_E})",
            _range,
            also=_DASHES | (_gate(w for w in lex.range_to if w != "-") or _DASHES),
        )
        oclock = alternation(lex.oclock) if lex.oclock else "(?!x)x"
        add(
            rf"{_B}(?P<intro>{intro})\s+{a}(?:\s+(?!{tz_words}{_E})(?P<hw>{hours})"
            rf"(?!\s+(?!{fraction_next}){tz_words}{_E}){hw_minutes}|\s*{oclock})?{frac}"
            rf"{pod_tail}{_tz}"
            rf"(?![\w:])",
            _clock,
            also=lex.time_intro,
        )
        add(
            rf"{_B}(?=\d{{1,2}}(?::\d\d|\.\d\d\s?[ap]\.?\s?m\b|\s?h|\s?[ap]\.?\s?m\b))(?<![\d.,:/]){a}{frac}{pod_tail}{_tz}(?![\w:])",
            _clock,
        )
        add(
            rf"{_B}(?<![\d.,:/])(?P<ah>2[0-3]|[01]?\d){frac}\s+(?P<pod>{pod_sfx}){_tz}{_E}",
            _clock_pod,
            also=lex.pod_suffix,
        )
        add(
            rf"{_B}(?:(?:{intro}|ao|al)\s+)?(?P<noon>{alternation(lex.noon)}){_E}",
            _noon(12),
            _needles(lex.noon),
        )
        add(
            rf"{_B}(?:(?:{intro}|a)\s+)?(?P<noon>{alternation(lex.midnight)}){_E}",
            _noon(0),
            _needles(lex.midnight),
        )

        # --- durations
        dur_intro = alternation(lex.duration_intro)
        add(
            rf"{_B}(?:{dur_intro}\s+)?(?P<n>\d{{1,3}}(?:[.,]\d)?|{alternation(lex.numbers)}|{a_unit}){dash_gap}"
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
        ctx = Context(self.lex, month_first, self.zones, self.street)
        if self.not_times is not None:
            # "más tarde", "later": never a time, and "tarde" inside is no afternoon (§13.3)
            folded = self.not_times.sub(lambda m: " " * len(m.group(0)), folded)
        found: list[tuple[int, int, Token]] = []
        words = _words(folded)
        for order, (pattern, handler, gates) in enumerate(self.rules):
            for gate in gates:
                if gate.isdisjoint(words):
                    break
            else:
                for m in pattern.finditer(folded):
                    tok = handler(m, ctx)
                    if tok is not None:
                        found.append((-(tok.end - tok.start), order, tok))
        found.sort(key=lambda x: (x[0], x[1], x[2].start))
        # Longest first; a candidate is kept when none of its characters is taken yet. The
        # occupancy map makes this linear in the text (a pairwise check was quadratic).
        occupied = bytearray(len(folded) + 1)
        taken: list[Token] = []
        for _, _, tok in found:
            if occupied.find(1, tok.start, tok.end) == -1:
                occupied[tok.start : tok.end] = b"\x01" * (tok.end - tok.start)
                taken.append(tok)
        taken.sort(key=lambda t: t.start)
        kept: list[Token] = []
        for tok in taken:
            if tok.anchored and not (kept and not folded[kept[-1].end : tok.start].strip()):
                continue
            kept.append(tok)
        return self._ends(folded, kept)

    def _ends(self, folded: str, tokens: list[Token]) -> list[Token]:
        """§13.4: "hasta el 30 de junio" and "durante 8 semanas" end a recurrence; without one
        the date is a plain date (a task's "hasta el 30") and the count means nothing."""
        recurring = any(t.recurrence is not None and not t.recurrence.adjective for t in tokens)
        out: list[Token] = []
        for t in tokens:
            if t.kind == "count":
                if recurring:
                    out.append(t)
                continue
            if t.kind == "until":
                out.append(t if recurring else replace(t, kind="date"))
                continue
            if recurring and t.kind == "date" and t.date is not None and t.part is None:
                start = self._until_start(folded, t)
                if start is not None:
                    out.append(replace(t, start=start, kind="until"))
                    continue
            out.append(t)
        return out

    def _until_start(self, folded: str, t: Token) -> int | None:
        if self.until_at is not None and self.until_at.match(folded, t.start):
            return t.start
        if self.until_before is None:
            return None
        window = max(0, t.start - 24)
        m = self.until_before.search(folded, window, t.start)
        return m.start() if m else None


_TOKEN_RE = re.compile(r"[^\W_]+")
_DIGIT_RE = re.compile(r"\d")
DIGIT = "<digit>"  # the needle of rules that need a figure
SLASH = "/"
DASH = "<dash>"  # the needle of rules that need a hyphen or dash between two figures
_DASH_RE = re.compile(r"[-–—]")
_DASHES = frozenset({DASH})


def _needles(words: Iterable[str]) -> frozenset[str]:
    """For each phrase its longest word (one it cannot match without): a text holding none of
    them as a word cannot match the rule."""
    out: set[str] = set()
    for w in words:
        tokens = _TOKEN_RE.findall(w)
        if tokens:
            out.add(max(tokens, key=len))
    return frozenset(out)


def _gate(phrases: Iterable[str]) -> frozenset[str]:
    """Needles of phrases one of which a pattern needs; empty (no gate) when a phrase has no
    word of its own ("@", "-"), since its absence from the words proves nothing."""
    phrases = list(phrases)
    if any(not _TOKEN_RE.search(p) for p in phrases):
        return frozenset()
    return _needles(phrases)


def _words(folded: str) -> set[str]:
    found = set(_TOKEN_RE.findall(folded))
    if _DIGIT_RE.search(folded):
        found.add(DIGIT)
    if SLASH in folded:
        found.add(SLASH)
    if _DASH_RE.search(folded):
        found.add(DASH)
    return found


# ------------------------------------------------------------------------------- handlers


def _wd_index(ctx: Context, word: str) -> int | None:
    w = " ".join(word.split())
    day = ctx.lex.weekdays.get(w)  # "2ª-feira" is a name of its own: "2ª" alone is none
    if day is not None:
        return day
    w = re.sub(r"-feiras?$", "", w)
    day = ctx.lex.weekdays.get(w)
    return ctx.lex.listed_weekdays.get(w) if day is None else day


def _count_of(ctx: Context, raw: str | None) -> int | None:
    if raw is None:
        return 1
    raw = " ".join(raw.split())
    if raw.isdigit():
        return int(raw)
    if raw in ctx.lex.a_unit:
        return 1
    return ctx.lex.numbers.get(raw)


def _nth_weekday(m: re.Match[str], ctx: Context) -> Token | None:
    g = m.groupdict()
    if g.get("of") and not g.get("ev") and " ".join(g["of"].split()) in ctx.lex.of_this_month:
        return None  # fr "le dernier samedi du mois": without tous/chaque, one date (§14.5)
    nth = ctx.lex.nth.get(m.group("nth"))
    wd = _wd_index(ctx, m.group("wd"))
    if nth is None or wd is None:
        return None
    return Token(
        m.start(), m.end(), "recurrence", recurrence=Recurrence("MONTHLY", byday=(wd,), nth=nth)
    )


def _nth_weekday_date(m: re.Match[str], ctx: Context) -> Token | None:
    nth = ctx.lex.nth.get(m.group("nth"))
    wd = _wd_index(ctx, m.group("wd"))
    if nth is None or wd is None:
        return None
    month = ctx.lex.months.get(m.group("mon").rstrip(".")) if m.group("mon") else None
    ahead = 1 if m.group("next_m") else None
    spec = NthWeekday(nth, wd, month, ahead)
    return Token(m.start(), m.end(), "date", date=spec)


def _weekday_span(m: re.Match[str], ctx: Context) -> Token | None:
    a, b = _wd_index(ctx, m.group("w1")), _wd_index(ctx, m.group("w2"))
    if a is None or b is None or a == b:
        return None
    days = tuple((a + k) % 7 for k in range((b - a) % 7 + 1))
    return Token(m.start(), m.end(), "recurrence", recurrence=Recurrence("WEEKLY", byday=days))


def _week_from(m: re.Match[str], ctx: Context) -> Token | None:
    wd = _wd_index(ctx, m.group("wd"))
    if wd is None:
        return None
    return Token(m.start(), m.end(), "date", date=Weekday(wd, later=7))


def _day_range(m: re.Match[str], ctx: Context) -> Token | None:
    a, b = int(m.group("d1")), int(m.group("d2"))
    if b <= a:
        return None
    g = m.groupdict()
    if g.get("mon"):
        mon = ctx.lex.months.get(g["mon"].rstrip("."))
        if mon is None:
            return None
        year = _year(g.get("year"))
        first: DateSpec = MonthDay(mon, a, year)
        last: DateSpec = MonthDay(mon, b, year)
    else:
        first, last = DayOfMonth(a), DayOfMonth(b)
    return Token(m.start(), m.end(), "date", date=first, last_day=last)


def _until_month(m: re.Match[str], ctx: Context) -> Token | None:
    mon = ctx.lex.months.get(m.group("mon").rstrip("."))
    if mon is None:
        return None
    return Token(m.start(), m.end(), "until", date=MonthEnd(mon))


def _count(*, weeks: bool) -> Handler:
    def handler(m: re.Match[str], ctx: Context) -> Token | None:
        n = _count_of(ctx, m.group("n"))
        if n is None or n < 1:
            return None
        return Token(m.start(), m.end(), "count", count=n, weeks=weeks)

    return handler


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


def _fortnights(ctx: Context, raw: str | None, unit: str | None) -> int | None:
    """ "quince días" / "quinze dias" in words are two weeks (§13.2); "a fortnight" too."""
    if unit == "fortnight":
        return _count_of(ctx, raw)
    if unit == "day" and raw is not None and " ".join(raw.split()) in ctx.lex.fortnight_words:
        return 1
    return None


def _every_n_units(m: re.Match[str], ctx: Context) -> Token | None:
    unit = ctx.lex.units.get(" ".join(m.group("unit").split()))
    fortnights = _fortnights(ctx, m.group("n"), unit)
    if fortnights:
        rec = Recurrence("WEEKLY", 2 * fortnights)
        return Token(m.start(), m.end(), "recurrence", recurrence=rec)
    n = _count_of(ctx, m.group("n"))
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


def _daily_part(m: re.Match[str], ctx: Context) -> Token | None:
    hour = ctx.lex.daily_parts.get(" ".join(m.group("pod").split()))
    return Token(m.start(), m.end(), "recurrence", part=hour, recurrence=Recurrence("DAILY"))


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


def _adverb_rec(m: re.Match[str], ctx: Context) -> Token | None:
    tok = _adjective_rec(m, ctx)
    if tok is None or tok.recurrence is None:
        return None
    rec = tok.recurrence
    plain = Recurrence(rec.freq, rec.interval, rec.byday, rec.nth, rec.bymonthday)
    # One character longer than the adjective reading of the same word, so it wins.
    return Token(m.start() - 1, m.end(), "recurrence", recurrence=plain)


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    y = int(raw)
    return y + 2000 if y < 100 else y


def _day_month(m: re.Match[str], ctx: Context) -> Token | None:
    mon = ctx.lex.months.get(m.group("mon").rstrip("."))
    if mon is None:
        return None
    g = m.groupdict()
    if g.get("dayw"):
        word = g["dayw"]
        day = ctx.lex.numbers.get(word) or ctx.lex.nth.get(word)
        if day is None or not 1 <= day <= 31:
            return None
    else:
        day = int(m.group("day"))
    spec = MonthDay(mon, day, _year(g.get("year")))
    return Token(m.start(), m.end(), "date", date=spec)


def _weekday_with_day(m: re.Match[str], ctx: Context) -> Token | None:
    day = int(m.group("day"))
    if m.group("mon"):
        mon = ctx.lex.months.get(m.group("mon").rstrip("."))
        if mon is None:
            return None
        spec: DateSpec = MonthDay(mon, day, _year(m.group("year")))
    else:
        spec = DayOfMonth(day, _months_ahead(m))
    return Token(m.start(), m.end(), "date", date=spec)


def _months_ahead(m: re.Match[str]) -> int | None:
    g = m.groupdict()
    if g.get("next_m"):
        return 1
    if g.get("this_m"):
        return 0
    return None


def _numeric_date(m: re.Match[str], ctx: Context) -> Token | None:
    a, b = int(m.group("a")), int(m.group("b"))
    # Guidelines §4.6: day-first unless English in the Americas; a first number > 12 is a day.
    day, month = (b, a) if ctx.month_first and a <= 12 else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Token(m.start(), m.end(), "date", date=MonthDay(month, day, _year(m.group("y"))))


def _iso_date(m: re.Match[str], ctx: Context) -> Token | None:
    spec = MonthDay(int(m.group("b")), int(m.group("a")), int(m.group("y")))
    return Token(m.start(), m.end(), "date", date=spec)


def _weekday(m: re.Match[str], ctx: Context) -> Token | None:
    wd = _wd_index(ctx, m.group("wd"))
    if wd is None:
        return None
    later = ctx.lex.weekday_later.get(" ".join((m.groupdict().get("later") or "").split()), 0)
    return Token(m.start(), m.end(), "date", date=Weekday(wd, later))


def _month_part(m: re.Match[str], ctx: Context) -> Token | None:
    mon = ctx.lex.months.get(m.group("mon").rstrip("."))
    day = ctx.lex.month_parts.get(" ".join(m.group("part").split()))
    if mon is None or day is None:
        return None
    return Token(m.start(), m.end(), "date", date=MonthDay(mon, day, _year(m.group("year"))))


def _weekday_alternatives(m: re.Match[str], ctx: Context) -> Token | None:
    days = _weekday_list(ctx, m.group("wds"))
    if len(days) < 2:
        return None
    return Token(m.start(), m.end(), "date", date=Weekday(days[0], alternatives=days))


def _day_alone(m: re.Match[str], ctx: Context) -> Token | None:
    return Token(m.start(), m.end(), "date", date=DayOfMonth(int(m.group("day")), _months_ahead(m)))


def _day_word_alone(m: re.Match[str], ctx: Context) -> Token | None:
    day = ctx.lex.day_words.get(m.group("dayw"))
    if day is None:
        return None
    return Token(m.start(), m.end(), "date", date=DayOfMonth(day, _months_ahead(m)))


def _relative(m: re.Match[str], ctx: Context) -> Token | None:
    days = ctx.lex.relative_days.get(" ".join(m.group("rel").split()))
    if days is None:
        return None
    return Token(m.start(), m.end(), "date", date=RelDays(days))


def _offset(m: re.Match[str], ctx: Context) -> Token | None:
    unit = ctx.lex.units.get(" ".join(m.group("unit").split()))
    fortnights = _fortnights(ctx, m.group("n"), unit)
    if fortnights:
        return Token(m.start(), m.end(), "date", date=RelDays(14 * fortnights))
    n = _count_of(ctx, m.group("n"))
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


def _offset_hform(m: re.Match[str], ctx: Context) -> Token | None:
    minutes = int(m.group("h")) * 60 + int(m.group("m"))
    return Token(m.start(), m.end(), "moment", minutes=minutes) if minutes else None


def _offset_phrase(m: re.Match[str], ctx: Context) -> Token | None:
    minutes = ctx.lex.duration_phrases.get(" ".join(m.group("phrase").split()))
    if minutes is None:
        return None
    return Token(m.start(), m.end(), "moment", minutes=minutes)


def _period(name: PeriodName) -> Handler:
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
    c = apply_meridiem(Clock(hour, 0, False), _pod_meridiem(m, ctx))
    c = _minus(c, -offset) if offset < 0 else Clock(c.hour, offset, c.explicit, c.meridiem)
    return Token(m.start(), m.end(), "time", clock=c)


def _pod_meridiem(m: re.Match[str], ctx: Context) -> Literal["am", "pm"] | None:
    pod = m.groupdict().get("pod")
    if not pod:
        return None
    return "pm" if ctx.lex.pod_suffix.get(" ".join(pod.split())) == "pm" else "am"


def _adjust_fraction(c: Clock, m: re.Match[str], ctx: Context, p: str = "") -> Clock | None:
    g = m.groupdict()
    if g.get(p + "half"):
        return Clock(c.hour, 30, c.explicit, c.meridiem) if c.minute == 0 else None
    if g.get(p + "qpast"):
        return Clock(c.hour, 15, c.explicit, c.meridiem) if c.minute == 0 else None
    if g.get(p + "qto"):
        return _minus(c, 15) if c.minute == 0 else None
    if g.get(p + "mto"):
        back = ctx.lex.minutes_to.get(" ".join(g[p + "mto"].split()))
        return _minus(c, back) if back and c.minute == 0 else None
    return c


def _minus(c: Clock, minutes: int) -> Clock:
    """ "las 8 menos cuarto", "quarter to 8": the hour is read as written (bare-hour rule,
    am/pm) and then the minutes are counted back: 07:45, and "quarter to 5" is 16:45."""
    t = clock_time(c)
    total = (t.hour * 60 + t.minute - minutes) % (24 * 60)
    return Clock(total // 60, total % 60, True)


def _zone(m: re.Match[str], ctx: Context) -> str | None:
    word = m.groupdict().get("zone")
    return ctx.zones.get(" ".join(word.split())) if word else None


def _clock(m: re.Match[str], ctx: Context) -> Token | None:
    c = _clock_from(m, "a", ctx)
    if c is None:
        return None
    bare = c.meridiem is None and not m.group("ahf") and c.minute == 0
    if bare and ctx.street is not None and ctx.street.match(m.string, m.end()):
        return None  # "at 14 Elm Road": a house number, not a time
    if m.groupdict().get("hw") and ctx.lex.hour_word_is_h and c.meridiem is None:
        c = _hour_word(c, m, "")  # fr "à deux heures" is "à 2h": 02:00 (§14.3)
    c = _adjust_fraction(apply_meridiem(c, _pod_meridiem(m, ctx)), m, ctx)
    if c is None:
        return None
    return Token(m.start(), m.end(), "time", clock=c, zone=_zone(m, ctx))


def _clock_pod(m: re.Match[str], ctx: Context) -> Token | None:
    hour = int(m.group("ah"))
    c = _adjust_fraction(apply_meridiem(Clock(hour, 0, hour >= 13), _pod_meridiem(m, ctx)), m, ctx)
    if c is None:
        return None
    return Token(m.start(), m.end(), "time", clock=c, zone=_zone(m, ctx))


def _hour_word(c: Clock, m: re.Match[str], p: str) -> Clock:
    """fr "9 heures", "16 heures 30" in a range are "9h", "16h30": as written (§14.3)."""
    g = m.groupdict()
    if not g.get(p + "hw") or c.meridiem is not None:
        return c
    minutes = g.get(p + "hwm")
    return replace(c, explicit=True, minute=int(minutes) if minutes and not c.minute else c.minute)


def _range(m: re.Match[str], ctx: Context) -> Token | None:
    a = _clock_from(m, "a", ctx)
    b = _clock_from(m, "b", ctx)
    if a is None or b is None:
        return None
    a, b = _hour_word(a, m, "a"), _hour_word(b, m, "b")
    marked = a.explicit or b.explicit or a.minute or b.minute or m.group("am") or m.group("bm")
    to_word = " ".join((m.group("to") or "").split())
    # Without "de/from/das" a range needs a time marker and a separator that cannot also
    # introduce a single time: "2-4pm" and "2 to 4pm" are ranges, "dia 4 às 9h" is not. A
    # bare "5-7" is a range only right after a date ("Thursday 5-7", "mañana 10-12").
    anchored = False
    if not m.group("from"):
        if not m.group("dash") and (not to_word or to_word in ctx.lex.time_intro):
            return None
        if not marked:
            if not m.group("dash"):
                return None
            anchored = True
    b = apply_meridiem(b, _pod_meridiem(m, ctx))
    if b.meridiem is not None and a.meridiem is None:
        shifted = apply_meridiem(a, b.meridiem)
        if clock_time(shifted) <= clock_time(b):
            a = shifted
    a_frac = _adjust_fraction(a, m, ctx, "a")
    b_frac = _adjust_fraction(b, m, ctx, "b")
    if a_frac is None or b_frac is None:
        return None
    a, b = a_frac, b_frac
    return Token(
        m.start(), m.end(), "time", clock=a, end_clock=b, anchored=anchored, zone=_zone(m, ctx)
    )


def _noon(hour: int) -> Handler:
    def handler(m: re.Match[str], ctx: Context) -> Token | None:
        word = " ".join(m.group("noon").split())
        minute = (
            30
            if word.endswith(("meia", *ctx.lex.half_past))
            else 15
            if word.endswith(tuple(ctx.lex.quarter_past) or ("\x00",))
            else 0
        )
        # Midnight is 00:00 at the *end* of the day it goes with (§13.3).
        clock = Clock(hour, minute, True, next_day=hour == 0)
        return Token(m.start(), m.end(), "time", clock=clock)

    return handler


def _duration(m: re.Match[str], ctx: Context) -> Token | None:
    unit = ctx.lex.units.get(" ".join(m.group("unit").split()))
    raw = " ".join(m.group("n").split())
    if raw[:1].isdigit():
        n = float(raw.replace(",", "."))
    else:
        c = _count_of(ctx, raw)
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


class _Grammars(Mapping[Language, Grammar]):
    """Each language's `Grammar`, compiled the first time a text in that language is read,
    then kept. Compiling all four takes ~0.6 s (more on a Pi), which every process importing
    the parsers paid at import, parse or not: each CLI command that reaches the reply
    wordings (`rules list`), each test worker. The parser process compiles them all while
    it warms up (`compile_all`)."""

    def __init__(self) -> None:
        self._built: dict[Language, Grammar] = {}

    def __getitem__(self, lang: Language) -> Grammar:
        grammar = self._built.get(lang)
        if grammar is None:  # two threads may both build it: the same rules, either wins
            grammar = self._built[lang] = Grammar(LEXICONS[lang])
        return grammar

    def __iter__(self) -> Iterator[Language]:
        return iter(LEXICONS)

    def __len__(self) -> int:
        return len(LEXICONS)


GRAMMARS: Mapping[Language, Grammar] = _Grammars()


def compile_all() -> None:
    """Compile every language's grammar now, rather than in the first text of each."""
    for lang in GRAMMARS:
        GRAMMARS[lang]
