"""The note parser 📝 (guidelines §10): the first line as a title, every hashtag as a tag.
Dates in notes are not resolved: they stay in the title."""

from __future__ import annotations

from datetime import datetime

from reactiond.nlp.phrases import PHRASES, is_chatter
from reactiond.nlp.result import Language, NoteData, ParseResult
from reactiond.nlp.text import EMOJI_RE, HASHTAG_RE, capitalize_first, fold, hashtags, tidy


def _clean_line(line: str, lang: Language) -> str:
    s = EMOJI_RE.sub(" ", line).strip()
    m = PHRASES[lang].note_trigger.match(fold(s))
    if m:
        s = s[m.end() :]
    s = HASHTAG_RE.sub(" ", s)
    return tidy(s)


def parse_note(text: str, lang: Language, now: datetime, tz: str) -> ParseResult:
    tags = hashtags(text)
    title = ""
    for line in text.splitlines():
        title = _clean_line(line, lang)
        if title:
            break
    if not title or is_chatter(title):
        return ParseResult("note", False, lang, None, 0.0, reason="empty", partial={"tags": tags})
    data = NoteData(title=capitalize_first(title), tags=tags)
    return ParseResult("note", True, lang, data, 0.9)
