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
# ...except when written as the product's name ("Teams meeting", "Zoom call").
CAPITALIZED_PLATFORMS = frozenset({"Teams", "WhatsApp", "Whatsapp"})


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
    location_stop: re.Pattern[str]  # a connector that ends a place name ("with", "con")
    non_location: re.Pattern[str]  # "in person", "en línea": not places
    undecided: re.Pattern[str]
    date_suffix: re.Pattern[str]  # "au plus tard" right after a date phrase
    event_tail: re.Pattern[str] = re.compile("(?!x)x")  # "la junta es", "Natação da Lara e"
    reflexive_due: re.Pattern[str] | None = None  # a due verb at the start of the prepositions
    reflexive_before: re.Pattern[str] = re.compile("(?!x)x")


def _trigger(words: tuple[str, ...]) -> re.Pattern[str]:
    # A trigger ending in ":" may touch the next word, and its word may end in an
    # abbreviation's period or a space before the colon ("Obs.:", "Nota :"); a word trigger
    # needs a space after it; a sign ("📝") stands alone.
    colon = [w[:-1].rstrip() for w in words if w.endswith(":")]
    signs = [w for w in words if not w.endswith(":") and not w[-1:].isalnum()]
    plain = [w for w in words if w[-1:].isalnum()]
    return re.compile(
        rf"^\s*(?:{alternation(colon)}\.?\s*:\s*|{alternation(signs)}\s*"
        rf"|{alternation(plain)}(?:\s*:\s*|\s+|$))"
    )


def _build(lex: Lexicon) -> Phrases:
    platforms = {**COMMON_PLATFORMS, **lex.platforms}
    strong = [w for w in platforms if w not in _WEAK_PLATFORMS]
    weak = [w for w in platforms if w in _WEAK_PLATFORMS]
    preps = alternation(lex.platform_preps)
    arts = alternation(lex.articles)
    conn = alternation(lex.attendee_connectors)
    and_w = alternation(lex.and_words)
    priorities = alternation(lex.priorities).replace(r"\s+", r"[\s:=-]+")
    return Phrases(
        lex=lex,
        date_preps=re.compile(rf"(?:(?<=\s)|^)(?:{alternation(lex.date_preps)}\s+){{1,4}}$"),
        # "prioridad: alta", "priority - high" read like "prioridad alta"
        priority=re.compile(rf"(?<!\w)(?:{priorities})(?!\w)"),
        task_trigger=_trigger(lex.task_triggers),
        note_trigger=_trigger(lex.note_triggers),
        calendar_trigger=_trigger(lex.calendar_triggers),
        platform=re.compile(
            rf"(?<![\w@#])(?:(?:{preps})\s+(?:{arts}\s+)?(?P<weak>{alternation(weak)})"
            rf"|(?:(?:{preps})\s+(?:{arts}\s+)?)?(?P<strong>{alternation(strong)})"
            rf"|(?P<named>{alternation(w for w in weak if w in ('teams', 'whats'))}))(?!\w)"
        ),
        attendees=re.compile(
            rf"(?:(?<!\w)(?:{conn})\s+)?@\w[\w.-]*(?:\s*(?:{and_w})\s*@\w[\w.-]*)*"
        ),
        # An elided article touches its noun ("à l'église"); "chez le dentiste" keeps its
        # preposition, which says whose premises they are (lexicon `kept_location_preps`).
        location=re.compile(
            # "Check-in at…": a preposition inside a hyphenated word is no place's
            rf"(?<![\w-])(?:(?:{alternation(lex.location_preps)})\s+(?:(?:{arts})(?:\s+|(?<=')))?"
            rf"(?P<loc>[^\x00,;\n]+)"
            rf"|(?P<kept>(?:{alternation(lex.kept_location_preps)})\s+[^\x00,;\n]+))"
        ),
        location_stop=re.compile(
            rf"\s(?:{alternation((*lex.attendee_connectors, *lex.location_stops))})(?:\s|$)"
        ),
        non_location=re.compile(rf"(?:{alternation(lex.non_locations)})(?!\w)"),
        undecided=re.compile(rf"(?<!\w)(?:{alternation(lex.undecided_time)})(?!\w)"),
        date_suffix=re.compile(rf",?\s*(?:{alternation(lex.date_suffixes)})(?!\w)"),
        reflexive_due=(
            re.compile(rf"(?:{alternation(w.split()[0] for w in lex.due_words)})\s+")
            if lex.reflexive and lex.due_words
            else None
        ),
        event_tail=re.compile(rf"(?<!\S)(?:{alternation(lex.event_tail)})[\s,.:;!?-]*$")
        if lex.event_tail
        else re.compile("(?!x)x"),
        reflexive_before=re.compile(rf"(?<!\w)(?:{alternation(lex.reflexive)})\s+$"),
    )


PHRASES: dict[Language, Phrases] = {code: _build(lex) for code, lex in LEXICONS.items()}
# The longest preposition word: how far `with_preps` may look back for the start of a word.
_LONGEST_PREP = max(len(w) for lex in LEXICONS.values() for p in lex.date_preps for w in p.split())

_ACK_ALL = alternation(w for lex in LEXICONS.values() for w in lex.acknowledgements)
_ACK_RE = re.compile(rf"(?<!\w){_ACK_ALL}(?!\w)")
_LAUGH_RE = re.compile(
    "|".join(f"(?:{lex.laughter})" for lex in LEXICONS.values()),
)
_WORD_RE = re.compile(r"\w+")


def strip_trigger(title: str, lang: Language, kind: str) -> str:
    """Drop a leading trigger ("tarea:", "remind me to", "nota:"): the message's language first,
    then any language's (a "nota:" note whose language is unclear is still a note)."""
    folded = fold(title)
    order = [lang, *(code for code in PHRASES if code != lang)]
    for code in order:
        pattern: re.Pattern[str] = getattr(PHRASES[code], kind)
        m = pattern.match(folded)
        if m and m.end() > 0:
            return title[m.end() :]
    return title


def with_preps(folded: str, start: int, ph: Phrases) -> int:
    """Move `start` back over the prepositions that only serve the phrase starting there
    ("para el" viernes, "by" Friday, "até" sexta)."""
    window = max(0, start - 48)  # a few words back is enough, and keeps long texts linear
    # Back to the start of the word cut by the window, but only a word's length: in a text
    # without spaces ("9:00-9:00-…") an unbounded walk went back to the start for every
    # phrase (quadratic). A run longer than any preposition cannot hold the start of a match.
    floor = max(0, window - _LONGEST_PREP)
    while window > floor and not folded[window - 1].isspace():
        window -= 1
    m = ph.date_preps.search(folded, window, start)
    begin = m.start() if m is not None else start
    # "la licencia se vence el 15": the due verb after "se" is the sentence's verb; it stays.
    if ph.reflexive_due is not None:
        kept = ph.reflexive_due.match(folded, begin)
        if kept is not None and ph.reflexive_before.search(folded, max(0, begin - 8), begin):
            begin = kept.end()
    return begin


def with_suffix(folded: str, end: int, ph: Phrases) -> int:
    """Move `end` past the words that only serve the date phrase ending there ("le 2 avril
    au plus tard")."""
    m = ph.date_suffix.match(folded, end)
    return m.end() if m else end


_LEVELS: dict[str, Priority] = {"high": "high", "medium": "medium", "low": "low"}


def find_priority(folded: str, ph: Phrases) -> tuple[Priority | None, list[tuple[int, int]]]:
    """The priority the text states and the spans of its words. The message's language is
    read first; then the others ("call mom, low priority" from Madrid is still low)."""
    for other in [ph, *(p for p in PHRASES.values() if p is not ph)]:
        level: Priority | None = None
        spans: list[tuple[int, int]] = []
        for m in other.priority.finditer(folded):
            word = " ".join(re.sub(r"[:=-]", " ", m.group(0)).split())
            found = _LEVELS.get(other.lex.priorities.get(word, ""))
            if found is not None:
                level = level or found
                spans.append(m.span())
        if level is not None:
            return level, spans
    return None, []


def is_chatter(text: str) -> bool:
    """Only laughter, acknowledgements, emojis and punctuation: nothing to act on (§9)."""
    folded = fold(EMOJI_RE.sub(" ", text))
    rest = _ACK_RE.sub(" ", folded)
    words = _WORD_RE.findall(rest)
    return all(_LAUGH_RE.fullmatch(w) for w in words)
