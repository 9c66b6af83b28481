"""The bill parser 💳 (GUIDELINES §8): one entry per amount, in text order.

    text ──▶ date/time phrases (dates.find_dates, spans) ──▶ amounts (spans, graded)
         ──▶ segments (newline , ; + y and e)
         ──▶ per segment: the amounts, their vendor, currency (inherited), due (own or shared)

The language is decided by the caller; `now` is the naive local time the message was sent in
`tz`. Pure: no clock, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from reactiond.nlp.bill_lexicon import LEXICONS, BillLexicon
from reactiond.nlp.dates import find_dates
from reactiond.nlp.money import Amount, default_currency, find_amounts
from reactiond.nlp.result import LANGUAGES, BillData, BillItem, Language, ParseResult
from reactiond.nlp.text import fold

__all__ = ["parse_bill"]


# Separators between bills (§8): newline , ; + and the conjunctions. A "," or "." between
# digits belongs to a figure; "+" glued to a word is part of a name ("Disney+").
_SEPARATOR = re.compile(
    r"\n|;|,(?!\d)|(?<=\s)\+|(?<=\d)\+|\s(?:y|and|e|&)\s",
    re.IGNORECASE,
)
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U00002300-\U000023ff\U00002b00-\U00002bff"
    "\ufe0e\ufe0f\u200d\u20e3]+"
)
_TOKEN = re.compile(r"[^\s,;:!?¡¿()\[\]\"“”]+")
_PUNCT = ".,;:!?…¡¿-–—()[]\"'“”*"
_ORDINAL_NUMBER = re.compile(r"^\d+(?:ª|º|°|a|o|st|nd|rd|th|ra|ro|er|do|da)?\.?$")
_TIMES_COUNT = re.compile(r"^\d+x$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_HASHTAG_OR_MENTION = re.compile(r"^[#@]")


@dataclass(frozen=True)
class _Phrases:
    """A bill lexicon compiled for matching on folded text."""

    lex: BillLexicon
    drop: re.Pattern[str]
    recurring: re.Pattern[str]
    shared: re.Pattern[str]
    installment: re.Pattern[str]
    prefix: tuple[tuple[str, ...], ...]
    strong: frozenset[tuple[str, ...]]
    suffix: tuple[tuple[str, ...], ...]
    edge: frozenset[str]


def _phrase_alt(words: Sequence[str] | frozenset[str]) -> str:
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq)


def _compile(lex: BillLexicon) -> _Phrases:
    b, e = r"(?<![\w+])", r"(?![\w+])"
    return _Phrases(
        lex=lex,
        drop=re.compile(rf"{b}(?:{_phrase_alt(lex.drop)}){e}"),
        recurring=re.compile(rf"{b}(?:{_phrase_alt(lex.recurring)}){e}"),
        shared=re.compile(
            rf"{b}(?:(?:{_phrase_alt(lex.shared)})"
            rf"|(?:{_phrase_alt(lex.shared_unless_recurring)})"
            rf"(?!\s+(?:{_phrase_alt(lex.recurring_after)}){e})){e}"
        ),
        installment=re.compile(
            rf"{b}(?:\d{{1,2}}\s*(?:ª|º|°|a|o|st|nd|rd|th)?\.?\s+(?:{_phrase_alt(lex.installment)})"
            rf"|(?:{_phrase_alt(lex.installment)})\s+\d{{1,2}}(?:\s*(?:de|of|/)\s*\d{{1,2}})?"
            rf"|\d{{1,2}}\s*(?:de|of|/)\s*\d{{1,2}}\s+(?:{_phrase_alt(lex.installment)}))"
            rf"(?![.,]?\d){e}"
        ),
        prefix=tuple(sorted((tuple(p.split()) for p in lex.service_prefix), key=len, reverse=True)),
        strong=frozenset(tuple(p.split()) for p in lex.strong_prefix),
        suffix=tuple(sorted((tuple(p.split()) for p in lex.service_suffix), key=len, reverse=True)),
        edge=lex.edge,
    )


_PHRASES: dict[str, _Phrases] = {lang: _compile(lex) for lang, lex in LEXICONS.items()}


# ------------------------------------------------------------------ segments
@dataclass(frozen=True)
class _Temporal:
    """A date or time phrase: its span, and the date it names (None for a clock time or a
    duration, whose figures are still never amounts)."""

    start: int
    end: int
    value: date | None


def _date_of(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


@dataclass(frozen=True)
class _Due:
    start: int
    end: int
    value: date


@dataclass
class _Segment:
    start: int
    end: int
    amounts: list[Amount] = field(default_factory=list)
    dues: list[_Due] = field(default_factory=list)
    shared_at: int | None = None  # where a "both/todo/as duas" word starts, if any


@dataclass
class _Entry:
    amount: Amount
    vendor: str | None
    currency: str
    due: date | None
    segment: int


def _split(text: str, protected: Sequence[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Segment spans, each with whether a conjunction (y/and/e/&) joins it to the next."""
    cuts: list[tuple[int, int]] = []
    for m in _SEPARATOR.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in protected):
            continue
        cuts.append(m.span())
    spans: list[tuple[int, int, bool]] = []
    pos = 0
    for s, e in cuts:
        spans.append((pos, s, bool(text[s:e].strip(" \t+"))))
        pos = e
    spans.append((pos, len(text), False))
    return [(s, e, c) for s, e, c in spans if text[s:e].strip()]


def _choose(amounts: list[Amount]) -> list[Amount]:
    """A segment's amounts: the strongest grade present (marker/multiplier > plain > year)."""
    if not amounts:
        return []
    best = max(a.strength for a in amounts)
    return [a for a in amounts if a.strength == best]


# ------------------------------------------------------------------ vendor
def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(max(start, 0), min(end, len(chars))):
        chars[i] = " "


def _vendor(
    text: str,
    folded: str,
    start: int,
    end: int,
    blanks: Sequence[tuple[int, int]],
    ph: _Phrases,
) -> str | None:
    """The vendor named in text[start:end] once dates, amounts and bill words are removed."""
    if start >= end:
        return None
    chars = list(text)
    for s, e in blanks:
        _blank(chars, s, e)
    window = folded[start:end]
    for rx in (ph.drop, ph.recurring, ph.installment):
        for m in rx.finditer(window):
            _blank(chars, start + m.start(), start + m.end())
    raw = _EMOJI.sub(" ", "".join(chars[start:end]))
    tokens = [t.strip(_PUNCT) for t in _TOKEN.findall(raw)]
    tokens = [
        t
        for t in tokens
        if t
        and not _YEAR.match(t)
        and not _ORDINAL_NUMBER.match(t)
        and not _TIMES_COUNT.match(t)
        and not _HASHTAG_OR_MENTION.match(t)
        and any(ch.isalnum() for ch in t)
    ]
    while tokens and fold(tokens[0]) in ph.edge:
        tokens.pop(0)
    while tokens and fold(tokens[-1]) in ph.edge:
        tokens.pop()
    tokens = _drop_service_words(tokens, ph)
    if not tokens:
        return None
    vendor = " ".join(tokens)
    return vendor[:1].upper() + vendor[1:]


def _name_like(tokens: Sequence[str]) -> bool:
    return any(any(ch.isupper() for ch in t) or any(ch.isdigit() for ch in t) for t in tokens)


def _drop_service_words(tokens: list[str], ph: _Phrases) -> list[str]:
    """ "luz CFE" → "CFE", "internet telmex" → "telmex", "movistar fibra" → "movistar"."""
    folded = [fold(t) for t in tokens]
    for prefix in ph.prefix:
        n = len(prefix)
        if len(tokens) > n and tuple(folded[:n]) == prefix:
            rest, rest_f = tokens[n:], folded[n:]
            if rest_f[0] in ph.edge:
                break  # "luz del depa", "seguro del coche": the service is the vendor
            if prefix in ph.strong or _name_like(rest):
                tokens, folded = rest, rest_f
            break
    for suffix in ph.suffix:
        n = len(suffix)
        if len(tokens) > n and tuple(folded[-n:]) == suffix and folded[-n - 1] not in ph.edge:
            return tokens[:-n]
    return tokens


# ------------------------------------------------------------------ the parser
def _language(lang: str) -> Language:
    for known in LANGUAGES:
        if known == lang:
            return known
    return "en"


def parse_bill(text: str, lang: str, now: datetime, tz: str) -> ParseResult:
    """One or several bills from `text`, or a refusal ("no_amount") when there is no figure."""
    language = _language(lang)
    ph = _PHRASES[language]
    folded = fold(text)
    installments = [m.span() for m in ph.installment.finditer(folded)]
    temporal = [
        _Temporal(m.start, m.end, _date_of(m.value))
        for m in find_dates(text, language, now, tz)
        if not any(s < m.end and m.start < e for s, e in installments)
    ]
    amounts = find_amounts(
        text, language, exclude=[(d.start, d.end) for d in temporal] + installments
    )
    strong = [(a.start, a.end) for a in amounts if a.strength == 2]
    temporal = [d for d in temporal if not any(s < d.end and d.start < e for s, e in strong)]
    not_amounts = [(d.start, d.end) for d in temporal] + installments
    dues = [_Due(d.start, d.end, d.value) for d in temporal if d.value is not None]

    protected = [(a.start, a.end) for a in amounts] + [(d.start, d.end) for d in dues]
    segments: list[_Segment] = []
    joined = False
    for start, end, conjunction in _split(text, protected):
        if joined and segments:
            # "luz y agua 500", "water and sewer $64": a bare name joined by a conjunction
            # to the next figure names that figure's vendor together with it.
            segments[-1].end = end
        else:
            segments.append(_Segment(start, end))
        last = segments[-1]
        joined = conjunction and not any(
            last.start <= x < last.end for x in [a.start for a in amounts] + [d.start for d in dues]
        )
    for seg in segments:
        seg.amounts = _choose([a for a in amounts if seg.start <= a.start < seg.end])
        seg.dues = [d for d in dues if seg.start <= d.start < seg.end]
        m = ph.shared.search(folded, seg.start, seg.end)
        if m is not None and any(d.start >= m.start() for d in seg.dues):
            seg.shared_at = m.start()

    fallback = default_currency(language, tz)
    entries: list[_Entry] = []
    shared_due: date | None = None
    pending_due: date | None = None
    inherited: str | None = None
    date_blanks = not_amounts
    for index, seg in enumerate(segments):
        own_dues = [d for d in seg.dues if seg.shared_at is None or d.start < seg.shared_at]
        if seg.shared_at is not None:
            later = [d for d in seg.dues if d.start >= seg.shared_at]
            shared_due = later[0].value
        marker = next((a.currency for a in seg.amounts if a.currency is not None), None)
        if not seg.amounts:
            if own_dues:
                if entries and entries[-1].due is None:
                    entries[-1].due = own_dues[0].value
                elif not entries:
                    pending_due = own_dues[0].value
            continue
        currency = marker or inherited or fallback
        if marker is not None:
            inherited = marker
        seg_end = seg.shared_at if seg.shared_at is not None else seg.end
        blanks = [(a.start, a.end) for a in amounts] + date_blanks
        if seg.shared_at is not None:
            blanks.append((seg.shared_at, seg.end))
        bounds = [seg.start] + [a.end for a in seg.amounts]
        seg_entries: list[_Entry] = []
        for k, amount in enumerate(seg.amounts):
            next_start = seg.amounts[k + 1].start if k + 1 < len(seg.amounts) else seg_end
            vendor = _vendor(text, folded, bounds[k], amount.start, blanks, ph)
            if vendor is None:
                vendor = _vendor(text, folded, amount.end, next_start, blanks, ph)
            seg_entries.append(
                _Entry(amount, vendor, amount.currency or currency, pending_due, index)
            )
        for d in own_dues:
            before = [e for e in seg_entries if e.amount.start <= d.start]
            target = before[-1] if before else seg_entries[0]
            if target.due is None or target.due == pending_due:
                target.due = d.value
        pending_due = None
        entries.extend(seg_entries)

    if not entries:
        partial: dict[str, object] = {}
        if dues:
            partial["due"] = dues[0].value.isoformat()
        return ParseResult(
            parser="bill",
            success=False,
            language=language,
            data=None,
            confidence=0.9 if not amounts else 0.6,
            reason="no_amount",
            partial=partial,
        )
    if shared_due is not None:
        for entry in entries:
            if entry.due is None:
                entry.due = shared_due
    items = tuple(BillItem(e.vendor, e.amount.value, e.currency, e.due) for e in entries)
    return ParseResult(
        parser="bill",
        success=True,
        language=language,
        data=BillData(items),
        confidence=_confidence(entries),
    )


def _confidence(entries: Sequence[_Entry]) -> float:
    score = 0.0
    for e in entries:
        score += 0.55 + (0.3 if e.amount.strength == 2 else 0.15 * e.amount.strength)
        score += 0.15 if e.vendor is not None else 0.0
    return round(min(score / len(entries), 1.0), 2)
