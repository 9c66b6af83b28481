"""Per-language word lists. Each language's words live in ONE module (es.py, en.py, pt.py);
the grammars in `dates.py` and the parsers are built from these tables, never from
`if lang == ...` branches. All phrases are *folded* (lower-case, no accents, see `text.fold`)
because matching happens on folded text; typos people commonly write are listed as words.
"""

from __future__ import annotations

from reactiond.nlp.lexicon import en, es, fr, pt
from reactiond.nlp.lexicon.model import Lexicon
from reactiond.nlp.result import Language

__all__ = ["COMMON_PLATFORMS", "LEXICONS", "Lexicon", "lexicon"]


LEXICONS: dict[Language, Lexicon] = {
    "es": es.LEXICON,
    "en": en.LEXICON,
    "pt": pt.LEXICON,
    "fr": fr.LEXICON,
}

# Platform words that read the same in every language (guidelines §7).
COMMON_PLATFORMS: dict[str, str] = {
    "zoom": "zoom",
    "google meet": "meet",
    "gmeet": "meet",
    "meet": "meet",
    "ms teams": "teams",
    "microsoft teams": "teams",
    "teams": "teams",
    "whatsapp": "whatsapp",
    "whats": "whatsapp",
    "wpp": "whatsapp",
    "zap": "whatsapp",
    "wa": "whatsapp",
    "skype": "skype",
    "facetime": "facetime",
    "webex": "webex",
    "slack huddle": "slack",
    "slack": "slack",
    "huddle": "slack",
    "discord": "discord",
    "phone": "phone",
}


def lexicon(lang: Language) -> Lexicon:
    return LEXICONS[lang]
