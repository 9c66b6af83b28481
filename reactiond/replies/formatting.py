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
LOCALES: dict[Language, str] = {"es": "es_MX", "en": "en_US", "pt": "pt_BR", "fr": "fr_FR"}

# Where a language is written differently by region, the reader's zone picks the CLDR
# locale: "1 234,56 $" in Montreal, "CHF 1’234.56" in Geneva, "18 500 F CFA" in Dakar.
REGIONAL_LOCALES: dict[Language, dict[str, str]] = {
    "fr": {
        "Europe/Paris": "fr_FR",
        "Europe/Brussels": "fr_BE",
        "Europe/Zurich": "fr_CH",
        "Europe/Luxembourg": "fr_LU",
        "America/Montreal": "fr_CA",
        "America/Toronto": "fr_CA",
        "Africa/Dakar": "fr_SN",
        "Africa/Abidjan": "fr_CI",
        "Africa/Douala": "fr_CM",
        "Africa/Casablanca": "fr_MA",
    },
}

# A date closer than this to "now" is shown without its year ("vie 15 de ene").
_YEARLESS_WITHIN_DAYS = 180

# es_MX writes a foreign currency as "USD890.50"; a space reads better.
_CODE_GLUED_TO_DIGITS = re.compile(r"^([A-Z]{3})(\d)")

# CLDR puts (narrow) no-break spaces in "3:00 PM" and "R$ 10"; some phones draw them as
# boxes and they make replies hard to compare, so replies use plain spaces.
_PLAIN_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def _plain(text: str) -> str:
    return text.translate(_PLAIN_SPACES)


def locale_for(lang: Language, tz: str | None = None) -> str:
    return REGIONAL_LOCALES.get(lang, {}).get(tz or "", LOCALES[lang])


def money(amount: Decimal, currency: str, lang: Language, *, tz: str | None = None) -> str:
    text: str = format_currency(amount, currency.upper(), locale=locale_for(lang, tz))
    return _CODE_GLUED_TO_DIGITS.sub(r"\1 \2", _plain(text))


def _show_year(day: date, now: datetime | date | None) -> bool:
    if now is None:
        return True
    today = now.date() if isinstance(now, datetime) else now
    return not (0 <= (day - today).days <= _YEARLESS_WITHIN_DAYS) and day.year != today.year


def day(
    value: date, lang: Language, *, now: datetime | date | None = None, tz: str | None = None
) -> str:
    """A calendar day with its weekday: "vie, 15 de ene de 2027" / "Fri, Jan 15"."""
    skeleton = "yMMMEd" if _show_year(value, now) else "MMMEd"
    text: str = format_skeleton(skeleton, value, locale=locale_for(lang, tz))
    return _plain(text)


def _in_zone(value: datetime, tz: str) -> datetime:
    zone = ZoneInfo(tz)
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


def clock(value: datetime, lang: Language, tz: str) -> str:
    """A time of day: "3:00 p.m." / "3:00 PM" / "15:00"."""
    local = _in_zone(value, tz)
    text: str = format_time(local, "short", tzinfo=local.tzinfo, locale=locale_for(lang, tz))
    return _plain(text)


def when(
    value: date | datetime, lang: Language, tz: str, *, now: datetime | date | None = None
) -> str:
    """A day, or a day and a time, in the reader's locale and zone."""
    if isinstance(value, datetime):
        local = _in_zone(value, tz)
        if now is not None and isinstance(now, datetime) and now.tzinfo is not None:
            now = now.astimezone(local.tzinfo)
        return f"{day(local.date(), lang, now=now, tz=tz)}, {clock(local, lang, tz)}"
    return day(value, lang, now=now, tz=tz)
