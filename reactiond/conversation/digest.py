"""The daily digest (issue 20 §5): the chat command that asks for it ("resumen diario
8:00", "daily digest 8am", "resumo diário 8h", "resumen diario no") and when it is due
next. Pure: `now` and `tz` are arguments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from reactiond.conversation.corrections import says
from reactiond.conversation.words import WORDS
from reactiond.nlp.dates import find_dates
from reactiond.nlp.language import detect
from reactiond.nlp.result import LANGUAGES, Language
from reactiond.nlp.text import fold

DEFAULT_AT = time(8, 0)
MAX_COMMAND_CHARS = 80


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
        at = DEFAULT_AT
        for found in find_dates(text, lang, now, tz):
            if found.kind == "time" and isinstance(found.value, time):
                at = found.value
                break
            if found.kind == "datetime" and isinstance(found.value, datetime):
                at = found.value.time()
                break
        return DigestCommand(lang, on=True, at=at.replace(second=0, microsecond=0))
    return None


def next_digest(hour: int, minute: int, tz: str, now: float) -> tuple[float, date]:
    """The next moment it is `hour:minute` in `tz` after `now`, and that local day."""
    zone = ZoneInfo(tz)
    local = datetime.fromtimestamp(now, zone)
    candidate = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if candidate.timestamp() <= now:
        day = candidate.date() + timedelta(days=1)
        candidate = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    return candidate.timestamp(), candidate.date()
