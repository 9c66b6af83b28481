"""How much the parsers read: a bound on the text and on the bills one message makes.

WhatsApp lets a message be 65,535 characters long. Nothing people ask of a reaction (a task,
an event, a few bills, a note's title) needs more than the first few thousand, and a bound
on the input is what keeps the worst parse short whatever the text (docs/nlp.md, "Limits").
"""

from __future__ import annotations

# Characters of a message the parsers read; the rest is cut before parsing (the
# confirmation says so). The message itself is stored whole.
MAX_TEXT_CHARS = 4096
# Bills one message yields at most (in text order); further figures are not bills.
MAX_BILLS = 20
# A cut moves back to the last space when one is this close, so no word is read half.
_WORD_SLACK = 32


def is_cut(text: str) -> bool:
    """Whether `cut_text` shortens `text`."""
    return len(text) > MAX_TEXT_CHARS


def cut_text(text: str) -> str:
    """The part of `text` the parsers read: the first `MAX_TEXT_CHARS` characters, ending
    at a space when one is near the limit."""
    if len(text) <= MAX_TEXT_CHARS:
        return text
    head = text[:MAX_TEXT_CHARS]
    space = max(head.rfind(" "), head.rfind("\n"))
    return head[:space] if space >= MAX_TEXT_CHARS - _WORD_SLACK else head
