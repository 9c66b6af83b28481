"""Text helpers shared by the parsers: accent folding that keeps offsets, emoji and span removal.

Every grammar in this package matches on `fold(text)`: lower-case, accents stripped, *one output
character per input character*. Keeping the length lets a match on the folded text be mapped
straight back to the user's original characters (titles keep accents and typos as typed).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

# Pictographs, dingbats, flags, skin tones, variation selectors and joiners: emoji never carry
# meaning for the parsers (guidelines §6e, §10) and are removed from titles.
EMOJI_RE = re.compile(
    "["
    "\U0001f000-\U0001faff"
    "\U00002600-\U000027bf"
    "\U00002300-\U000023ff"
    "\U00002b00-\U00002bff"
    "\U0001f1e6-\U0001f1ff"
    "\ufe0e\ufe0f\u200d\u20e3"
    "\U000e0020-\U000e007f"
    "]+"
)
HASHTAG_RE = re.compile(r"(?<![\w#&/])#(?P<tag>[^\W\d_][\w-]*)")
MENTION_RE = re.compile(r"(?<![\w@])@(?P<name>\w[\w.-]*\w|\w)")
SPACE_RE = re.compile(r"\s+")
TRAILING_PUNCT = ".,;:!?…¡¿-–— \t\n"
LEADING_PUNCT = ",;:!?…¡¿-–—.)] \t\n"


# Characters that are never seen and never mean anything to a reader: a zero-width space
# or word joiner (pasted from the web, typed by some keyboards inside numbers), a soft
# hyphen, a byte-order mark, and the direction marks WhatsApp's clients insert around
# numbers and names. Not the zero-width joiner, which holds emoji sequences together.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069",
    ),
    None,
)


def readable(text: str) -> str:
    """`text` as a person reads it: composed (NFC: a macOS or Android keyboard may send
    "é" as "e" + a combining accent, which the grammars would read as two characters),
    without the invisible characters that split a word or a number ("$8\u200b90")."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE)


# Phone keyboards type curly quotes: "don’t" must read like "don't".
_QUOTES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'}


@lru_cache(maxsize=4096)
@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    # remembered per character: a message's characters come from a small alphabet
    if ch in _QUOTES:
        return _QUOTES[ch]
    low = ch.lower()
    if len(low) != 1:
        low = ch
    base = unicodedata.normalize("NFD", low)[0]
    return base if base.isascii() or not unicodedata.combining(base) else low


@lru_cache(maxsize=256)
def fold(text: str) -> str:
    """Lower-case and strip accents, one character out per character in (offsets are kept).

    Remembered: one parse folds the same text (and its lines) about nine times over, from
    the language detector, the date grammar and each parser's own reading."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def hashtags(text: str) -> tuple[str, ...]:
    """Every `#word` (a `#` followed by a letter), lower-cased, without `#`, first seen first."""
    seen: dict[str, None] = {}
    for m in HASHTAG_RE.finditer(text):
        seen.setdefault(m.group("tag").lower(), None)
    return tuple(seen)


def mentions(text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for m in MENTION_RE.finditer(text):
        seen.setdefault(m.group("name"), None)
    return tuple(seen)


def remove_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Blank out the given spans (replaced by one space so words on both sides stay apart)."""
    ordered = sorted(spans)
    out: list[str] = []
    pos = 0
    for start, end in ordered:
        if end <= pos:
            continue
        start = max(start, pos)
        out.append(text[pos:start])
        out.append(" ")
        pos = end
    out.append(text[pos:])
    return "".join(out)


_EMPTY_BRACKETS_RE = re.compile(r"\(\s*\)|\[\s*\]")
_REPEATED_COMMAS_RE = re.compile(r"([,;])(?:\s*[,;])+")


@lru_cache(maxsize=8)
def _marks(spaced: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The space before a mark glued to its word, and before a mark that keeps one."""
    glued = "".join(c for c in ",;:.!?" if c not in spaced)
    keeps = re.compile(rf"\s+([{re.escape(spaced)}])") if spaced else None
    return re.compile(rf"\s+([{re.escape(glued)}])"), keeps


def tidy(text: str, *, drop_emoji: bool = True, spaced: str = "") -> str:
    """Collapse whitespace and the commas left behind by removed phrases; trim punctuation.
    Emojis go everywhere unless `drop_emoji` is false (notes keep the ones inside the text).
    Marks in `spaced` keep one space before them, as French types "Idée : ..."."""
    s = EMOJI_RE.sub(" ", text) if drop_emoji else text
    s = SPACE_RE.sub(" ", s)
    s = _EMPTY_BRACKETS_RE.sub(" ", s)  # brackets emptied by a removed phrase
    s = SPACE_RE.sub(" ", s)
    glued, spaced_re = _marks(spaced)
    s = glued.sub(r"\1", s)
    if spaced_re is not None:
        s = spaced_re.sub(r" \1", s)
    s = _REPEATED_COMMAS_RE.sub(r"\1", s)
    s = s.strip(TRAILING_PUNCT).lstrip(LEADING_PUNCT)
    return s.strip()


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def alternation(words: Sequence[str] | Iterable[str]) -> str:
    """A non-capturing regex alternation of folded phrases, longest first; spaces match any
    run of whitespace.

    The phrases are grouped by their first character ("(?:l(?:unes|un)|m(?:artes|…))"): the
    regex engine tries the branches of an alternation one by one at every position, so a
    list of sixty weekday spellings cost sixty tries per character; grouped, it costs one
    try per first letter. Phrases with different first characters never match at the same
    place, so longest-first within a group keeps the matches exactly as before."""
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    if not uniq:
        return "(?!x)x"
    groups: dict[str, list[str]] = {}
    for w in uniq:
        groups.setdefault(w[0], []).append(w[1:])
    parts = []
    for head, rests in groups.items():
        tails = [_spaced(r) for r in rests]
        parts.append(_spaced(head) + (tails[0] if len(tails) == 1 else f"(?:{'|'.join(tails)})"))
    return "(?:" + "|".join(parts) + ")"


def _spaced(phrase: str) -> str:
    return re.escape(phrase).replace(r"\ ", r"\s+")
