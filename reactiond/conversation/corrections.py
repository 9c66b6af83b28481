"""Corrections by reply (issue 20 §2): a person quotes reactiond's confirmation with "no, a
las 4", "el viernes", "era $950", "cambia a 📅", "cancela", "amanhã às 10" or "make it
Thursday 3pm". Pure: the same date and money readers as the parsers, applied only to the
fields the correction names.

`read_correction` says what the text asks for; `correction_body` turns that into a change
of one record (a records-API body), or None when it does not apply to that kind."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Any

from reactiond.conversation.words import WORDS
from reactiond.date_range import in_range
from reactiond.nlp.dates import find_dates
from reactiond.nlp.language import detect
from reactiond.nlp.money import find_amounts
from reactiond.nlp.result import LANGUAGES, Language
from reactiond.nlp.temporal import DateMatch
from reactiond.nlp.text import fold
from reactiond.rules.emoji import looks_like_emoji, normalise_emoji

MAX_CORRECTION_CHARS = 300  # a correction is a short reply; longer text is not one
MAX_AMOUNT = Decimal("1e12")  # as records.change allows
_EMOJI_RUN = re.compile(r"[^\w\s.,;:!?¿¡'\"()\-]+")


@dataclass(frozen=True)
class Correction:
    """What a reply asks to change. Empty (`understood` False): not a correction."""

    language: Language
    day: date | None = None
    clock: time | None = None
    amount: Decimal | None = None
    currency: str | None = None
    cancel: bool = False
    done: bool = False
    switch_to: str | None = None  # a rule's emoji: "cambia a 📅"
    thanks: bool = False  # "ok, gracias 👍": nothing to correct, nothing to answer
    switch_asked: bool = False  # "cambia a …" was written (not a lone emoji)

    @property
    def understood(self) -> bool:
        return bool(
            self.day or self.clock or self.amount is not None or self.cancel or self.done
        ) or (self.switch_to is not None)

    @property
    def changes_fields(self) -> bool:
        return self.day is not None or self.clock is not None or self.amount is not None


@cache
def _phrase(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])")


def says(folded: str, words: tuple[str, ...]) -> bool:
    """Whether a folded text contains one of `words` as whole words."""
    return bool(words) and _phrase(words).search(folded) is not None


def _any_language(folded: str, pick: str) -> bool:
    return any(says(folded, getattr(w, pick)) for w in WORDS.values())


def _switch_emoji(text: str, folded: str) -> str | None:
    runs = [normalise_emoji(r) for r in _EMOJI_RUN.findall(text)]
    emojis = [r for r in runs if looks_like_emoji(r)]
    if len(emojis) != 1:
        return None
    bare = _EMOJI_RUN.sub(" ", text).strip(" .,!¡?¿")
    if not bare or _any_language(folded, "switch"):
        return emojis[0]
    return None


def read_correction(text: str, *, now: datetime, tz: str, hint: str | None = None) -> Correction:
    """What `text` (a reply to a confirmation) asks to change. `now` is when it was sent,
    as a naive local time in `tz`; relative dates ("el viernes") count from it."""
    text = text[:MAX_CORRECTION_CHARS]
    lang: Language = detect(text, tz, hint)
    folded = fold(text)
    # A correction is a few words ("dia 23 às 10"): too short for the language detector
    # to be sure. The language whose date reader reads the most of it wins.
    best = find_dates(text, lang, now, tz)
    for other in LANGUAGES:
        if other == lang:
            continue
        found_there = find_dates(text, other, now, tz)
        if _covered(found_there) > _covered(best):
            lang, best = other, found_there
    day: date | None = None
    clock: time | None = None
    spans: list[tuple[int, int]] = []
    for found in best:
        spans.append((found.start, found.end))
        value = found.value
        if found.kind == "datetime" and isinstance(value, datetime):
            day = day or value.date()
            clock = clock or value.time()
        elif found.kind in ("date", "recurrence") and isinstance(value, date):
            day = day or (value.date() if isinstance(value, datetime) else value)
        elif found.kind == "time" and isinstance(value, time):
            clock = clock or value
        elif found.kind == "part" and isinstance(value, int):
            clock = clock or time(value)
    amount: Decimal | None = None
    currency: str | None = None
    money = [
        a for a in find_amounts(text, lang, exclude=spans, tz=tz) if a.strength >= 1 and a.value > 0
    ]
    if money:
        strongest = max(money, key=lambda a: a.strength)
        amount = strongest.value
        # A bare "$" is whichever dollar or peso the record already is in: kept.
        currency = None if strongest.dollar_sign else strongest.currency
    if day or clock or amount is not None:
        return Correction(lang, day, clock, amount, currency)
    switch = _switch_emoji(text, folded)
    if switch is not None:
        asked = _any_language(folded, "switch")
        return Correction(lang, switch_to=switch, switch_asked=asked)
    if _any_language(folded, "cancel"):
        return Correction(lang, cancel=True)
    if _any_language(folded, "done"):
        return Correction(lang, done=True)
    return Correction(lang, thanks=_only_thanks(folded))


def _only_thanks(folded: str) -> bool:
    """Whether the text says nothing but thanks, ok, and emoji."""
    rest = _EMOJI_RUN.sub(" ", folded)
    for w in WORDS.values():
        if w.thanks:
            rest = _phrase(w.thanks).sub(" ", rest)
    return not re.sub(r"[\s.,;:!?¿¡'\"()\-]+", "", rest)


def _covered(found: list[DateMatch]) -> int:
    return sum(f.end - f.start for f in found)


def _when(value: Any) -> date | datetime | None:
    if not value:
        return None
    text = str(value)
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


def _moved(current: date | datetime | None, c: Correction, *, allow_time: bool) -> str | None:
    """The new local value, from the current one and the parts the correction names."""
    day = c.day
    clock = c.clock if allow_time else None
    if day is None and clock is None:
        return None
    if day is None:
        if current is None:
            return None  # "a las 4" on a record without a date: which day is unknown
        day = current.date() if isinstance(current, datetime) else current
    if clock is None and isinstance(current, datetime) and allow_time:
        clock = current.time()
    if clock is None:
        return day.isoformat()
    return datetime.combine(day, clock).strftime("%Y-%m-%dT%H:%M")


_CLOSED = {"tasks": "done", "bills": "paid"}


def correction_body(table: str, values: Mapping[str, Any], c: Correction) -> dict[str, Any] | None:
    """The change `c` makes to one record, or None when it names nothing this kind has
    (an amount for a task, a time for a bill, "done" for a note)."""
    if c.cancel:
        return {"status": "cancelled"}
    if c.done:
        closed = _CLOSED.get(table)
        return {"status": closed} if closed else None
    if c.amount is not None and not (0 < c.amount < MAX_AMOUNT):
        # What the records API would refuse (and too long to round to cents): said as
        # help, never a failed job.
        return None
    if c.day is not None and not in_range(c.day):
        return None
    body: dict[str, Any] = {}
    if table == "tasks":
        due = _moved(_when(values.get("due_local")), c, allow_time=True)
        if due is not None:
            body["due"] = due
    elif table == "calendar_events":
        start = _moved(_when(values.get("start_local")), c, allow_time=True)
        if start is not None:
            body["start"] = start
    elif table == "bills":
        due = _moved(_when(values.get("due_local")), c, allow_time=False)
        if due is not None:
            body["due"] = due
        if c.amount is not None:
            body["amount"] = f"{c.amount.quantize(Decimal('0.01'))}"
            if c.currency:
                body["currency"] = c.currency
    if c.amount is not None and table != "bills":
        return None
    return body or None
