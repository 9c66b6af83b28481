"""WhatsApp formatting marks (GUIDELINES §13.1): `*bold*`, `_italic_`, `~strike~` and
```` ```mono``` ```` are dropped from titles, vendors and locations; the words stay.

A single mark opens at the start of a word (after a space, punctuation or the line start, with
a non-space after it) and closes at the end of one (a non-space before it, no letter or digit
after it), on the same line, as WhatsApp draws them: "@juan_perez", "2*3" and "~20 min" have no
marks. Triple backticks pair in order, across lines. One pass over the text, no backtracking:
linear in its length.
"""

from __future__ import annotations

_SINGLE = "*_~"
_FENCE = "```"


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and before != text[i] and not after.isspace() and after != text[i]


def _closes(text: str, j: int) -> bool:
    before = text[j - 1] if j > 0 else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    return not before.isspace() and before != text[j] and not after.isalnum() and after != text[j]


def mark_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the formatting marks in `text` (the marks only, not what they enclose)."""
    spans: list[tuple[int, int]] = []
    if not any(ch in text for ch in "*_~`"):
        return spans
    fences: list[int] = []
    i = text.find(_FENCE)
    while i >= 0:
        fences.append(i)
        i = text.find(_FENCE, i + 3)
    fenced: list[tuple[int, int]] = []
    for a, b in zip(fences[0::2], fences[1::2], strict=False):
        if b > a + 3:
            spans += [(a, a + 3), (b, b + 3)]
            fenced.append((a, b + 3))
    pending: dict[str, int] = {}
    fence_i = 0
    for pos, ch in enumerate(text):
        if ch == "\n":
            pending.clear()
            continue
        if ch not in _SINGLE:
            continue
        while fence_i < len(fenced) and fenced[fence_i][1] <= pos:
            fence_i += 1
        if fence_i < len(fenced) and fenced[fence_i][0] <= pos:
            continue  # inside ```…```: literal text ("deploy_user")
        opened = pending.get(ch)
        if opened is not None and pos > opened + 1 and _closes(text, pos):
            spans += [(opened, opened + 1), (pos, pos + 1)]
            del pending[ch]
        elif opened is None and _opens(text, pos):
            pending[ch] = pos
    spans.sort()
    return spans


def strip_marks(text: str, *, keep_offsets: bool = False) -> str:
    """`text` without its formatting marks: deleted, or each replaced by a space when
    `keep_offsets` (so that spans found on the result index the original)."""
    spans = mark_spans(text)
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for s, e in spans:
        out.append(text[pos:s])
        if keep_offsets:
            out.append(" " * (e - s))
        pos = e
    out.append(text[pos:])
    return "".join(out)
