"""Shared fixtures for the NLP unit tests: fixed `now` values and time zones per language."""

from __future__ import annotations

from datetime import date, datetime

from reactiond.nlp.dates import resolve, scan
from reactiond.nlp.result import Language

# A Thursday morning; 2026-01-08.
THU = datetime(2026, 1, 8, 9, 15)
TZ: dict[Language, str] = {
    "es": "America/Mexico_City",
    "en": "America/New_York",
    "pt": "America/Sao_Paulo",
}


def when(text: str, lang: Language, now: datetime = THU, tz: str | None = None) -> object:
    """The resolved value of the temporal phrases in `text`."""
    return resolve(scan(text, lang, tz or TZ[lang]), now).value


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


def dt(y: int, m: int, day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, day, hh, mm)
