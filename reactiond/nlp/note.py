"""The note parser 📝 (guidelines §10): the first line as a title, every hashtag as a tag.
Dates in notes are not resolved: they stay in the title."""

from __future__ import annotations

import re
from datetime import datetime

from reactiond.nlp.lexicon import lexicon
from reactiond.nlp.marks import strip_marks
from reactiond.nlp.phrases import is_chatter, strip_trigger
from reactiond.nlp.result import Language, NoteData, ParseResult
from reactiond.nlp.text import EMOJI_RE, HASHTAG_RE, capitalize_first, hashtags, tidy

# One blank or emoji character. The ends are stripped a character at a time: the regex
# "(?:\s|emoji+)+$" tried every start in a long run of blanks followed by a word (quadratic).
_EDGE_CHAR = re.compile(rf"\s|{EMOJI_RE.pattern[:-1]}")


def _strip_edge_emoji(s: str) -> str:
    start, end = 0, len(s)
    while start < end and _EDGE_CHAR.match(s, start):
        start += 1
    while end > start and _EDGE_CHAR.match(s[end - 1]):
        end -= 1
    return s[start:end]


def _clean_line(line: str, lang: Language) -> str:
    # Only leading and trailing emojis go (guidelines §10); the ones inside are content.
    s = _strip_edge_emoji(line)
    s = strip_trigger(s, lang, "note_trigger")
    s = HASHTAG_RE.sub(" ", s)
    s = tidy(s, drop_emoji=False, spaced=lexicon(lang).spaced_punctuation)
    return _strip_edge_emoji(s).strip()


def parse_note(text: str, lang: Language, now: datetime, tz: str) -> ParseResult:
    tags = hashtags(text)
    title = ""
    # *bold*, _italic_, ~strike~ and ```mono``` marks are formatting, not words (§13.1)
    for line in strip_marks(text).splitlines():
        title = _clean_line(line, lang)
        if title:
            break
    if not title or is_chatter(title):
        return ParseResult("note", False, lang, None, 0.0, reason="empty", partial={"tags": tags})
    data = NoteData(title=capitalize_first(title), tags=tags)
    return ParseResult("note", True, lang, data, 0.9)
