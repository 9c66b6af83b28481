"""What a bill message says besides its bills (GUIDELINES §13.1, §13.5).

- `units`: a message's lines, and within a line its sentences (after `.`, `!`, `?`, `…` and a
  space, never after an abbreviation such as "Dr." or "Av."; after an emoji when a capital
  follows, "… 😱 Hay que …").
- `not_bills`: the figures that are no bill entry: already paid ("ya pagué", "paid ConEd
  already", "já paguei"; a habitual "paid by direct debit" still is one), a total of the other
  figures ("en total", "in total", "no total", only when other figures are listed), a previous
  period's figure ("el mes pasado fueron 800", "last month was"), a balance or a credit limit
  ("saldo", "credit limit"; "fecha límite" is a due phrase). The phrase takes the figure
  nearest to it in its unit.

Pure, and linear in the length of the text: one regex pass per kind, a bisection per match.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reactiond.nlp.lexicon.money_common import BillLexicon
from reactiond.nlp.money import Amount
from reactiond.nlp.text import EMOJI_RE

__all__ = ["NotBillPhrases", "compile_not_bills", "not_bills", "phrase_pattern", "units"]

_ABBREVIATIONS = frozenset(
    {"dr", "dra", "sr", "sra", "srta", "mr", "mrs", "ms", "st", "av", "no", "nº", "n°", "jr", "vs"}
)
_BREAK = re.compile(
    # one emoji character, not a run: a long run of emoji is then read once, not retried
    rf"\n|(?<=[.!?…])[\"')\]]*[ \t]+|{EMOJI_RE.pattern.removesuffix('+')}[ \t]+(?=[^\W\d_])",
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.$")


def units(text: str) -> list[tuple[int, int]]:
    """The spans of the units of `text` (lines and sentences), in order, empty ones left out."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BREAK.finditer(text):
        piece = m.group()
        if piece[0] not in "\n \t\"')]" and not piece[0].isspace():
            # an emoji: a new unit only when what follows starts with a capital
            nxt = text[m.end() : m.end() + 1]
            if not nxt.isupper():
                continue
        elif piece != "\n":
            w = _WORD_BEFORE.search(text, max(pos, m.start() - 8), m.start())
            if w is not None and w.group(1).lower() in _ABBREVIATIONS:
                continue
        if text[pos : m.start()].strip():
            spans.append((pos, m.start() if piece == "\n" else m.end()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def phrase_pattern(phrase: str) -> str:
    """A folded phrase as a regex: words apart by any spaces; "*" is up to two words."""
    out: list[str] = []
    for word in phrase.split():
        out.append(r"(?:[\w']+\s+){0,2}" if word == "*" else re.escape(word) + r"\s+")
    return "".join(out).removesuffix(r"\s+")


def _alt(phrases: Iterable[str]) -> str:
    uniq = sorted(set(phrases), key=lambda w: (-len(w), w))
    return "|".join(phrase_pattern(p) for p in uniq) or "(?!)"


@dataclass(frozen=True)
class NotBillPhrases:
    paid: re.Pattern[str]
    contrast: re.Pattern[str]
    totals: re.Pattern[str]
    previous: re.Pattern[str]
    balance: re.Pattern[str]
    balance_next: re.Pattern[str]


def compile_not_bills(lex: BillLexicon) -> NotBillPhrases:
    b, e = r"(?<![\w'])", r"(?![\w'])"
    habitual = _alt(lex.paid_not_before)
    due_word = "".join(rf"(?<!{re.escape(w)}\s)" for w in sorted(lex.balance_not_after))
    return NotBillPhrases(
        # "no está pagado" is not paid; "paid by direct debit" is a bill that recurs
        paid=re.compile(rf"{b}(?<!no\s)(?:{_alt(lex.paid)}){e}(?!\s+(?:{habitual}){e})"),
        contrast=re.compile(rf"{b}(?:{_alt(lex.contrast)}){e}"),
        totals=re.compile(rf"{b}(?:{_alt(lex.totals)}){e}"),
        previous=re.compile(rf"{b}(?:{_alt(lex.previous)}){e}"),
        balance=re.compile(rf"{b}{due_word}(?:{_alt(lex.balance)}){e}"),
        # the figure right after the phrase, with at most a currency sign and spaces between
        balance_next=re.compile(rf"{b}(?:{_alt(lex.balance_next)}){e}(?=\s*\S{{0,3}}\s*\d)"),
    )


_CLAUSE_BREAK = re.compile(r"[,;\n+]")


class _Free:
    """The figures not taken yet: the first one at or after an index and the last one at or
    before it, in near-constant amortised time (path halving), so that many phrases over many
    figures stay linear."""

    def __init__(self, n: int) -> None:
        self._right = list(range(n + 1))  # n: none
        self._left = list(range(n + 1))  # shifted by one: 0 is none

    def first_from(self, i: int) -> int:
        r = self._right
        while r[i] != i:
            r[i] = r[r[i]]
            i = r[i]
        return i

    def last_upto(self, i: int) -> int:
        left, j = self._left, i + 1
        while left[j] != j:
            left[j] = left[left[j]]
            j = left[j]
        return j - 1

    def take(self, i: int) -> None:
        self._right[i] = i + 1
        self._left[i + 1] = i


def _turns(folded: str, contrast: re.Pattern[str], start: int, end: int) -> bool:
    """Whether the text in [start, end) turns to another bill: "ya está pagada ✅ pero falta
    la del transporte, $1,800" (the figure is the transport's, not the paid one)."""
    return contrast.search(folded, start, end) is not None


def _nearest(
    folded: str,
    contrast: re.Pattern[str],
    amounts: Sequence[Amount],
    starts: Sequence[int],
    breaks: Sequence[int],
    free: _Free,
    unit: tuple[int, int],
    start: int,
    end: int,
) -> int | None:
    """Index of the figure nearest to the phrase [start, end): after it in its unit
    ("ya pagué la comunidad, 85 €"), or before it in its own clause ("$ 12.400 de saldo");
    "Verizon $112 by the 15th, paid Con Ed already" says nothing about Verizon's figure."""
    lo, hi = unit
    pivot = bisect_left(starts, end, lo, hi)
    after = free.first_from(pivot)
    before = free.last_upto(pivot - 1)
    candidates: list[tuple[int, int, int]] = []
    if after < hi and not _turns(folded, contrast, end, amounts[after].start):
        candidates.append((amounts[after].start - end, 0, after))
    if before >= lo:
        a = amounts[before]
        b = bisect_left(breaks, a.end)
        if not (b < len(breaks) and breaks[b] < start):
            candidates.append((max(0, start - a.end), 1, before))
    return min(candidates)[2] if candidates else None


def not_bills(
    folded: str,
    amounts: Sequence[Amount],
    spans: Sequence[tuple[int, int]],
    ph: NotBillPhrases,
) -> set[int]:
    """Indices of `amounts` (in text order) that are no bill entry (§13.5)."""
    gone: set[int] = set()
    if not amounts:
        return gone
    starts = [a.start for a in amounts]
    unit_starts = [s for s, _ in spans]
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(folded)]
    free = _Free(len(amounts))

    def unit_range(pos: int) -> tuple[int, int]:
        u = bisect_right(unit_starts, pos) - 1
        if u < 0:
            return 0, 0
        us, ue = spans[u]
        return bisect_left(starts, us), bisect_left(starts, ue)

    for kind in (ph.paid, ph.previous, ph.balance, ph.balance_next, ph.totals):
        for m in kind.finditer(folded):
            if kind is ph.totals and len(amounts) - len(gone) < 3:
                continue  # a total needs at least two other figures to add up
            unit = unit_range(m.start())
            i = _nearest(
                folded, ph.contrast, amounts, starts, breaks, free, unit, m.start(), m.end()
            )
            if i is not None and kind is ph.balance_next and amounts[i].start - m.end() > 3:
                continue  # "me quedan 3 cuotas de $2,000": the figure is owed, not left
            if i is not None:
                gone.add(i)
                free.take(i)
    return gone
