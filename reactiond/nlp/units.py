"""Chatty messages (guidelines §13.1): a message is split into *units* (its lines, and within a
line its sentences) and each unit is classified, so the parsers can take what the record is
about and leave greetings, sign-offs and requests to the reader behind.

Everything here is linear in the text: one regex pass to split, one bounded look at each unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from reactiond.nlp.lexicon import LEXICONS
from reactiond.nlp.text import EMOJI_RE, alternation, fold

UnitKind = Literal["empty", "greeting", "signoff", "confirm", "question", "other"]

# Abbreviations a "." never ends a sentence after (§13.1).
_ABBREVIATIONS = frozenset(
    {"dr", "dra", "sr", "sra", "srta", "mr", "mrs", "ms", "st", "av", "no", "nº", "n", "sto", "sta"}
)
# A sentence ends after . ! ? … followed by a space, or after an emoji that ends a clause: one
# followed by a capital letter or an opening ¿ ¡ (a lower-case word goes on with the clause).
# Runs are matched from their first character only (look-behinds), so a long run of "!!!" or
# of emoji costs its length once, not its length squared.
_EMOJI_CLASS = EMOJI_RE.pattern.removesuffix("+")
_BREAK_RE = re.compile(
    r"\n|(?<![.!?…])[.!?…]+(?=\s)"
    rf"|(?<!{_EMOJI_CLASS}){_EMOJI_CLASS}+(?=[ \t]+(?:[¿¡A-ZÁÉÍÓÚÑÀÂÊÔÃÕÇÜ]|[^\n?]{{1,80}}\?))"
)
_WORDS_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_NAME_THEN_COMMA_RE = re.compile(r"\s+([^\W\d_]+(?: [^\W\d_]+)?)(?=\s*[,!])")
_COMMA_RE = re.compile(r"\s*[,!]+")
_NEXT_WORD_RE = re.compile(r"\s+([^\W\d_]+)(?![\w'])")
_VOCATIVE_OPENING_RE = re.compile(r"[\s¡]*([^\W\d_]+(?: [^\W\d_]+)?)\s*[,!]+")


def _union(attr: str) -> str:
    return alternation(w for lex in LEXICONS.values() for w in getattr(lex, attr))


_GREETING_RE = re.compile(rf"[\s¡¿\W]*(?P<g>{_union('greetings')})(?![\w'])")
_VOCATIVE = frozenset(w for lex in LEXICONS.values() for w in lex.vocatives)
_GREETING_WORDS = frozenset(w for lex in LEXICONS.values() for w in lex.greetings if " " not in w)
# Greetings that are also ordinary words ("yo llevo", "fala com", "salve o arquivo", "morning
# run"): a greeting only before a comma, "!", a group word or the end of the unit.
_WEAK_GREETINGS = frozenset(
    {
        "yo",
        "fala",
        "salve",
        "morning",
        "guys",
        "folks",
        "gente",
        "pessoal",
        "galera",
        "ey",
        "ei",
        "che",
        "oye",
    }
)
_AFTER_WEAK_RE = re.compile(r"\s*(?:$|[,!.?:;]|(?P<w>[^\W\d_]+))")
_HOW_RE = re.compile(rf"(?<!\w){_union('how_are_you')}(?!\w)")
_SIGNOFF_RE = re.compile(rf"(?<!\w){_union('signoffs')}(?!\w)")
# "porfa 😘 gracias": an emoji before a sign-off that ends the line ends the clause too, even
# when the sign-off is written in lower case (folded text: "até mais" is "ate mais")
_SIGNOFF_AFTER_EMOJI_RE = re.compile(
    rf"(?<!{_EMOJI_CLASS}){_EMOJI_CLASS}+(?=[ \t]+{_union('signoffs')}[\s!.…]*(?:\n|$))"
)
_ACK_RE = re.compile(rf"(?<!\w){_union('acknowledgements')}(?!\w)")
_CONFIRM = frozenset(w for lex in LEXICONS.values() for w in lex.confirm_asks)
_LAUGH_RE = re.compile("|".join(f"(?:{lex.laughter})" for lex in LEXICONS.values()))


def _greeting(folded: str) -> re.Match[str] | None:
    g = _GREETING_RE.match(folded)
    if g is None or g.group("g") not in _WEAK_GREETINGS:
        return g
    after = _AFTER_WEAK_RE.match(folded, g.end())
    if after is None or (after.group("w") is not None and after.group("w") not in _VOCATIVE):
        return None
    return g


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    kind: UnitKind


def split(text: str) -> list[tuple[int, int]]:
    """The units' spans, in order; empty stretches are left out."""
    spans: list[tuple[int, int]] = []
    pos = 0
    ends = [
        m.end()
        for m in _BREAK_RE.finditer(text)
        if not (m.group(0).startswith(".") and _abbreviation_before(text, m.start()))
    ]
    if EMOJI_RE.search(text) is not None:
        ends = sorted({*ends, *(m.end() for m in _SIGNOFF_AFTER_EMOJI_RE.finditer(fold(text)))})
    for end in ends:
        if text[pos:end].strip():
            spans.append((pos, end))
        pos = end
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _abbreviation_before(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and dot - start < 6 and (text[start - 1].isalnum() or text[start - 1] == "º"):
        start -= 1
    return fold(text[start:dot]) in _ABBREVIATIONS


def _names_only(words: list[str], original: list[str]) -> bool:
    """A greeting's tail that only addresses people: group words, more greetings ("Hola,
    hola!", "Hi hi"), or one or two names."""
    rest = [
        o
        for w, o in zip(words, original, strict=True)
        if w not in _VOCATIVE and w not in _GREETING_WORDS
    ]
    return len(rest) <= 2 and all(o[:1].isupper() for o in rest)


def classify(text: str, start: int, end: int, folded_text: str | None = None) -> UnitKind:
    raw = text[start:end]
    has_emoji = EMOJI_RE.search(raw) is not None
    clean = EMOJI_RE.sub(" ", raw) if has_emoji else raw
    # fold() keeps offsets and leaves emoji as they are: a slice of the folded text will do
    folded = folded_text[start:end] if folded_text else fold(clean)
    if has_emoji and folded_text:
        folded = EMOJI_RE.sub(" ", folded)
    words = _WORDS_RE.findall(folded)
    if not words:
        return "empty"
    asks = clean.rstrip().endswith("?")
    g = _greeting(folded)
    if g is not None:
        tail = _HOW_RE.sub(" ", folded[g.end() :])
        tail_words = _WORDS_RE.findall(tail)
        original = _WORDS_RE.findall(clean[g.end() :])
        if not tail_words or (
            len(tail_words) == len(original) and _names_only(tail_words, original)
        ):
            return "greeting"
    if not asks and all(w in _VOCATIVE for w in words):
        return "greeting"  # "Chicos!!", "Parceros 🍻": addressing the group
    if _SIGNOFF_RE.search(folded):
        rest = _LAUGH_RE.sub(" ", _ACK_RE.sub(" ", _SIGNOFF_RE.sub(" ", folded)))
        left = _WORDS_RE.findall(rest)
        # "Thanks Jen!", "Gracias chicos": thanks to someone is still a sign-off
        names = [w for w in _WORDS_RE.findall(clean) if fold(w) in left]
        if not left or (len(left) == len(names) and _names_only(left, names)):
            return "signoff"
    if asks:
        return "confirm" if " ".join(words) in _CONFIRM else "question"
    return "other"


def units(text: str) -> list[Unit]:
    folded = fold(text)
    return [Unit(s, e, classify(text, s, e, folded)) for s, e in split(text)]


def leading_greeting(text: str, unit: Unit) -> int | None:
    """The end of a greeting that opens `unit` ("Hola, …", "Hey! …", "Hola Ana, …"), with the
    comma or "!" after it, or None when the unit does not open with one."""
    folded = fold(text[unit.start : unit.end])
    g = _greeting(folded)
    if g is None:
        # "Amor, jantar…", "Galera, futebol…": a group word or pet name before a comma or "!"
        v = _VOCATIVE_OPENING_RE.match(folded)
        if v is None or v.group(1) not in _VOCATIVE:
            return None
        return unit.start + v.end()
    pos = g.end()
    # "Hola buenas tardes, …": greetings in a row go together
    for _ in range(2):
        again = _greeting(folded[pos:])
        if again is None or folded[pos : pos + again.start("g")].strip(" ,!"):
            break
        pos += again.end()
    # "Oye wey no…": a group word or pet name right after the greeting goes with it
    after = _NEXT_WORD_RE.match(folded, pos)
    if after is not None and after.group(1) in _VOCATIVE:
        pos = after.end()
    # "Hola Ana, …", "Oi amor! …": a name or a group word, then the comma or "!".
    m = _NAME_THEN_COMMA_RE.match(folded, pos)
    if m is not None:
        word = m.group(1)
        original = text[unit.start + m.start(1) : unit.start + m.end(1)]
        if word in _VOCATIVE or original[:1].isupper():
            pos = m.end()
    p = _COMMA_RE.match(folded, pos)
    if p is not None:
        pos = p.end()
    return unit.start + pos


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the given spans blanked (same length: offsets stay valid)."""
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def greeting_spans(
    text: str, found: list[Unit], folded: str | None = None
) -> list[tuple[int, int]]:
    """What the date grammar must not read: whole greeting, sign-off and confirmation units,
    and a greeting phrase opening any other unit ("Buenas tardes", "bom dia" are no times)."""
    out: list[tuple[int, int]] = []
    whole = folded if folded is not None else fold(text)
    for u in found:
        if u.kind in ("greeting", "signoff", "confirm"):
            out.append((u.start, u.end))
            continue
        g = _greeting(whole[u.start : u.end])
        if g is not None:
            out.append((u.start + g.start("g"), u.start + g.end("g")))
    return out
