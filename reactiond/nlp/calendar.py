"""The calendar parser 📅 (guidelines §7): title, start, duration, location, platform,
attendees, recurrence. Refuses when the text has no date and no time (§9)."""

from __future__ import annotations

import re
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
from reactiond.nlp.temporal import Token
from reactiond.nlp.text import (
    EMOJI_RE,
    MENTION_RE,
    capitalize_first,
    fold,
    remove_spans,
    tidy,
)
from reactiond.nlp.units import Unit, greeting_spans, leading_greeting, mask, units

_HOLE = "\x00"
_PLACE_END_RE = re.compile(EMOJI_RE.pattern + "|[?¿]")


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
        # a place ends at an emoji or a question ("@ The Tap Room 🍻 who's coming?")
        cut_at = _PLACE_END_RE.search(text, start, end)
        if cut_at is not None:
            end = cut_at.start()
        loc = tidy(EMOJI_RE.sub(" ", text[start:end]))
        if not loc or not any(ch.isalpha() for ch in loc):
            continue
        return loc, (m.start(), end)
    return None, None


def _event_unit(found: list[Unit], tokens: list[Token]) -> int | None:
    """§13.1: the unit holding the event's date or time (the first of them)."""
    anchors = [
        t.start
        for t in tokens
        if t.kind != "duration" and not (t.recurrence is not None and t.recurrence.adjective)
    ]
    if not anchors:
        return None
    first = min(anchors)
    for i, u in enumerate(found):
        if u.start <= first < u.end:
            return i
    return None


def _unit_title(text: str, spans: list[tuple[int, int]], found: list[Unit], i: int) -> str:
    others = [(u.start, u.end) for j, u in enumerate(found) if j != i]
    return tidy(remove_spans(text, [*spans, *others]))


def parse_calendar(text: str, lang: Language, now: datetime, tz: str) -> ParseResult:
    ph = PHRASES[lang]
    found = units(text)
    # Greetings ("buenas tardes", "bom dia") and sign-off units are no dates or times.
    masked = mask(text, greeting_spans(text, found))
    folded = fold(masked)
    tokens = scan(masked, lang, tz)
    when = resolve(tokens, now, tz)
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
    platform, platform_spans = _platform(masked, folded, ph)
    spans += platform_spans
    if "@" in folded:  # no mention, no attendee phrase: skip the pass
        spans += [m.span() for m in ph.attendees.finditer(folded)]
    spans += [m.span() for m in ph.undecided.finditer(folded)]
    event = _event_unit(found, tokens)
    # The place is read in the units that hold the event's date and time, not in commentary.
    timed = {i for i, u in enumerate(found) if any(u.start <= t.start < u.end for t in tokens)}
    if event is not None:
        timed.add(event)
    elsewhere = [(u.start, u.end) for i, u in enumerate(found) if i not in timed]
    holes = _blank(masked, spans + elsewhere)
    location, loc_span = _location(masked, holes, ph)
    if loc_span is not None:
        spans.append(loc_span)
    if event is not None:
        spans += _chatter_in(text, found[event], tokens)
    if event is None:
        title = tidy(remove_spans(text, spans))
    else:
        title = _unit_title(text, spans, found, event)
        # Only date and time words in the event unit: the nearest unit before it that names
        # something ("Cumple de Javi 🎂\nel sábado 30 a las 21:00").
        j = event - 1
        while _bare(title) and j >= 0:
            if found[j].kind in ("other", "question"):
                title = _unit_title(text, spans, found, j)
            j -= 1
    folded_title = fold(title)
    m = ph.calendar_trigger.match(folded_title)
    if m and title[m.end() :].strip():
        title = tidy(title[m.end() :])
        folded_title = fold(title)
    tail = ph.event_tail.search(folded_title, max(0, len(folded_title) - 24))
    if tail is not None and title[: tail.start()].strip():
        title = tidy(title[: tail.start()])
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


def _chatter_in(text: str, unit: Unit, tokens: list[Token]) -> list[tuple[int, int]]:
    """In the event unit itself: a greeting that opens it ("Hola Ana, la cita…") and a closing
    question after a comma that holds no date ("…, quem topa?")."""
    out: list[tuple[int, int]] = []
    end = leading_greeting(text, unit)
    if end is not None and text[end : unit.end].strip():
        out.append((unit.start, end))
    raw = text[unit.start : unit.end].rstrip()
    clean = EMOJI_RE.sub("", raw).rstrip() if "?" in raw else ""
    if clean.endswith("?"):
        comma = clean.rfind(",")
        start = unit.start + comma
        if comma > 0 and not any(start <= t.start < unit.end for t in tokens):
            out.append((start, unit.end))
    return out


def _bare(title: str) -> bool:
    return not any(ch.isalnum() for ch in title)
