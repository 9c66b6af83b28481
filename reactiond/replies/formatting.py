"""Dates, times and money as a reader of each language expects them (Babel, CLDR data).

Pure: the values and the zone come in as arguments. Naive values are local wall-clock
times in `tz` (the parsers' convention); aware values are shown in `tz`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton, format_time
from babel.numbers import format_currency

from reactiond.nlp.result import Language

# One CLDR locale per reply language: the regions most of our users live in.
LOCALES: dict[Language, str] = {"es": "es_MX", "en": "en_US", "pt": "pt_BR"}

# A date closer than this to "now" is shown without its year ("vie 15 de ene").
_YEARLESS_WITHIN_DAYS = 180

# es_MX writes a foreign currency as "USD890.50"; a space reads better.
_CODE_GLUED_TO_DIGITS = re.compile(r"^([A-Z]{3})(\d)")

# CLDR puts (narrow) no-break spaces in "3:00 PM" and "R$ 10"; some phones draw them as
# boxes and they make replies hard to compare, so replies use plain spaces.
_PLAIN_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def _plain(text: str) -> str:
    return text.translate(_PLAIN_SPACES)


def locale_for(lang: Language) -> str:
    return LOCALES[lang]


def money(amount: Decimal, currency: str, lang: Language) -> str:
    text: str = format_currency(amount, currency.upper(), locale=locale_for(lang))
    return _CODE_GLUED_TO_DIGITS.sub(r"\1 \2", _plain(text))


def _show_year(day: date, now: datetime | date | None) -> bool:
    if now is None:
        return True
    today = now.date() if isinstance(now, datetime) else now
    return not (0 <= (day - today).days <= _YEARLESS_WITHIN_DAYS) and day.year != today.year


def day(value: date, lang: Language, *, now: datetime | date | None = None) -> str:
    """A calendar day with its weekday: "vie, 15 de ene de 2027" / "Fri, Jan 15"."""
    skeleton = "yMMMEd" if _show_year(value, now) else "MMMEd"
    text: str = format_skeleton(skeleton, value, locale=locale_for(lang))
    return _plain(text)


def _in_zone(value: datetime, tz: str) -> datetime:
    zone = ZoneInfo(tz)
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


def clock(value: datetime, lang: Language, tz: str) -> str:
    """A time of day: "3:00 p.m." / "3:00 PM" / "15:00"."""
    local = _in_zone(value, tz)
    text: str = format_time(local, "short", tzinfo=local.tzinfo, locale=locale_for(lang))
    return _plain(text)


def when(
    value: date | datetime, lang: Language, tz: str, *, now: datetime | date | None = None
) -> str:
    """A day, or a day and a time, in the reader's locale and zone."""
    if isinstance(value, datetime):
        local = _in_zone(value, tz)
        if now is not None and isinstance(now, datetime) and now.tzinfo is not None:
            now = now.astimezone(local.tzinfo)
        return f"{day(local.date(), lang, now=now)}, {clock(local, lang, tz)}"
    return day(value, lang, now=now)
