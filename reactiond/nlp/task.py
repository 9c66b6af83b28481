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


def parse_task(text: str, lang: Language, now: datetime, tz: str) -> ParseResult:
    ph = PHRASES[lang]
    folded = fold(text)
    tokens = scan(text, lang, tz)
    when = resolve(tokens, now)
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
    spans += [m.span() for m in ph.attendees.finditer(folded)]
    title = tidy(remove_spans(text, spans))
    title = tidy(strip_trigger(title, lang, "task_trigger"))
    tags = hashtags(text)
    if not title or is_chatter(title):
        partial = {"due": when.value, "priority": priority, "tags": tags}
        return ParseResult("task", False, lang, None, 0.0, reason="empty", partial=partial)
    data = TaskData(
        title=capitalize_first(title),
        due=when.value,
        priority=priority,
        tags=tags,
        assignee=mentions[0] if mentions else None,
    )
    confidence = 0.9 if when.value is not None or len(title.split()) > 1 else 0.7
    return ParseResult("task", True, lang, data, confidence)
