"""Tables on a terminal: columns lined up by the cells a text takes on screen, not by its
length in code points (an emoji takes two cells, an accent combined onto a letter none)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

_ZERO_WIDTH = frozenset({"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"})
_EMOJI_PRESENTATION = "\ufe0f"  # VS16: the character before it is drawn as a wide emoji


def width(text: str) -> int:
    """How many terminal cells `text` takes (East Asian wide/full-width and emoji: 2)."""
    total = 0
    for i, char in enumerate(text):
        if char in _ZERO_WIDTH or char == "\ufe0e" or unicodedata.combining(char):
            continue
        if char == _EMOJI_PRESENTATION:
            # 🗓 (U+1F5D3) is narrow by its code point, wide once VS16 asks for an emoji.
            if i > 0 and unicodedata.east_asian_width(text[i - 1]) not in ("W", "F"):
                total += 1
            continue
        if 0x1F3FB <= ord(char) <= 0x1F3FF:  # skin-tone modifier: part of the emoji before
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def pad(text: str, cells: int, *, right: bool = False) -> str:
    fill = " " * max(0, cells - width(text))
    return fill + text if right else text + fill


def table(rows: Sequence[Sequence[str]], *, right: frozenset[int] = frozenset()) -> list[str]:
    """`rows` (the first is the header) as lines with two spaces between columns; columns
    whose index is in `right` are right-aligned (ids, amounts). The last column is not
    padded, so a long title does not push trailing spaces."""
    if not rows:
        return []
    count = max(len(row) for row in rows)
    widths = [max((width(row[c]) for row in rows if c < len(row)), default=0) for c in range(count)]
    lines = []
    for row in rows:
        cells = [
            cell if c == len(row) - 1 and c not in right else pad(cell, widths[c], right=c in right)
            for c, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines
