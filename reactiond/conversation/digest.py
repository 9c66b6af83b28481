"""The daily digest (issue 20 §5): the chat command that asks for it ("resumen diario
8:00", "daily digest 8am", "resumo diário 8h", "resumen diario no") and when it is due
next. Pure: `now` and `tz` are arguments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from reactiond.conversation.corrections import says
from reactiond.conversation.words import WORDS
from reactiond.nlp.dates import scan
from reactiond.nlp.language import detect
from reactiond.nlp.result import LANGUAGES, Language
from reactiond.nlp.temporal import clock_time
from reactiond.nlp.text import fold

DEFAULT_AT = time(8, 0)
MAX_COMMAND_CHARS = 80
# "resumen diario 9": a number alone is an hour (the date grammar reads no time in it).
_BARE_HOUR = re.compile(r"(?<![\d:.,/])([01]?\d|2[0-3])(?![\d:.,/])")


@dataclass(frozen=True)
class DigestCommand:
    language: Language
    on: bool
    at: time = DEFAULT_AT


def read_digest_command(
    text: str, *, now: datetime, tz: str, hint: str | None = None
) -> DigestCommand | None:
    """The digest command `text` gives, or None when it is none. Without a time, 8:00."""
    if not text.strip() or len(text) > MAX_COMMAND_CHARS:
        return None
    folded = fold(text)
    detected: Language = detect(text, tz, hint)
    for lang in (detected, *(code for code in LANGUAGES if code != detected)):
        w = WORDS[lang]
        if not says(folded, w.digest):
            continue
        if says(folded, w.off):
            return DigestCommand(lang, on=False)
        at = digest_time(text, lang, tz)
        return DigestCommand(lang, on=True, at=at.replace(second=0, microsecond=0))
    return None


def digest_time(text: str, lang: Language, tz: str) -> time:
    """The time of day a digest command names (8:00 when none). Unlike a task's "a las
    7" (19:00 by the date grammar's bare-hour rule: meetings are rarely at dawn), a
    digest's bare "7:30" is the morning, when a summary of the day is read: only am/pm
    or a part of the day ("de la tarde", "da noite", "du soir", "pm") makes it later,
    and a 24-hour "19:30"/"20h" is kept as written."""
    for token in scan(text, lang, tz):
        c = token.clock
        if c is not None:
            if c.meridiem is None and not c.explicit:
                return time(c.hour % 24, c.minute)
            return clock_time(c, token.part)
        if token.kind == "part" and token.part is not None:
            return time(token.part % 24)
    bare = _BARE_HOUR.search(fold(text))
    return time(int(bare.group(1))) if bare is not None else DEFAULT_AT


def next_digest(hour: int, minute: int, tz: str, now: float) -> tuple[float, date]:
    """The next moment it is `hour:minute` in `tz` after `now`, and that local day."""
    zone = ZoneInfo(tz)
    local = datetime.fromtimestamp(now, zone)
    candidate = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if candidate.timestamp() <= now:
        day = candidate.date() + timedelta(days=1)
        candidate = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    return candidate.timestamp(), candidate.date()
