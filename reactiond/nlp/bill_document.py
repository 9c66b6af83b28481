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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from zoneinfo import ZoneInfo

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
# One scan for every label: where two overlap ("Total due" and "due"), the longest phrase
# at the leftmost place is the label, whichever kind it is.
_LABEL = _label_regex(set(_AMOUNT_KINDS) | set(_DATE_KINDS) | set(_PARTY_KINDS))
_AMOUNT_LABEL = _label_regex(_AMOUNT_KINDS)
_DATE_LABEL = _label_regex(_DATE_KINDS)
_PARTY_LABEL = _label_regex(_PARTY_KINDS)
_DOCUMENT_WORDS = frozenset(_norm(w) for lex in _LEXICONS for w in lex.document_words)
_ID_WORD = _label_regex({_norm(w) for lex in _LEXICONS for w in lex.id_words})
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
    for m in _LABEL.finditer(folded):
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


def _read(text: str, lang: Language, now: datetime, tz: str) -> _Reading:
    lines = [ln for ln in re.split(r"[\n\f\r]", text)][:_MAX_LINES]
    folded_lines = [fold(ln) for ln in lines]
    figures: list[_Figure] = []
    dates: list[_Date] = []
    pending_amount: list[str] = []  # labels that ended the line above, with no figure after
    pending_date: list[str] = []
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
        has_id = _ID_WORD.search(folded) is not None
        # amounts: the labels between the previous figure and this one
        row: list[tuple[Amount, str | None]] = []
        prev = 0
        for a in amounts:
            here = [lb for lb in amount_labels if prev <= lb.start and lb.end <= a.start]
            row.append((a, _amount_kind(here)))
            prev = a.end
        unlabelled = [i for i, (_, k) in enumerate(row) if k is None]
        if pending_amount and unlabelled and amount_labels == []:
            if len(pending_amount) == len(unlabelled):
                for i, given in zip(unlabelled, pending_amount, strict=True):
                    row[i] = (row[i][0], given)
            elif len(pending_amount) == 1:
                for i in unlabelled:
                    row[i] = (row[i][0], pending_amount[0])
        for a, kind in row:
            if kind is None and has_id and not a.explicit_marker:
                continue  # "Nº de contrato: 123456789"
            figures.append(_Figure(n, a, kind))
        trailing = [lb for lb in amount_labels if lb.start >= prev and lb.kind != "qualifier"]
        pending_amount = [lb.kind for lb in trailing]
        # dates, the same way with date labels
        drow: list[tuple[date, int, str | None]] = []
        prev = 0
        for m in found_dates:
            here = [lb for lb in date_labels if prev <= lb.start and lb.end <= m.start]
            value = m.value.date() if isinstance(m.value, datetime) else m.value
            if isinstance(value, date):
                drow.append((value, m.start, _date_kind(here)))
            prev = m.end
        dunlabelled = [i for i, (_, _, k) in enumerate(drow) if k is None]
        if pending_date and dunlabelled and date_labels == []:
            if len(pending_date) == len(dunlabelled):
                for i, given in zip(dunlabelled, pending_date, strict=True):
                    drow[i] = (drow[i][0], drow[i][1], given)
            elif len(pending_date) == 1:
                for i in dunlabelled:
                    drow[i] = (drow[i][0], drow[i][1], pending_date[0])
        dates.extend(_Date(n, start, value, kind) for value, start, kind in drow)
        dtrailing = [lb for lb in date_labels if lb.start >= prev]
        pending_date = [lb.kind for lb in dtrailing]
    return _Reading(figures, dates, lines, folded_lines)


# ------------------------------------------------------------------ the fields
_SCORES = {"due": 4.0, "total": 3.0, None: 0.0}


def _amount_due(figures: list[_Figure]) -> tuple[_Figure | None, bool]:
    """The figure to pay, and whether a label said so."""
    best: _Figure | None = None
    best_key: tuple[float, Decimal] | None = None
    for f in figures:
        a = f.amount
        if f.kind in ("not_due", "qualifier") or a.value <= 0:
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
        if d.kind == "due_date":
            return d.value
    for d in dates:
        if d.kind is None and d.line == amount_line:
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
    name = _COLUMN_GAP.split(raw.strip(_NAME_EDGE))[0].strip(_NAME_EDGE)
    prev = None
    while prev != name:
        prev = name
        name = _LEGAL_SUFFIX.sub("", name).strip(_NAME_EDGE)
    letters = sum(ch.isalpha() for ch in name)
    if letters < 2 or sum(ch.isdigit() for ch in name) > letters:
        return None
    return name


def _payee_by_label(reading: _Reading) -> str | None:
    for n, folded in enumerate(reading.folded):
        for m in _PARTY_LABEL.finditer(folded):
            if _PARTY_KINDS[" ".join(m.group().split())] != "payee":
                continue
            after = reading.lines[n][m.end() :]
            if not after.strip(_NAME_EDGE) and n + 1 < len(reading.lines):
                after = reading.lines[n + 1]
            name = _clean_name(after)
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


def _vendor_at_top(reading: _Reading) -> tuple[str | None, bool]:
    """The issuer: a known brand in the first lines, else the first line that names someone.
    With whether it is a guess."""
    top: list[int] = []
    for n, line in enumerate(reading.lines):
        if line.strip():
            top.append(n)
        if len(top) >= _TOP_LINES:
            break
    candidates: list[int] = []
    for n in top:
        folded = reading.folded[n].strip()
        party = _PARTY_LABEL.match(folded.lstrip(_NAME_EDGE))
        if party is not None or any(
            _PARTY_KINDS[" ".join(m.group().split())] == "customer"
            for m in _PARTY_LABEL.finditer(folded)
        ):
            continue  # the customer's block, or a labelled party read elsewhere
        candidates.append(n)
    for n in candidates:
        brand = _brand_in(reading.lines[n])
        if brand is not None:
            return brand, False
    for n in candidates:
        line = reading.lines[n]
        folded = reading.folded[n].strip(_NAME_EDGE)
        first_word = folded.split()[0] if folded.split() else ""
        if (
            _heading_like(folded)
            or first_word in _ADDRESS_WORDS
            or _STATUS_BAR.match(folded)
            or _WEB.search(folded)
            or _AMOUNT_LABEL.match(folded)
            or _DATE_LABEL.match(folded)
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
    if said.due is not None:
        due = said.due
    if said.amount is not None and said.currency is not None:
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
