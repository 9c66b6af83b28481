"""Compiled per-language phrase patterns the task, calendar and note parsers share: triggers,
priorities, acknowledgements, platforms, and the prepositions that go with a date phrase.

Built once at import from the lexicons; matching happens on folded text (offsets are kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reactiond.nlp.lexicon import COMMON_PLATFORMS, LEXICONS, Lexicon
from reactiond.nlp.result import Language, Priority
from reactiond.nlp.text import EMOJI_RE, alternation, fold

# Platform words that are also ordinary words ("meet Ana", "two teams") need a preposition.
_WEAK_PLATFORMS = frozenset({"meet", "teams", "wa", "zap", "whats"})


@dataclass(frozen=True)
class Phrases:
    lex: Lexicon
    date_preps: re.Pattern[str]  # preposition run ending right before a date phrase
    priority: re.Pattern[str]
    task_trigger: re.Pattern[str]
    note_trigger: re.Pattern[str]
    calendar_trigger: re.Pattern[str]
    platform: re.Pattern[str]
    attendees: re.Pattern[str]
    location: re.Pattern[str]
    undecided: re.Pattern[str]


def _trigger(words: tuple[str, ...]) -> re.Pattern[str]:
    # A trigger ending in ":" may touch the next word; a word trigger needs a space after it.
    colon = [w for w in words if w.endswith(":") or not w[-1:].isalnum()]
    plain = [w for w in words if w not in colon]
    return re.compile(rf"^\s*(?:{alternation(colon)}\s*|{alternation(plain)}(?:\s*:\s*|\s+|$))")


def _build(lex: Lexicon) -> Phrases:
    platforms = {**COMMON_PLATFORMS, **lex.platforms}
    strong = [w for w in platforms if w not in _WEAK_PLATFORMS]
    weak = [w for w in platforms if w in _WEAK_PLATFORMS]
    preps = alternation(lex.platform_preps)
    arts = alternation(lex.articles)
    conn = alternation(lex.attendee_connectors)
    and_w = alternation(lex.and_words)
    return Phrases(
        lex=lex,
        date_preps=re.compile(rf"(?:(?<=\s)|^)(?:{alternation(lex.date_preps)}\s+)+$"),
        priority=re.compile(rf"(?<!\w)(?:{alternation(lex.priorities)})(?!\w)"),
        task_trigger=_trigger(lex.task_triggers),
        note_trigger=_trigger(lex.note_triggers),
        calendar_trigger=_trigger(lex.calendar_triggers),
        platform=re.compile(
            rf"(?<![\w@#])(?:(?:{preps})\s+(?:{arts}\s+)?(?P<weak>{alternation(weak)})"
            rf"|(?:(?:{preps})\s+(?:{arts}\s+)?)?(?P<strong>{alternation(strong)}))(?!\w)"
        ),
        attendees=re.compile(
            rf"(?:(?<!\w)(?:{conn})\s+)?@\w[\w.-]*(?:\s*(?:{and_w})\s*@\w[\w.-]*)*"
        ),
        location=re.compile(
            rf"(?<!\w)(?:{alternation(lex.location_preps)})\s+(?:(?:{arts})\s+)?"
            rf"(?P<loc>[^\x00,;\n]+)"
        ),
        undecided=re.compile(rf"(?<!\w)(?:{alternation(lex.undecided_time)})(?!\w)"),
    )


PHRASES: dict[Language, Phrases] = {code: _build(lex) for code, lex in LEXICONS.items()}

_ACK_ALL = alternation(w for lex in LEXICONS.values() for w in lex.acknowledgements)
_ACK_RE = re.compile(rf"(?<!\w){_ACK_ALL}(?!\w)")
_LAUGH_RE = re.compile(
    "|".join(f"(?:{lex.laughter})" for lex in LEXICONS.values()),
)
_WORD_RE = re.compile(r"\w+")


def with_preps(folded: str, start: int, ph: Phrases) -> int:
    """Move `start` back over the prepositions that only serve the phrase starting there
    ("para el" viernes, "by" Friday, "até" sexta)."""
    m = ph.date_preps.search(folded, 0, start)
    return m.start() if m else start


def find_priority(folded: str, ph: Phrases) -> tuple[Priority | None, list[tuple[int, int]]]:
    level: Priority | None = None
    spans: list[tuple[int, int]] = []
    for m in ph.priority.finditer(folded):
        word = " ".join(m.group(0).split())
        found = ph.lex.priorities.get(word)
        if found in ("high", "medium", "low"):
            if level is None:
                level = found  # type: ignore[assignment]
            spans.append(m.span())
    return level, spans


def is_chatter(text: str) -> bool:
    """Only laughter, acknowledgements, emojis and punctuation: nothing to act on (§9)."""
    folded = fold(EMOJI_RE.sub(" ", text))
    rest = _ACK_RE.sub(" ", folded)
    words = _WORD_RE.findall(rest)
    return all(_LAUGH_RE.fullmatch(w) for w in words)
