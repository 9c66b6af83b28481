"""es / en / pt detection that works on five-word WhatsApp messages.

Order (guidelines §3: the language of the sentence frame):
1. laughter tokens decide alone (jaja/jsjs → es, haha/lol/lmao → en, kkk/rsrs → pt);
2. lexicon cues: function words that belong to exactly one language's lexicon, plus letters
   only one language writes (ñ ¿ ¡ vs ã õ ç); English loanwords are deliberately not cues;
3. when the cues tie or are absent, the time zone's language (a message from São Paulo with
   no Spanish or English word in it is Portuguese);
4. only then the statistical detector: lingua in low-accuracy mode over the tied languages
   only, each language's model loaded on first need (~1–3 MB each, ~15 µs a call).
   langdetect was dropped: 62 MB of profiles and 0.5–2 ms a call for no gain on short
   messages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from reactiond.nlp.lexicon import LEXICONS
from reactiond.nlp.result import LANGUAGES, Language
from reactiond.nlp.text import fold

_WORD_RE = re.compile(r"[^\W\d_]+(?:'[a-z]+)?")
# "check-in", "drop-off", "e-mail": a short part of a hyphenated loanword is no cue
_HYPHENATED_RE = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:-[^\W\d_]+)+")
_ES_CHARS = frozenset("ñ¿¡")
_PT_CHARS = frozenset("ãõ")
_FR_CHARS = frozenset("èùœëïî")
# US zone abbreviations that fold to a cue word ("ET" to French "et")
_ZONE_CAPS_RE = re.compile(r"(?<![\w'])(?:ET|CT|MT|PT)(?![\w'])")
_NO_BREAK_SPACES = frozenset("\u00a0\u202f")
_SPACED_MARKS = frozenset(":;!?")
# Written in Portuguese and in French alike: a cue for both, against Spanish and English.
_PT_FR_CHARS = frozenset("çâêô")

# tz → the language people there write; only a tie-breaker.
TZ_LANGUAGE: dict[str, Language] = {
    "America/Mexico_City": "es",
    "Europe/Madrid": "es",
    "America/Bogota": "es",
    "America/Argentina/Buenos_Aires": "es",
    "America/Santiago": "es",
    "America/Lima": "es",
    "America/Sao_Paulo": "pt",
    "Europe/Lisbon": "pt",
    "America/New_York": "en",
    "America/Chicago": "en",
    "America/Los_Angeles": "en",
    "Europe/London": "en",
    "Asia/Kolkata": "en",
    "Europe/Paris": "fr",
    "Europe/Brussels": "fr",
    "Europe/Zurich": "fr",
    "Europe/Luxembourg": "fr",
    "Europe/Monaco": "fr",
    "America/Montreal": "fr",
    "Africa/Dakar": "fr",
    "Africa/Abidjan": "fr",
    "Africa/Douala": "fr",
    "Africa/Libreville": "fr",
    "Africa/Bamako": "fr",
    "Africa/Lome": "fr",
    "Africa/Casablanca": "fr",
}


def _exclusive_cues() -> dict[Language, frozenset[str]]:
    out: dict[Language, frozenset[str]] = {}
    for code, lex in LEXICONS.items():
        others: set[str] = set()
        for other, olex in LEXICONS.items():
            if other != code:
                others |= olex.function_words
        out[code] = frozenset(lex.function_words - others)
    return out


CUES = _exclusive_cues()
_SHARED_LAUGHTER = frozenset(w for lex in LEXICONS.values() for w in lex.shared_laughter)
_ELISIONS: dict[str, Language] = {
    head: code for code, lex in LEXICONS.items() for head in lex.elisions
}
# One pattern for every language's laughter: the group that matched names the language.
_LAUGHTER = re.compile("|".join(f"(?P<{code}>{lex.laughter})" for code, lex in LEXICONS.items()))
# The exclusive cues are disjoint: one lookup tells a word's language.
_CUE_LANGUAGE: dict[str, Language] = {w: code for code, cues in CUES.items() for w in cues}


def laughter_language(word: str) -> Language | None:
    m = _LAUGHTER.fullmatch(word)
    if m is None:
        return None
    return next((code for code in LANGUAGES if code == m.lastgroup), None)


_COMPOUND_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_COMPOUND_CUES = frozenset(w for cues in CUES.values() for w in cues if "-" in w)


def _words(folded: str) -> list[str]:
    """The words of a folded text; a hyphenated word that is itself a cue ("week-end",
    "rendez-vous") stays whole, so its halves ("week", "end") do not vote for English."""
    if "-" not in folded:
        return list(_WORD_RE.findall(folded))
    whole = [m for m in _COMPOUND_RE.finditer(folded) if m.group() in _COMPOUND_CUES]
    chars = list(folded)
    for m in whole:
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    # "check-in", "drop-off": a short part of a hyphenated loanword is no cue
    rest = _HYPHENATED_RE.sub(_long_parts, "".join(chars))
    return [m.group() for m in whole] + _WORD_RE.findall(rest)


def cue_scores(text: str) -> dict[Language, float]:
    scores: dict[Language, float] = dict.fromkeys(LANGUAGES, 0.0)
    if "T" in text and _ZONE_CAPS_RE.search(text) and not text.isupper():
        # "9:30am ET": a written zone, not French "et" (in a text that is not all capitals)
        text = _ZONE_CAPS_RE.sub(" ", text)
    for i, ch in enumerate("" if text.isascii() else text):
        if ch in _NO_BREAK_SPACES:
            # French typing (phone keyboards) puts a no-break space before : ; ! ?
            scores["fr"] += 1 if text[i + 1 : i + 2] in _SPACED_MARKS else 0
        elif ch in _ES_CHARS:
            scores["es"] += 2
        elif ch in _PT_CHARS:
            scores["pt"] += 2
        elif ch in _FR_CHARS:
            scores["fr"] += 2
        elif ch in _PT_FR_CHARS:
            scores["pt"] += 2
            scores["fr"] += 2
    for word in _words(fold(text)):
        lang = laughter_language(word)
        if lang is not None:
            scores[lang] += 0.5 if word in _SHARED_LAUGHTER else 5
            continue
        head, quote, _ = word.partition("'")
        if quote and head in _ELISIONS:
            scores[_ELISIONS[head]] += 1  # "l'appli", "m'a", "qu'il": an elided article
            continue
        cue = _CUE_LANGUAGE.get(word)
        if cue is not None:
            scores[cue] += 1
    return scores


def _long_parts(m: re.Match[str]) -> str:
    return " ".join(p for p in m.group(0).split("-") if len(p) > 3)


_LINGUA_NAMES: dict[Language, str] = {
    "es": "SPANISH",
    "en": "ENGLISH",
    "pt": "PORTUGUESE",
    "fr": "FRENCH",
}
_LINGUA_CODES: dict[str, Language] = {name: code for code, name in _LINGUA_NAMES.items()}


@lru_cache(maxsize=16)
def _lingua(candidates: tuple[Language, ...]) -> Any:
    """A detector over only the candidates: lingua loads a language's model on first use
    (~1–3 MB each, shared by every detector), so a tie between Spanish and Portuguese never
    loads the English and French ones."""
    from lingua import Language as L
    from lingua import LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_languages(*(getattr(L, _LINGUA_NAMES[c]) for c in candidates))
        .with_low_accuracy_mode()
        .build()
    )


def statistical(text: str, candidates: tuple[Language, ...] = LANGUAGES) -> Language | None:
    if len(candidates) < 2:
        return candidates[0] if candidates else None
    try:
        found = _lingua(tuple(sorted(candidates))).detect_language_of(text)
    except Exception:  # the detector is optional: a failure means "unsure", never a crash
        return None
    if found is None:
        return None
    return _LINGUA_CODES.get(str(found.name))


def detect(text: str, tz: str | None = None, hint: str | None = None) -> Language:
    """The language of `text`'s sentence frame; pure apart from the lazily built detector.

    `hint` is what is known about the sender (the language they wrote before, or their phone
    number's country): it decides when the text alone is unsure — no cues, a tie, or a lead
    of a single cue word ("nos vemos pronto" from a Spanish speaker). Otherwise the time
    zone's language breaks ties.
    """
    scores = cue_scores(text)
    best = max(scores.values())
    leaders = [code for code in LANGUAGES if scores[code] == best]
    known = [code for code in LANGUAGES if code == hint]
    if known and scores[known[0]] >= best - 1 and not _strong(text, best):
        return known[0]
    prior = TZ_LANGUAGE.get(tz or "")
    if best > 0 and len(leaders) == 1:
        return leaders[0]
    if prior is not None and (best == 0 or prior in leaders):
        return prior
    guess = statistical(text, tuple(leaders) if best > 0 else LANGUAGES)
    if guess is not None and (best == 0 or guess in leaders):
        return guess
    return leaders[0] if best > 0 else (prior or "en")


def _strong(text: str, best: float) -> bool:
    """Laughter or letters only one language writes (ñ ¿ ã ç) settle it whatever the hint."""
    letters = any(ch in _ES_CHARS or ch in _PT_CHARS or ch in _PT_FR_CHARS for ch in text)
    return best >= 5 or (best >= 2 and letters)
