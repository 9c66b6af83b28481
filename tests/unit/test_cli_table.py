"""Record tables line up on a terminal whatever the text: emoji take two cells, accents
(composed or combining) one (issue 16 item 17)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reactiond.cli.table import table, width


def test_width_counts_terminal_cells() -> None:
    assert width("abc") == 3
    assert width("título") == 6
    assert width(unicodedata.normalize("NFD", "título")) == 6
    assert width("✅") == 2
    assert width("💳 luz") == 6
    assert width("🗓\ufe0f") == 2
    assert width("👍🏽") == 2


def starts(line: str, cells: list[str]) -> list[int]:
    """The screen column at which each cell starts in `line`."""
    found, at = [], 0
    for cell in cells:
        index = line.index(cell, at)
        found.append(width(line[:index]))
        at = index + len(cell)
    return found


WORDS = st.sampled_from(
    ["a", "título", "✅", "💳 luz", "Ação", "naïve", "x" * 12, "-", "📅 🗓\ufe0f"]
)


@given(st.lists(st.lists(WORDS, min_size=3, max_size=3), min_size=1, max_size=6))
def test_every_column_starts_at_the_same_cell_on_every_line(rows: list[list[str]]) -> None:
    header = ["ID", "ESTADO", "TÍTULO"]
    lines = table([header, *rows])
    expected = starts(lines[0], header)
    for line, row in zip(lines[1:], rows, strict=True):
        assert starts(line, row) == expected, (line, row)


def test_right_aligned_columns_end_together() -> None:
    lines = table([["id", "x"], ["7", "a"], ["123", "b"]], right=frozenset({0}))
    assert lines == [" id  x", "  7  a", "123  b"]
