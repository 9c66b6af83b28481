"""The bill parser 💳 for a document (issue 23): a bill read from a picture or a PDF's text.

A chat message says "luz 450 el viernes"; a bill says it in a layout of labels and figures,
with many figures that are not the one to pay. The grammar, in the three languages at once
(a bill's labels are its language's, but OCR and bilingual bills mix them; the words live in
`lexicon/document_{es,en,pt}.py`):

    text ──▶ repaired (OCR noise in figures and dates) ──▶ lines
         ──▶ per line, in order: labels (amount, date, party) · dates · amounts
         ──▶ each figure takes the label before it on its line (after the previous figure),
             else the label that ended the line above ("Total a pagar:" ⏎ "84,32 €"), or the
             label in the same position of a header row above ("Emisión  Vencimiento  Total" ⏎
             "01/12  15/01  84,32")
         ──▶ amount due = the best-labelled figure: an amount-due label ("Total a pagar",
             "Amount due", "Valor a pagar") > a plain total ("Total", "Importe", "Valor") >
             a figure with a currency marker; never one labelled as a previous balance,
             payment, subtotal, tax, consumption, reading, discount or limit; never an id
             (contract, account, tax number), a consumption in units or a percentage. Ties:
             the largest (a total is never less than its parts).
         ──▶ due date = the first date labelled as the due date ("Fecha límite de pago",
             "Vencimento", "Due date", "Pay by"), else a date on the amount due's line; never
             an issue date, a billing period or a reading date.
         ──▶ payee = a payee label's value ("Beneficiário:", "Payee:", "Pagar a:"), else a
             known brand in the first lines, else the first line that names someone: not a
             document heading ("FACTURA"), not the customer's block ("Cliente:", "Bill to"),
             not an address, a date, a figure or a status bar; legal suffixes dropped
             ("S.A.U.", "Ltda.", "LLC").
         ──▶ currency = the figure's marker, else the marker the document uses most, else the
             zone's (`money.default_currency`).

The caption, when there is one, is read with `parse_bill` and wins for what it says (the
person typed it looking at the bill: "luz, pago 80 el viernes"); the document fills the rest.
What was not found or only guessed is marked in `unsure` (`not_found`, `unlabelled`,
`guessed_vendor`), so the confirmation asks for it. Pure: no clock, no I/O; linear in the
text (at most `MAX_DOCUMENT_CHARS` characters are read).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo

from reactiond.date_range import in_range
from reactiond.nlp import MAX_AMOUNT
from reactiond.nlp.bill import parse_bill
from reactiond.nlp.dates import find_dates, local_now
from reactiond.nlp.language import detect
from reactiond.nlp.lexicon import document_en, document_es, document_pt
from reactiond.nlp.lexicon.document_model import DocumentLexicon
from reactiond.nlp.lexicon.money_common import AMBIGUOUS_BRANDS, BRANDS
from reactiond.nlp.money import Amount, default_currency, dollar_currency, find_amounts
from reactiond.nlp.result import BillData, BillItem, Language, ParseResult, Unsure
from reactiond.nlp.text import fold
from reactiond.nlp.unsure import with_guesses

__all__ = ["MAX_DOCUMENT_CHARS", "parse_bill_document"]

MAX_DOCUMENT_CHARS = 16_000
_MAX_LINES = 400
_TOP_LINES = 12  # where a bill prints its issuer
_MAX_VENDOR_WORDS = 6

_LEXICONS: tuple[DocumentLexicon, ...] = (
    document_es.DOCUMENT,
    document_en.DOCUMENT,
    document_pt.DOCUMENT,
)

AmountKind = Literal["due", "total", "not_due", "qualifier"]
DateKind = Literal["due_date", "not_due_date"]
PartyKind = Literal["payee", "customer"]


# ------------------------------------------------------------------ the lexicons, compiled
def _norm(phrase: str) -> str:
    return " ".join(fold(phrase).split())


def _kinds(pairs: Iterable[tuple[str, frozenset[str]]]) -> dict[str, str]:
    """Phrase → kind; a phrase in two kinds (two languages) takes the first one listed."""
    out: dict[str, str] = {}
    for kind, phrases in pairs:
        for p in phrases:
            out.setdefault(_norm(p), kind)
    return out


def _label_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    alts = sorted(set(phrases), key=lambda p: (-len(p), p))
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alts)
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


_AMOUNT_KINDS = _kinds(
    pair
    for lex in _LEXICONS
    for pair in (
        ("qualifier", lex.qualifiers),
        ("due", lex.amount_due),
        ("not_due", lex.not_due),
        ("total", lex.total),
    )
)
_DATE_KINDS = _kinds(
    pair
    for lex in _LEXICONS
    for pair in (("due_date", lex.due_date), ("not_due_date", lex.not_due_date))
)
_PARTY_KINDS = _kinds(
    pair for lex in _LEXICONS for pair in (("payee", lex.payee), ("customer", lex.customer))
)
_DOCUMENT_WORDS = frozenset(_norm(w) for lex in _LEXICONS for w in lex.document_words)


@dataclass(frozen=True, slots=True)
class _LabelPatterns:
    # One scan for every label: where two overlap ("Total due" and "due"), the longest
    # phrase at the leftmost place is the label, whichever kind it is.
    every_kind: re.Pattern[str]
    amount: re.Pattern[str]
    date: re.Pattern[str]
    party: re.Pattern[str]
    id_word: re.Pattern[str]


@cache
def _label_patterns() -> _LabelPatterns:
    """The label patterns, compiled on first use rather than at import: the daemon imports
    this module (a picture's bill) long before it reads a document, and compiling them
    would add to each start (the parser process compiles them as it warms up,
    `compile_all`)."""
    return _LabelPatterns(
        every_kind=_label_regex(set(_AMOUNT_KINDS) | set(_DATE_KINDS) | set(_PARTY_KINDS)),
        amount=_label_regex(_AMOUNT_KINDS),
        date=_label_regex(_DATE_KINDS),
        party=_label_regex(_PARTY_KINDS),
        id_word=_label_regex({_norm(w) for lex in _LEXICONS for w in lex.id_words}),
    )


def compile_all() -> None:
    """Compile the label patterns now, rather than in the first document."""
    _label_patterns()


_ADDRESS_WORDS = frozenset(_norm(w) for lex in _LEXICONS for w in lex.address_words)
_BRANDS = {tuple(b.split()): b for b in BRANDS}
_BRAND_WORDS = max(len(b) for b in _BRANDS)


# ------------------------------------------------------------------ OCR repair
# A figure as OCR reads it: a digit first, then digits with letters that look like digits
# (O o → 0, I l | → 1, S → 5, B → 8), ending in a decimal mark and two digits.
_NOISY_FIGURE = re.compile(r"(?<![\w.,])\d[\dOoIl|SB.,]*[.,][\dOoIl|SB]{2}(?![\w])")
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5", "B": "8"})
# "84, 32" / "84 ,32" / "54.   08" (a space or a column gap OCR put inside a figure),
# "1 234,56" (a thousands space)
_SPACED_DECIMAL = re.compile(r"(?<=\d) ?([.,]) {0,4}(?=\d\d(?![\d.,/]))")
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?: \d{3})+)(?=[.,]\d\d(?!\d))")
# "15-ENE-2027", "15.Jan.2027" → "15 ENE 2027"; "15.01.2027" → "15/01/2027"
_DASHED_MONTH = re.compile(r"(?<![\w])(\d{1,2})[-./ ]([^\W\d_]{3,10})\.?[-./ ](\d{2,4})(?!\d)")
_DOTTED_DATE = re.compile(r"(?<![\d.,])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d.,])")


def _repair(text: str) -> str:
    text = _NOISY_FIGURE.sub(lambda m: m.group().translate(_LOOKALIKE), text)
    text = _SPACED_THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), text)
    text = _SPACED_DECIMAL.sub(r"\1", text)
    text = _DASHED_MONTH.sub(r"\1 \2 \3", text)
    return _DOTTED_DATE.sub(r"\1/\2/\3", text)


# ------------------------------------------------------------------ lines
@dataclass(frozen=True)
class _Label:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class _Figure:
    line: int
    amount: Amount
    kind: str | None


@dataclass(frozen=True)
class _Date:
    line: int
    start: int
    value: date
    kind: str | None


_UNIT_AFTER = re.compile(
    r"\s*(?:kwh|kw|wh|m3|m³|mb|gb|min|mins|minutos|minutes|litros|liters|l|%|dias|days|meses"
    r"|months|un|uds|unid|pcs|x)(?![a-z])"
)
_LONG_PLAIN = re.compile(r"^\d{5,}$")
_COLUMN_GAP = re.compile(r"\s{3,}|\t|\s\|\s")


def _labels(folded: str) -> tuple[list[_Label], list[_Label]]:
    """The amount labels and the date labels of a line."""
    amount: list[_Label] = []
    dates: list[_Label] = []
    for m in _label_patterns().every_kind.finditer(folded):
        phrase = _norm(m.group())
        if phrase in _AMOUNT_KINDS:
            amount.append(_Label(m.start(), m.end(), _AMOUNT_KINDS[phrase]))
        if phrase in _DATE_KINDS:
            dates.append(_Label(m.start(), m.end(), _DATE_KINDS[phrase]))
    return amount, dates


def _amount_kind(labels: list[_Label]) -> str | None:
    """What a run of labels before a figure makes of it: the last label, except that a
    qualifier changes nothing ("Total a pagar (IVA incluido)"), an amount-due label keeps
    what follows it as a qualifier, and "total" before a word of a part is that part
    ("Total IVA", "Total consumo")."""
    kinds = [lb.kind for lb in labels if lb.kind != "qualifier"]
    if not kinds:
        return None
    if "due" in kinds and kinds[-1] == "not_due" and kinds[0] == "due":
        return "due"
    return kinds[-1]


def _date_kind(labels: list[_Label]) -> str | None:
    return labels[-1].kind if labels else None


@dataclass
class _Reading:
    figures: list[_Figure]
    dates: list[_Date]
    lines: list[str]
    folded: list[str]


@dataclass(frozen=True)
class _Pending:
    """A label with no value after it on its line: its value is below it, in its column
    (from where the label starts to where the next cell of its line starts)."""

    kind: str
    start: int
    end: int
    line: int


_NEXT_CELL = re.compile(r"\s{3,}(?=\S)")
_BELOW = 3  # how many lines down a label's value may be
_MAX_PENDING = 12
_SLACK = 3  # columns a value may start left of its label (centred or OCR-shifted)
_TABLE_SLACK = 12  # the same for a table row, where each value pairs with its header


def _cell_starts(line: str) -> list[int]:
    return [m.end() for m in _NEXT_CELL.finditer(line)]


def _region_end(cells: list[int], end: int) -> int:
    """Where the next cell after column `end` starts (`cells` from `_cell_starts`)."""
    i = bisect_left(cells, end + 1)
    return cells[i] if i < len(cells) else 1 << 30


def _assign(
    spans: list[tuple[int, int]],
    kinds: list[str | None],
    pending: list[_Pending],
    n: int,
    labelled_line: bool,
) -> list[_Pending]:
    """Give the line's unlabelled values (`kinds[i] is None`) the labels pending above them,
    in place; return the labels still pending. A row right under a row of labels with as
    many values as labels is a table row (each value under its header, in order); otherwise
    a value takes the label whose column it starts in."""
    free = [i for i, k in enumerate(kinds) if k is None]
    if not free or not pending:
        return pending
    header = [p for p in pending if p.line == max(q.line for q in pending)]
    if (
        not labelled_line
        and len(free) == len(header)
        and all(
            p.start - _TABLE_SLACK <= spans[i][0] < p.end + _TABLE_SLACK
            for i, p in zip(free, header, strict=True)
        )
    ):
        for i, p in zip(free, header, strict=True):
            kinds[i] = p.kind
        return [p for p in pending if p not in header]
    used: set[int] = set()
    for i in free:
        for j, p in enumerate(pending):
            if j not in used and p.start - _SLACK <= spans[i][0] < p.end:
                kinds[i] = p.kind
                used.add(j)
                break
    return [p for j, p in enumerate(pending) if j not in used]


def _carry(
    pending: list[_Pending], cells: list[int], trailing: list[_Label], n: int
) -> list[_Pending]:
    """The labels pending after line `n`: its trailing labels, and older ones not yet too far
    above nor covered by a new label in their column. At most `_MAX_PENDING` (a header row
    has a handful; a line of ten thousand labels must stay linear)."""
    new = [
        _Pending(lb.kind, lb.start, _region_end(cells, lb.end), n)
        for lb in trailing[-_MAX_PENDING:]
    ]
    kept = [
        p
        for p in pending
        if n - p.line < _BELOW and not any(p.start - _SLACK <= q.start < p.end for q in new)
    ]
    return sorted(kept + new, key=lambda p: (p.line, p.start))


def _read(text: str, lang: Language, now: datetime, tz: str) -> _Reading:
    lines = re.split(r"[\n\f\r]", text)[:_MAX_LINES]
    folded_lines = [fold(ln) for ln in lines]
    figures: list[_Figure] = []
    dates: list[_Date] = []
    pending_amounts: list[_Pending] = []
    pending_dates: list[_Pending] = []
    for n, (line, folded) in enumerate(zip(lines, folded_lines, strict=True)):
        if not line.strip():
            continue
        amount_labels, date_labels = _labels(folded)
        found_dates = [m for m in find_dates(line, lang, now, tz) if m.kind in ("date", "datetime")]
        date_spans = [(m.start, m.end) for m in found_dates]
        amounts = [
            a
            for a in find_amounts(line, lang, exclude=date_spans, tz=tz)
            if not _UNIT_AFTER.match(folded, a.end)
        ]
        has_id = _label_patterns().id_word.search(folded) is not None
        # each figure: the labels between the previous figure and itself, else one above
        kinds: list[str | None] = []
        prev = 0
        for a in amounts:
            here = [lb for lb in amount_labels if prev <= lb.start and lb.end <= a.start]
            kinds.append(_amount_kind(here))
            prev = a.end
        pending_amounts = _assign(
            [(a.start, a.end) for a in amounts], kinds, pending_amounts, n, bool(amount_labels)
        )
        for a, kind in zip(amounts, kinds, strict=True):
            if kind is None and has_id and not a.explicit_marker:
                continue  # "Nº de contrato: 123456789"
            figures.append(_Figure(n, a, kind))
        trailing = [lb for lb in amount_labels if lb.start >= prev and lb.kind != "qualifier"]
        cells = _cell_starts(line)
        pending_amounts = _carry(pending_amounts, cells, trailing, n)
        # each date, the same way with the date labels
        dkinds: list[str | None] = []
        prev = 0
        for m in found_dates:
            # a label may share its last word with the date ("pagar antes del" + "del 20 de
            # diciembre"): one that starts before the date is the date's
            here = [lb for lb in date_labels if prev <= lb.start < m.start]
            dkinds.append(_date_kind(here))
            prev = m.end
        pending_dates = _assign(date_spans, dkinds, pending_dates, n, bool(date_labels))
        for m, kind in zip(found_dates, dkinds, strict=True):
            value = m.value.date() if isinstance(m.value, datetime) else m.value
            if isinstance(value, date):
                dates.append(_Date(n, m.start, value, kind))
        pending_dates = _carry(
            pending_dates, cells, [lb for lb in date_labels if lb.start >= prev], n
        )
    return _Reading(figures, dates, lines, folded_lines)


# ------------------------------------------------------------------ the fields
_SCORES = {"due": 4.0, "total": 3.0, None: 0.0}


def _amount_due(figures: list[_Figure]) -> tuple[_Figure | None, bool]:
    """The figure to pay, and whether a label said so."""
    best: _Figure | None = None
    best_key: tuple[float, Decimal] | None = None
    for f in figures:
        a = f.amount
        if f.kind in ("not_due", "qualifier") or not 0 < a.value < MAX_AMOUNT:
            continue
        if f.kind is None and (
            a.strength == 0 or (not a.explicit_marker and _LONG_PLAIN.match(str(a.value)))
        ):
            continue  # a year, a number in a name, an id
        score = _SCORES.get(f.kind, 0.0) + (1.0 if a.explicit_marker else 0.0)
        key = (score, a.value)
        if best_key is None or key > best_key:
            best, best_key = f, key
    return best, best is not None and best.kind in ("due", "total")


def _due_date(dates: list[_Date], amount_line: int | None) -> date | None:
    for d in dates:
        if d.kind == "due_date" and in_range(d.value):
            return d.value
    for d in dates:
        if d.kind is None and d.line == amount_line and in_range(d.value):
            return d.value
    return None


_LEGAL_SUFFIX = re.compile(
    r"(?:[\s,]+(?:s\.?\s?a\.?\s?u\.?|s\.?\s?a\.?\s?p\.?\s?i\.?|s\.?\s?a\.?\s?s\.?|s\.?\s?a\.?|s/a"
    r"|de\s+c\.?\s?v\.?|s\.?\s?l\.?\s?u\.?|s\.?\s?l\.?|s\.?\s?r\.?\s?l\.?|ltda\.?|l\.?\s?l\.?\s?c\.?"
    r"|inc\.?|ltd\.?|plc|corp\.?|co\.?|gmbh|eireli|me|epp|lda\.?|e\.?\s?s\.?\s?p\.?))+\s*$",
    re.IGNORECASE,
)
_NAME_EDGE = " \t:;,.-–—|*#•·/\\()[]\"'“”"


def _clean_name(raw: str) -> str | None:
    """A name as printed, without its legal form; None for a label, a figure, a code."""
    name = _COLUMN_GAP.split(raw.strip(_NAME_EDGE))[0].strip(_NAME_EDGE)
    label = _label_patterns().every_kind.match(fold(name))
    if label is not None and not fold(name)[label.end() :].strip(_NAME_EDGE):
        return None  # "Vencimento": the next label, not a name
    prev = None
    while prev != name:
        prev = name
        name = _LEGAL_SUFFIX.sub("", name).strip(_NAME_EDGE)
    letters = sum(ch.isalpha() for ch in name)
    if letters < 2 or sum(ch.isdigit() for ch in name) > letters:
        return None
    return name


_LABEL_GLUE = re.compile(r"[ \t]{0,2}[:\-–—.]?[ \t]{0,2}")
_CELL = re.compile(r"\S+(?:\s{1,2}\S+)*")  # words with at most two spaces between them


def _cell_at(line: str, pos: int) -> str:
    """The text of the cell that starts at `pos` (up to a gap of three spaces)."""
    m = _CELL.match(line, pos)
    return m.group() if m is not None else ""


def _payee_by_label(reading: _Reading) -> str | None:
    """The value of a payee label: the rest of its cell ("Beneficiário: Sabesp"), else the
    cell below it in its column (a boleto's box: "Beneficiário" over the name)."""
    tried = 0
    for n, folded in enumerate(reading.folded):
        for m in _label_patterns().party.finditer(folded):
            if _PARTY_KINDS[_norm(m.group())] != "payee":
                continue
            tried += 1
            if tried > _MAX_PENDING:
                return None  # a page of "Payee Payee …" names nobody: stay linear
            line = reading.lines[n]
            glue = _LABEL_GLUE.match(line, m.end())
            name = _clean_name(_cell_at(line, glue.end() if glue else m.end()))
            below = n + 1
            end = _region_end(_cell_starts(line), m.end())
            while name is None and below < min(n + _BELOW, len(reading.lines)):
                for cell in _CELL.finditer(reading.lines[below]):
                    if m.start() - _SLACK <= cell.start() < end:
                        name = _clean_name(cell.group())
                        break
                below += 1
            if name is not None:
                return name
    return None


def _brand_in(line: str) -> str | None:
    tokens = [(m.start(), m.end()) for m in re.finditer(r"[\w&+.'-]+", line)]
    words = [fold(line[s:e]).strip(".") for s, e in tokens]
    for i in range(len(words)):
        for k in range(min(_BRAND_WORDS, len(words) - i), 0, -1):
            key = tuple(words[i : i + k])
            if key not in _BRANDS:
                continue
            typed = line[tokens[i][0] : tokens[i + k - 1][1]]
            if k == 1 and key[0] in AMBIGUOUS_BRANDS and typed.islower():
                continue
            if i + k < len(words) and words[i + k] in _NAME_LINKS:
                return _clean_name(line)  # "Gas Natural del Norte": a longer name
            return typed.strip(".")
    return None


_NAME_LINKS = frozenset({"de", "del", "do", "da", "dos", "das", "of", "the", "y", "e", "and"})
_STATUS_BAR = re.compile(r"^\W*\d{1,2}[:.]\d\d\b")
_WEB = re.compile(r"@|www\.|https?:|\.com\b|\.es\b|\.br\b|\.mx\b")


def _heading_like(folded: str) -> bool:
    words = re.findall(r"[a-z]+", folded)
    if not words:
        return True
    return any(" ".join(words[:k]) in _DOCUMENT_WORDS for k in range(1, min(len(words), 4) + 1))


_CUSTOMER_BLOCK = 3  # lines under a customer label that are the customer's (name, address)
_NAME_SEPARATOR = re.compile(r"\s[-–—·•|]\s|[·•|]")  # "Name S.L.U. · CIF …", "Name SA - NIF …"
_LEADING_NUMBER = re.compile(r"^\W*\d{3,}\b")  # "28013 Madrid", "1184 Maple Street"


def _customer_lines(reading: _Reading) -> set[int]:
    out: set[int] = set()
    for n, folded in enumerate(reading.folded):
        if any(
            _PARTY_KINDS[_norm(m.group())] == "customer"
            for m in _label_patterns().party.finditer(folded)
        ):
            out.update(range(n, n + 1 + _CUSTOMER_BLOCK))
    return out


def _legal_name(line: str) -> str | None:
    """A name printed with its legal form ("Luzverde Energía S.L.U. · CIF B1234"): only an
    organisation writes one, and a bill's issuer always does somewhere."""
    for cell in _CELL.finditer(line):
        for piece in _NAME_SEPARATOR.split(cell.group()):
            text = piece.strip(_NAME_EDGE)
            if len(text.split()) <= _MAX_VENDOR_WORDS and _LEGAL_SUFFIX.search(text):
                name = _clean_name(text)
                if name is not None and not _heading_like(fold(name)):
                    return name
    return None


def _vendor_at_top(reading: _Reading) -> tuple[str | None, bool]:
    """The issuer: a known brand in the first lines, else a name with a legal form (first
    lines, then anywhere), else the first line that names someone. Never the customer's
    block. With whether it is a guess."""
    customer = _customer_lines(reading)
    top: list[int] = []
    for n, line in enumerate(reading.lines):
        if line.strip():
            top.append(n)
        if len(top) >= _TOP_LINES:
            break
    candidates = [
        n
        for n in top
        if n not in customer
        and _label_patterns().party.match(reading.folded[n].strip(_NAME_EDGE)) is None
    ]
    for n in candidates:
        brand = _brand_in(reading.lines[n])
        if brand is not None:
            return brand, False
    for n in [*candidates, *range(len(reading.lines))]:
        if n in customer:
            continue
        legal = _legal_name(reading.lines[n])
        if legal is not None:
            return legal, False
    for n in candidates:
        line = reading.lines[n]
        folded = reading.folded[n].strip(_NAME_EDGE)
        first_word = folded.split()[0] if folded.split() else ""
        if (
            _heading_like(folded)
            or first_word in _ADDRESS_WORDS
            or _LEADING_NUMBER.match(folded)
            or ":" in _cell_at(folded, 0)  # "Cargo en cuenta: 08/01": a label and its value
            or _STATUS_BAR.match(folded)
            or _WEB.search(folded)
            or _label_patterns().amount.match(folded)
            or _label_patterns().date.match(folded)
        ):
            continue
        name = _clean_name(line)
        if name is None:
            continue
        return name, len(name.split()) > _MAX_VENDOR_WORDS - 2
    return None, False


def _currency(reading: _Reading, chosen: Amount, lang: Language, tz: str) -> str:
    if chosen.currency is not None:
        return dollar_currency(lang, tz) if chosen.dollar_sign else chosen.currency
    marked = Counter(
        dollar_currency(lang, tz) if f.amount.dollar_sign else f.amount.currency
        for f in reading.figures
        if f.amount.currency is not None
    )
    if marked:
        return marked.most_common(1)[0][0] or default_currency(lang, tz)
    return default_currency(lang, tz)


# ------------------------------------------------------------------ the parser
@dataclass(frozen=True)
class _Caption:
    amount: Decimal | None = None
    currency: str | None = None
    vendor: str | None = None
    due: date | None = None


def _caption(caption: str | None, lang: Language, now: datetime, tz: str) -> _Caption:
    if not caption or not caption.strip():
        return _Caption()
    result = parse_bill(caption, lang, now, tz)
    if result.success and isinstance(result.data, BillData) and result.data.bills:
        first = result.data.bills[0]
        guessed = any(u.field == "vendor" and u.item == 0 for u in result.unsure)
        return _Caption(first.amount, first.currency, None if guessed else first.vendor, first.due)
    due = result.partial.get("due")
    return _Caption(due=date.fromisoformat(due) if isinstance(due, str) else None)


def parse_bill_document(
    text: str,
    *,
    caption: str | None,
    now: datetime,
    tz: ZoneInfo,
    language_hint: str | None = None,
) -> ParseResult:
    """One bill from a document's text and the caption sent with it (see the module's
    grammar). `now` is when the message was sent (naive local in `tz`, or aware). Pure;
    never raises on any text."""
    zone = tz.key
    local = local_now(now, zone)
    text = _repair(text[:MAX_DOCUMENT_CHARS])
    lang = detect(" ".join(filter(None, (caption, text))), zone, language_hint)
    try:
        reading = _read(text, lang, local, zone)
        chosen, labelled = _amount_due(reading.figures)
        due = _due_date(reading.dates, chosen.line if chosen is not None else None)
        vendor = _payee_by_label(reading)
        vendor_guessed = False
        if vendor is None:
            vendor, vendor_guessed = _vendor_at_top(reading)
        said = _caption(caption, lang, local, zone)
    except Exception as exc:  # a parser bug must not lose the message: refuse, keep the reason
        reason = f"internal_error: {type(exc).__name__}"
        return ParseResult("bill", False, lang, None, 0.0, reason=reason)
    unsure: list[Unsure] = []
    if said.vendor is not None:
        vendor, vendor_guessed = said.vendor, False
    if said.due is not None and in_range(said.due):
        due = said.due
    if said.amount is not None and said.currency is not None and said.amount < MAX_AMOUNT:
        amount, currency, labelled = said.amount, said.currency, True
    elif chosen is not None:
        amount, currency = chosen.amount.value, _currency(reading, chosen.amount, lang, zone)
    else:
        partial: dict[str, object] = {}
        if vendor is not None:
            partial["vendor"] = vendor
        if due is not None:
            partial["due"] = due.isoformat()
        return ParseResult("bill", False, lang, None, 0.8, reason="no_amount", partial=partial)
    if not labelled:
        unsure.append(Unsure("amount", "unlabelled", 0))
    if vendor is None:
        unsure.append(Unsure("vendor", "not_found", 0))
    elif vendor_guessed:
        unsure.append(Unsure("vendor", "guessed_vendor", 0))
    if due is None:
        unsure.append(Unsure("due", "not_found", 0))
    confidence = 0.5 + (0.2 if labelled else 0.0) + (0.15 if due else 0.0)
    confidence += 0.15 if vendor and not vendor_guessed else 0.0
    result = ParseResult(
        "bill",
        True,
        lang,
        BillData((BillItem(vendor, amount, currency, due),)),
        round(confidence, 2),
        unsure=tuple(unsure),
    )
    # "03/04" on a US bill: the order of day and month is a guess, said out loud
    return with_guesses(result, "\n".join(filter(None, (caption, text))), zone)
