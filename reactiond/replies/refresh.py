"""Words for a confirmation rendered again because its record changed before it left
(done or paid meanwhile). English fallback for a language without them yet."""

from __future__ import annotations

from reactiond.nlp.result import Language

CLOSED: dict[str, dict[str, str]] = {
    "task": {
        "es": "☑️ Ya está hecha.",
        "en": "☑️ Already done.",
        "pt": "☑️ Já está feita.",
        "fr": "☑️ Déjà faite.",
    },
    "bill": {
        "es": "☑️ Ya está pagada.",
        "en": "☑️ Already paid.",
        "pt": "☑️ Já está paga.",
        "fr": "☑️ Déjà payée.",
    },
}


def closed_line(kind: str, lang: Language) -> str | None:
    """The line saying a task is done / a bill paid already; None for other kinds."""
    words = CLOSED.get(kind)
    return None if words is None else words.get(lang, words["en"])
