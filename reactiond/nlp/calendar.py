"""The calendar parser 📅 (guidelines §7): title, start, duration, location, platform,
attendees, recurrence. Refuses when the text has no date and no time (§9)."""

from __future__ import annotations

from datetime import datetime

from reactiond.nlp.dates import resolve, scan
from reactiond.nlp.lexicon import COMMON_PLATFORMS
from reactiond.nlp.phrases import (
    CAPITALIZED_PLATFORMS,
    PHRASES,
    Phrases,
    with_preps,
    with_suffix,
)
from reactiond.nlp.result import CalendarData, Language, ParseResult
from reactiond.nlp.text import (
    EMOJI_RE,
    MENTION_RE,
    capitalize_first,
    fold,
    remove_spans,
    tidy,
)

_HOLE = "\x00"


def _platform(text: str, folded: str, ph: Phrases) -> tuple[str | None, list[tuple[int, int]]]:
    platforms = {**COMMON_PLATFORMS, **ph.lex.platforms}
    name: str | None = None
    spans: list[tuple[int, int]] = []
    for m in ph.platform.finditer(folded):
        if (
            m.group("named")
            and text[m.start("named") : m.end("named")] not in CAPITALIZED_PLATFORMS
        ):
            continue
        word = " ".join((m.group("weak") or m.group("strong") or m.group("named") or "").split())
        canonical = platforms.get(word)
        if canonical is None:
            continue
        if name is None:
            name = canonical
        if m.start() == 0 and word in ph.lex.platform_nouns:
            continue  # "Appel téléphonique avec la banque": the event itself, kept (§14.5)
        spans.append(m.span())
    return name, spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            chars[i] = _HOLE
    return "".join(chars)


def _location(text: str, holes: str, ph: Phrases) -> tuple[str | None, tuple[int, int] | None]:
    folded_holes = fold(holes)
    for m in ph.location.finditer(folded_holes):
        start, end = m.span("loc") if m.group("loc") is not None else m.span("kept")
        cut = ph.location_stop.search(folded_holes, start, end)
        if cut is not None:
            end = cut.start()  # "at Nopa with Jess": the company is not part of the place
        if ph.non_location.match(folded_holes, start):
            continue
        loc = tidy(EMOJI_RE.sub(" ", text[start:end]))
        if not loc or not any(ch.isalpha() for ch in loc):
            continue
        return loc, (m.start(), end)
    return None, None


def parse_calendar(text: str, lang: Language, now: datetime, tz: str) -> ParseResult:
    ph = PHRASES[lang]
    folded = fold(text)
    tokens = scan(text, lang, tz)
    when = resolve(tokens, now)
    attendees = tuple(dict.fromkeys(m.group("name") for m in MENTION_RE.finditer(text)))
    if when.value is None:
        partial = {"attendees": attendees}
        return ParseResult("calendar", False, lang, None, 0.0, reason="no_date", partial=partial)
    # Recurrence adjectives ("weekly sync") are kept in the title (fr: unless alone, §14.5).
    alone = ph.lex.adjective_recurrence_alone_leaves and (
        sum(t.recurrence is not None for t in tokens) == 1
    )
    spans = [
        (with_preps(folded, t.start, ph), with_suffix(folded, t.end, ph))
        for t in tokens
        if not (t.recurrence is not None and t.recurrence.adjective and not alone)
    ]
    platform, platform_spans = _platform(text, folded, ph)
    spans += platform_spans
    spans += [m.span() for m in ph.attendees.finditer(folded)]
    spans += [m.span() for m in ph.undecided.finditer(folded)]
    holes = _blank(text, spans)
    location, loc_span = _location(text, holes, ph)
    if loc_span is not None:
        spans.append(loc_span)
    title = tidy(remove_spans(text, spans))
    m = ph.calendar_trigger.match(fold(title))
    if m and title[m.end() :].strip():
        title = tidy(title[m.end() :])
    data = CalendarData(
        title=capitalize_first(title) or None,
        start=when.value,
        duration_minutes=when.duration_minutes,
        location=location,
        platform=platform,
        attendees=attendees,
        recurrence=when.recurrence,
    )
    return ParseResult("calendar", True, lang, data, 0.9 if title else 0.6)
