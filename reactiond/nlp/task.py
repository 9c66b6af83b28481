"""The task parser ✅ (guidelines §6): title, due, priority, tags, assignee."""

from __future__ import annotations

from datetime import datetime

from reactiond.nlp.dates import resolve, scan
from reactiond.nlp.phrases import (
    PHRASES,
    find_priority,
    is_chatter,
    strip_trigger,
    with_preps,
    with_suffix,
)
from reactiond.nlp.result import Language, ParseResult, TaskData
from reactiond.nlp.text import (
    HASHTAG_RE,
    MENTION_RE,
    capitalize_first,
    fold,
    hashtags,
    remove_spans,
    tidy,
)
from reactiond.nlp.units import Unit, greeting_spans, leading_greeting, mask, units


def _chatter(text: str, found: list[Unit]) -> list[tuple[int, int]]:
    """§13.1: greeting, thanks and sign-off units, a trailing unit that only asks for
    confirmation ("ok?"), and a greeting opening the first unit that is left."""
    out = [(u.start, u.end) for u in found if u.kind in ("empty", "greeting", "signoff")]
    kept = [u for u in found if u.kind not in ("empty", "greeting", "signoff")]
    if len(kept) > 1 and kept[-1].kind == "confirm":
        out.append((kept[-1].start, kept[-1].end))
    if kept:
        end = leading_greeting(text, kept[0])
        if end is not None and text[end : kept[0].end].strip():
            out.append((kept[0].start, end))
    return out


def parse_task(text: str, lang: Language, now: datetime, tz: str) -> ParseResult:
    ph = PHRASES[lang]
    found = units(text)
    # Greetings ("buenas tardes", "bom dia") and sign-off units are no dates or times.
    masked = mask(text, greeting_spans(text, found))
    folded = fold(masked)
    tokens = scan(masked, lang, tz)
    when = resolve(tokens, now, tz)
    # A task has no recurrence: "relatório mensal" keeps its adjective, as calendar titles do.
    spans = [
        (with_preps(folded, t.start, ph), with_suffix(folded, t.end, ph))
        for t in tokens
        if not (t.recurrence is not None and t.recurrence.adjective)
    ]
    priority, prio_spans = find_priority(folded, ph)
    spans += prio_spans
    spans += [m.span() for m in HASHTAG_RE.finditer(text)]
    mentions = [m.group("name") for m in MENTION_RE.finditer(text)]
    # A mention leaves with the "con/with/com" that only served it ("hablar con @ana del
    # presupuesto" -> "Hablar del presupuesto"), as in calendar titles.
    if "@" in folded:  # no mention, no attendee phrase: skip the pass
        spans += [m.span() for m in ph.attendees.finditer(folded)]
    spans += _chatter(text, found)
    title = tidy(remove_spans(text, spans))
    title = tidy(strip_trigger(title, lang, "task_trigger"))
    tags = hashtags(text)
    if not title or is_chatter(title):
        partial = {"due": when.value, "priority": priority, "tags": tags}
        return ParseResult("task", False, lang, None, 0.0, reason="empty", partial=partial)
    data = TaskData(
        title=capitalize_first(title),
        # A range of days ("del 3 al 7 de agosto") is due on its last day (§13.2).
        due=when.last_day if when.last_day is not None else when.value,
        priority=priority,
        tags=tags,
        assignee=mentions[0] if mentions else None,
    )
    confidence = 0.9 if when.value is not None or len(title.split()) > 1 else 0.7
    return ParseResult("task", True, lang, data, confidence)
