"""What the confirmation adds when the message was longer than the parsers read
(`reactiond.nlp.MAX_TEXT_CHARS`): the records come from its beginning only."""

from __future__ import annotations

from reactiond.nlp.result import Language

# Kept beside the phrasebooks rather than in them: one line, one reason to change.
_TEXT_CUT: dict[str, str] = {
    "es": "✂️ El mensaje era muy largo: solo leí sus primeros {limit} caracteres.",
    "en": "✂️ The message was very long: I only read its first {limit} characters.",
    "pt": "✂️ A mensagem era muito longa: só li os primeiros {limit} caracteres.",
}


def text_cut(lang: Language | str, limit: int) -> str:
    """The line saying that only the first `limit` characters were read."""
    return _TEXT_CUT.get(lang, _TEXT_CUT["en"]).format(limit=limit)
