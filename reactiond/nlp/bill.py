"""The bill parser 💳 (GUIDELINES §8): one entry per amount, in text order.

    text ──▶ date/time phrases (dates.find_dates, spans) ──▶ amounts (money.find_amounts)
         ──▶ segments (newline , ; + y and e; never inside a figure or a date)
         ──▶ per segment: its amounts, their vendor, currency (inherited), due (own or shared)

- Amounts: in each segment the strongest figures win (currency marker or k/mil > plain >
  a year or a number in a name); a figure after "=" is a total.
- Vendor: the text before the figure (else after it, up to a purpose word), minus paying verbs,
  bill words, due words, recurrence and installment phrases, articles at the edges; then the one
  brand named if there is one ("seguro de hogar Mapfre" → "Mapfre"), else a service word yields
  to the name after it ("luz CFE" → "CFE") and a product line after a name is dropped
  ("movistar fibra" → "movistar"). A bare name joined by y/and/e/& to the next figure shares it
  ("water and sewer $64").
- Currency: the figure's own marker, else its segment's, else the nearest earlier segment's,
  else the time zone's (`money.default_currency`).
- Due: a date phrase belongs to the bill it follows in its segment (or the first one); a date in
  a segment without a figure joins the bill before it; after "todo/both/as duas/vencen…" it
  applies to every bill; a date heading the list applies to every bill. "vence 20" / "due 15"
  (a due word and a bare day) is a day of the month.
- No figure at all: a refusal with reason "no_amount" (and the due date as partial data).
  A figure under a cent ("$0", "$0.001") is no bill: when it is the message's only figure,
  the refusal's reason is "amount_zero".

The language is decided by the caller; `now` is the naive local time the message was sent in
`tz`. Pure: no clock, no I/O. Linear in the length of the message.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from reactiond.nlp.bill_units import NotBillPhrases, compile_not_bills, not_bills, units
from reactiond.nlp.dates import day_of_month_from, find_dates
from reactiond.nlp.lexicon import LEXICONS, money_en, money_es, money_fr, money_pt
from reactiond.nlp.lexicon.money_common import (
    AMBIGUOUS_BRANDS,
    BRANDS,
    PRODUCT_ACRONYMS,
    BillLexicon,
    MoneyLexicon,
)
from reactiond.nlp.limits import MAX_BILLS
from reactiond.nlp.marks import strip_marks
from reactiond.nlp.money import Amount, Spans, default_currency, dollar_currency, find_amounts
from reactiond.nlp.result import LANGUAGES, BillData, BillItem, Language, ParseResult, Unsure
from reactiond.nlp.text import EMOJI_RE, fold

__all__ = ["parse_bill"]


# Separators between bills (§8): newline , ; + and the conjunctions. A "," or "." between
# digits belongs to a figure; "+" glued to a word is part of a name ("Disney+").
_SEPARATOR = re.compile(
    r"\n|;|,(?!\d)|(?<=\s)\+|(?<=\d)\+|\s(?:y|and|e|et|&)\s",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\s,;:!?¡¿()\[\]\"“”]+")
_PUNCT = ".,;:!?…¡¿-–—()[]\"'“”*"
_ORDINAL_NUMBER = re.compile(r"^\d+(?:ª|º|°|a|o|st|nd|rd|th|ra|ro|er|do|da)?\.?$")
_TIMES_COUNT = re.compile(r"^\d+x$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_HASHTAG = re.compile(r"^#")
# "jaja", "lol", "kkk" are no part of a vendor ("al Pancho jaja" → "Pancho")
_LAUGHTER_WORD = re.compile(
    "(?<!\\w)(?:" + "|".join(f"(?:{lex.laughter})" for lex in LEXICONS.values()) + ")(?!\\w)"
)


@dataclass(frozen=True)
class _Phrases:
    """A bill lexicon compiled for matching on folded text."""

    lex: BillLexicon
    name_words: frozenset[str]
    drop: re.Pattern[str]
    recurring: re.Pattern[str]
    shared: re.Pattern[str]
    installment: re.Pattern[str]
    prefix: tuple[tuple[str, ...], ...]
    strong: frozenset[tuple[str, ...]]
    services: frozenset[tuple[str, ...]]
    due_number: re.Pattern[str]
    suffix: tuple[tuple[str, ...], ...]
    edge: frozenset[str]
    not_bills: NotBillPhrases
    greeting_heads: dict[str, tuple[tuple[str, ...], ...]]  # first word → greetings, longest first
    chatter: frozenset[str]  # greeting and vocative words: a vendor of only these is nobody
    everyday: frozenset[str]  # words that are no brand even with a capital ("Home internet")
    partner: re.Pattern[str]  # a debt to the chat partner: "te debo", "owe you"
    not_due: re.Pattern[str]  # a closing day's words right before a date: "fecha dia"


def _phrase_alt(words: Sequence[str] | frozenset[str]) -> str:
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq)


def _by_first_word(phrases: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    heads: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        words = tuple(fold(p).split())
        heads.setdefault(words[0], []).append(words)
    return {w: tuple(sorted(gs, key=len, reverse=True)) for w, gs in heads.items()}


def _compile(lex: BillLexicon, money: MoneyLexicon) -> _Phrases:
    b, e = r"(?<![\w+])", r"(?![\w+])"
    return _Phrases(
        lex=lex,
        name_words=frozenset(fold(w).rstrip(".") for w in money.name_words),
        drop=re.compile(rf"{b}(?:{_phrase_alt(lex.drop)}){e}"),
        recurring=re.compile(rf"{b}(?:{_phrase_alt(lex.recurring)}){e}"),
        shared=re.compile(
            rf"{b}(?:(?:{_phrase_alt(lex.shared)})"
            rf"|(?:{_phrase_alt(lex.shared_unless_recurring)})"
            rf"(?!\s+(?:{_phrase_alt(lex.recurring_after)}){e})){e}"
        ),
        installment=re.compile(
            rf"{b}(?:\d{{1,2}}(?:\s*(?:ª|º|°|a|o|st|nd|rd|th)\.?|\s*\.)?\s+(?:{_phrase_alt(lex.installment)})"
            rf"|(?:{_phrase_alt(lex.installment)})\s+\d{{1,2}}(?:\s*(?:de|of|/)\s*\d{{1,2}})?"
            rf"|\d{{1,2}}\s*(?:de|of|/)\s*\d{{1,2}}\s+(?:{_phrase_alt(lex.installment)})"
            # "segunda prestação", "second installment": an ordinal word, not Monday
            + (
                rf"|(?:{_phrase_alt(lex.ordinals)})\s+(?:{_phrase_alt(lex.installment)})"
                if lex.ordinals
                else ""
            )
            + r")"
            rf"(?![.,]?\d){e}"
        ),
        prefix=tuple(
            sorted(
                {tuple(p.split()) for p in lex.service_prefix | lex.strong_prefix},
                key=len,
                reverse=True,
            )
        ),
        services=frozenset(
            tuple(p.split()) for p in lex.service_prefix | lex.strong_prefix | lex.service_suffix
        ),
        due_number=re.compile(
            rf"{b}(?:{_phrase_alt(lex.due_words)})\s+(?:(?:el|o|the|on\s+the|dia|day)\s+)?"
            r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|ro|º|°|o)?(?![\w/:]|[.,]\d)"
        ),
        strong=frozenset(tuple(p.split()) for p in lex.strong_prefix),
        suffix=tuple(sorted((tuple(p.split()) for p in lex.service_suffix), key=len, reverse=True)),
        edge=lex.edge,
        not_bills=compile_not_bills(lex),
        greeting_heads=_by_first_word(lex.greetings),
        chatter=frozenset(
            w for g in lex.greetings | lex.vocatives for w in fold(g).split() if w != "*"
        ),
        everyday=frozenset(
            w
            for group in (lex.drop, lex.edge, lex.greetings, lex.vocatives, lex.everyday)
            for g in group
            for w in fold(g).split()
        ),
        partner=re.compile(rf"{b}(?:{_phrase_alt(lex.partner_payee) or '(?!x)x'})(?!\w)"),
        not_due=re.compile(
            rf"{b}(?:{_phrase_alt(lex.not_due) or '(?!x)x'})"
            r"(?:\s+(?:el|la|o|a|no|na|on|the|le|dia|day|em|de|du))*\s*$"
        ),
    )


_LEXICONS: dict[Language, tuple[BillLexicon, MoneyLexicon]] = {
    "es": (money_es.BILL, money_es.MONEY),
    "en": (money_en.BILL, money_en.MONEY),
    "pt": (money_pt.BILL, money_pt.MONEY),
    "fr": (money_fr.BILL, money_fr.MONEY),
}


@cache
def _phrases(language: Language) -> _Phrases:
    """A language's phrases, compiled on first use rather than at import: the daemon
    imports this module (a document's bill, the replies) long before it reads a bill, and
    compiling every language's patterns would add to each start (the parser process
    compiles them all as it warms up, `compile_all`)."""
    return _compile(*_LEXICONS[language])


def compile_all() -> None:
    """Compile every language's phrases now, rather than in the first bill of each."""
    for language in _LEXICONS:
        _phrases(language)


# ------------------------------------------------------------------ segments
@dataclass(frozen=True)
class _Temporal:
    """A date or time phrase: its span, and the date it names (None for a clock time or a
    duration, whose figures are still never amounts)."""

    start: int
    end: int
    value: date | None


_FIGURE_AFTER = re.compile(r"[.,]\d")


def _cuts_a_figure(text: str, start: int, end: int) -> bool:
    """A date phrase that ends or starts inside a figure ("mayo 4" of "mayo 4,200") is not one."""
    if end > 0 and text[end - 1].isdigit() and _FIGURE_AFTER.match(text, end):
        return True
    return (
        start >= 2
        and text[start : start + 1].isdigit()
        and text[start - 1] in ".,"
        and text[start - 2].isdigit()
    )


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
    guessed: bool = False  # the vendor is a guess: from another unit, or long and unknown


def _split(text: str, protected: Sequence[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Segment spans, each with whether a conjunction (y/and/e/&) joins it to the next."""
    guard = Spans(protected).merged
    cuts: list[tuple[int, int]] = []
    i = 0
    for m in _SEPARATOR.finditer(text):
        while i < len(guard) and guard[i][1] <= m.start():
            i += 1
        if i < len(guard) and guard[i][0] < m.end():
            continue
        cuts.append(m.span())
    spans: list[tuple[int, int, bool]] = []
    pos = 0
    for s, e in cuts:
        word = text[s:e].strip()
        spans.append((pos, s, word.isalpha() or word == "&"))
        pos = e
    spans.append((pos, len(text), False))
    return [(s, e, c) for s, e, c in spans if text[s:e].strip()]


def _within(starts: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Index range of the sorted `starts` that fall in [start, end)."""
    return bisect_left(starts, start), bisect_left(starts, end)


def _choose(amounts: list[Amount]) -> list[Amount]:
    """A segment's amounts: the strongest grade present (marker/multiplier > plain > year)."""
    if not amounts:
        return []
    best = max(a.strength for a in amounts)
    return [a for a in amounts if a.strength == best]


# ------------------------------------------------------------------ vendor
def _vendor(
    text: str,
    folded: str,
    start: int,
    end: int,
    mask: bytearray,
    ph: _Phrases,
    *,
    cut_purpose: bool = False,
    breaks: Sequence[int] = (),
    turned: bool = False,
) -> tuple[str | None, int]:
    """The vendor in text[start:end], read unit by unit (§13.1): before a figure, the unit
    nearest to it that names someone ("Buenas! La cuota del gimnasio, 39,90 €"); after a
    figure, only the rest of its own unit. With it, where the window it came from starts."""
    if not cut_purpose and not turned:
        # "ya está pagada pero falta la del transporte": the payee follows the turn; the
        # nearest turn first, then the ones before it ("but the phone is still $45")
        turns = [m.end() for m in ph.not_bills.contrast.finditer(folded, start, end)]
        for turn in reversed(turns[-_TURNS_TRIED:]):  # a few: long texts stay linear
            found = _vendor(text, folded, turn, end, mask, ph, breaks=breaks, turned=True)
            if found[0] is not None:
                return found
        named = _named_before_pronoun(text, folded, start, end, ph, breaks)
        if named is not None:
            return named, start
    lo, hi = bisect_left(breaks, start + 1), bisect_left(breaks, end)
    edges = [start, *breaks[lo:hi], end]
    windows = list(itertools.pairwise(edges))
    if cut_purpose:
        windows = windows[:1]
    else:
        windows.reverse()
    for s0, e0 in windows:
        vendor = _vendor_in(text, folded, s0, e0, mask, ph, cut_purpose=cut_purpose)
        if vendor is not None:
            return vendor, s0
    return None, start


def _vendor_in(
    text: str,
    folded: str,
    start: int,
    end: int,
    mask: bytearray,
    ph: _Phrases,
    *,
    cut_purpose: bool = False,
) -> str | None:
    """The vendor named in text[start:end] once dates, amounts (`mask`) and bill words are
    removed. With `cut_purpose` (text after the figure), what follows a purpose word ("for",
    "por") is what the money is for, and is left out."""
    if start >= end:
        return None
    chars = [
        " " if blanked else ch for ch, blanked in zip(text[start:end], mask[start:end], strict=True)
    ]
    window = folded[start:end]
    for rx in (ph.drop, ph.recurring, ph.installment, _LAUGHTER_WORD):
        for m in rx.finditer(window):
            chars[m.start() : m.end()] = " " * (m.end() - m.start())
    raw = EMOJI_RE.sub(" ", "".join(chars))
    tokens = [t.strip(_PUNCT).removeprefix("@") for t in _TOKEN.findall(raw)]
    kept: list[str] = []
    for t in tokens:
        if (
            not t
            or _YEAR.match(t)
            or _TIMES_COUNT.match(t)
            or _HASHTAG.match(t)
            or not (any(ch.isalnum() for ch in t) or t in ("&", "+"))
        ):
            continue
        # a bare number or ordinal is dropped ("2 facturas", "1ª"), unless it names ("depto 302")
        if _ORDINAL_NUMBER.match(t) and not (kept and fold(kept[-1]) in ph.name_words):
            continue
        kept.append(t)
    tokens = kept
    folded_tokens = [fold(t) for t in tokens]
    if cut_purpose:
        for i, word in enumerate(folded_tokens):
            if i > 0 and word in ph.lex.purpose:
                tokens, folded_tokens = tokens[:i], folded_tokens[:i]
                break
    tokens = _cut_after_recipient(tokens, folded_tokens, ph)
    greeted = _drop_greetings(tokens, ph)
    # "à maman", "a mi mamá", "to mom": after a payee preposition a family word is the person
    # paid, not the chat partner addressed (unless a greeting opened the window: "Hola a todos")
    paid_kin = (
        len(greeted) == len(tokens) >= 2
        and fold(tokens[0]) in ph.lex.recipient
        and fold(tokens[1]) in ph.chatter
    )
    tokens = greeted
    if not paid_kin and all((w := fold(t)) in ph.chatter or w in ph.edge for t in tokens):
        return None  # "Hola ma!", "Hey babe": the chat partner, nobody paid
    while tokens and (fold(tokens[0]) in ph.edge or tokens[0] in ("&", "+")):
        tokens.pop(0)
    while tokens and (fold(tokens[-1]) in ph.edge or tokens[-1] in ("&", "+")):
        tokens.pop()
    if tokens and ph.lex.lang == "en" and not cut_purpose:
        # "the window cleaner's £25": before the figure, "'s" is "is"
        tokens[-1] = _CONTRACTED_IS.sub("", tokens[-1]) or tokens[-1]
    tokens = _payee_for_pronoun(tokens, ph)
    tokens = _drop_service_words(tokens, ph)
    tokens = _drop_descriptor(tokens, ph)
    if not tokens:
        return None
    vendor = " ".join(tokens)
    return vendor[:1].upper() + vendor[1:]


_BRANDS: frozenset[tuple[str, ...]] = frozenset(tuple(b.split()) for b in BRANDS)
_BRAND_WORDS = max(len(b) for b in _BRANDS)


def _cut_after_recipient(tokens: list[str], folded: list[str], ph: _Phrases) -> list[str]:
    """ "pro Lucas do Uber" → "pro Lucas": once a recipient has been named with a capital, a
    complement ("do Uber", "de la cena") says what the money was for."""
    start = next((i for i, w in enumerate(folded) if w in ph.lex.recipient), None)
    if start is None:
        return tokens
    for i in range(start + 2, len(tokens)):
        if folded[i] in ph.lex.complement and _name_like(tokens[start + 1 : i], brands=False):
            return tokens[:i]
    return tokens


_TURNS_TRIED = 3
_CONTRACTED_IS = re.compile(r"['’]s$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _named_before_pronoun(
    text: str, folded: str, start: int, end: int, ph: _Phrases, breaks: Sequence[int]
) -> str | None:
    """ "Priya covered dinner, I owe her $38" → "Priya": a payee pronoun in the window with
    no name beside it stands for the first person named earlier in its unit."""
    if not ph.lex.payee_pronouns:
        return None
    words = [(m.start(), m.group()) for m in _WORD.finditer(folded, start, end)]
    if not any(w in ph.lex.payee_pronouns for _, w in words):
        return None
    if any(text[i].isupper() and w not in ph.everyday for i, w in words):
        return None  # the name is right there ("I owe him, Dave, …" is read as usual)
    u = bisect_right(breaks, start) - 1
    unit_start = breaks[u] if u >= 0 else 0
    for m in _WORD.finditer(folded, unit_start, start):
        if text[m.start()].isupper() and m.group() not in ph.everyday:
            return text[m.start() : m.end()]
    return None


def _payee_for_pronoun(tokens: list[str], ph: _Phrases) -> list[str]:
    """ "Dave sorted the tickets so I owe him 40 quid" → "Dave": a pronoun stands for the
    person named before it, who is the one paid (§13.1)."""
    if not ph.lex.payee_pronouns or not any(fold(t) in ph.lex.payee_pronouns for t in tokens):
        return tokens
    for t in tokens:
        if t[:1].isupper() and fold(t) not in ph.chatter and fold(t) not in ph.edge:
            return [t]
    return [t for t in tokens if fold(t) not in ph.lex.payee_pronouns]


def _drop_descriptor(tokens: list[str], ph: _Phrases) -> list[str]:
    """ "Rogers internet" → "Rogers": a service word typed in lower case after a name typed
    with a capital describes the brand's product (§13.1); "Home internet" keeps its words,
    since "home" is an everyday word of the lexicon, and so does "Octopus Energy"."""
    if len(tokens) < 2:
        return tokens
    last, name = tokens[-1], tokens[:-1]
    if not last.islower() or (fold(last),) not in ph.services:
        return tokens
    head = fold(name[0])
    if not name[0][:1].isupper() or head in ph.everyday or (head,) in ph.services:
        return tokens
    return name


def _drop_greetings(tokens: list[str], ph: _Phrases) -> list[str]:
    """ "Hola", "btw", "ojo que", "can you" at the start of a vendor greet or ask the reader:
    they are not the payee (§13.1)."""
    if not tokens or fold(tokens[0]) not in ph.greeting_heads:
        return tokens
    folded = [fold(t) for t in tokens]
    i = 0
    while i < len(tokens) and folded[i] in ph.greeting_heads:
        for g in ph.greeting_heads[folded[i]]:
            if tuple(folded[i : i + len(g)]) == g:
                i += len(g)
                break
        else:
            break
    return tokens[i:] if i < len(tokens) else tokens


def _name_like(tokens: Sequence[str], *, brands: bool = True) -> bool:
    """A name rather than an ordinary word: capitals or digits as typed, or a known brand."""
    if any(any(ch.isupper() or ch.isdigit() for ch in t) for t in tokens):
        return True
    if not brands:
        return False
    folded = tuple(fold(t) for t in tokens[:_BRAND_WORDS])
    return any(folded[:n] in _BRANDS for n in range(1, len(folded) + 1))


def _single_brand(tokens: Sequence[str]) -> tuple[int, int] | None:
    """Where the one brand named in `tokens` is, if exactly one is: a known brand, written
    with a capital when it is also an everyday word ("Light", but not "light bill")."""
    folded = [fold(t) for t in tokens]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        for n in range(min(_BRAND_WORDS, len(tokens) - i), 0, -1):
            words = tuple(folded[i : i + n])
            if words not in _BRANDS:
                continue
            typed = tokens[i : i + n]
            if n == 1 and words[0] in AMBIGUOUS_BRANDS and not _name_like(typed, brands=False):
                continue
            found.append((i, i + n))
            i += n - 1
            break
        i += 1
    return found[0] if len(found) == 1 else None


def _drop_service_words(tokens: list[str], ph: _Phrases) -> list[str]:
    """ "luz CFE" → "CFE", "internet telmex" → "telmex", "internet da Vivo" → "Vivo",
    "movistar fibra" → "movistar"; a vendor that is only a service ("credit card") stays."""
    brand = _single_brand(tokens)
    if brand is not None:  # "seguro de hogar Mapfre" → "Mapfre", "Telcel plan" → "Telcel"
        return tokens[brand[0] : brand[1]]
    folded = [fold(t) for t in tokens]
    if tuple(folded) in ph.services:
        return tokens
    for prefix in ph.prefix:
        n = len(prefix)
        if len(tokens) > n and tuple(folded[:n]) == prefix:
            k = n
            while k < len(tokens) and folded[k] in ph.edge:
                k += 1
            rest = tokens[k:]
            if not rest or (len(rest) == 1 and fold(rest[0]) in PRODUCT_ACRONYMS):
                break  # "gas LP", "impuesto ISR": the acronym names the product, not a company
            if k > n:  # "luz del depa" keeps its complement; "internet da Vivo" names a brand
                if _name_like(rest):
                    tokens, folded = rest, folded[k:]
            elif prefix in ph.strong or _name_like(rest):
                tokens, folded = rest, folded[k:]
            break
    for suffix in ph.suffix:
        n = len(suffix)
        if len(tokens) > n and tuple(folded[-n:]) == suffix and folded[-n - 1] not in ph.edge:
            return tokens[:-n]
    return tokens


def _due_numbers(
    folded: str, ph: _Phrases, today: date, known: Sequence[_Temporal]
) -> list[_Temporal]:
    out = []
    taken = Spans((k.start, k.end) for k in known)
    for m in ph.due_number.finditer(folded):
        if taken.overlaps(m.start("day"), m.end("day")):
            continue
        day = int(m.group("day"))
        value = day_of_month_from(today, day) if 1 <= day <= 31 else None
        if value is not None:
            out.append(_Temporal(m.start(), m.end(), value))
    return out


# ------------------------------------------------------------------ the parser
def _language(lang: str) -> Language:
    for known in LANGUAGES:
        if known == lang:
            return known
    return "en"


# The least a bill can be: a cent. Less ("$0", "$0.001") is no amount.
MIN_AMOUNT = Decimal("0.01")


def parse_bill(text: str, lang: str, now: datetime, tz: str) -> ParseResult:
    """One or several bills from `text`, or a refusal ("no_amount") when there is no figure."""
    language = _language(lang)
    ph = _phrases(language)
    # *bold*, _italic_, ~strike~, ```mono```: formatting, never part of a vendor (§13.1);
    # blanked in place so that every span still indexes the message
    text = strip_marks(text, keep_offsets=True)
    folded = fold(text)
    installments = [m.span() for m in ph.installment.finditer(folded)]
    installment_spans = Spans(installments)
    temporal = [
        _Temporal(m.start, m.end, _date_of(m.value))
        for m in find_dates(text, language, now, tz)
        if not installment_spans.overlaps(m.start, m.end)
        and not _cuts_a_figure(text, m.start, m.end)
    ]
    amounts = find_amounts(
        text, language, exclude=[(d.start, d.end) for d in temporal] + installments, tz=tz
    )
    strong = [(a.start, a.end) for a in amounts if a.strength == 2]
    strong_spans = Spans(strong)
    temporal = [d for d in temporal if not strong_spans.overlaps(d.start, d.end)]
    # "vence 20", "due 15": a bare day number after a due word is a day of the month.
    extra = _due_numbers(
        folded, ph, now.date(), temporal + [_Temporal(s, e, None) for s, e in strong]
    )
    if extra:
        temporal = sorted(temporal + extra, key=lambda d: d.start)
        taken = Spans((d.start, d.end) for d in extra)
        amounts = [a for a in amounts if a.strength == 2 or not taken.overlaps(a.start, a.end)]
    # §13.5: already paid, totals, last month's figure, balances and limits are no entries;
    # a unit left with no figure says nothing about the bills (its dates and names go too).
    unit_spans = units(text)
    breaks = [s0 for s0, _ in unit_spans]
    gone = not_bills(folded, amounts, unit_spans, ph.not_bills)
    # "$0", "$0.001": less than a cent is no bill (a message with nothing else is refused,
    # saying the amount is zero: "amount_zero"), and its line names no other bill
    zero_only = bool(amounts) and all(a.value < MIN_AMOUNT for a in amounts)
    gone |= {i for i, a in enumerate(amounts) if a.value < MIN_AMOUNT}
    dead: list[tuple[int, int]] = []
    dropped_ends: list[int] = []
    dropped: list[tuple[int, int]] = []
    if gone:
        kept = Spans((a.start, a.end) for i, a in enumerate(amounts) if i not in gone)
        for i in sorted(gone):
            u = bisect_right(breaks, amounts[i].start) - 1
            if u >= 0 and not kept.overlaps(*unit_spans[u]):
                dead.append(unit_spans[u])
        dropped_ends = sorted(a.end for i, a in enumerate(amounts) if i in gone)
        dropped = [(a.start, a.end) for i, a in enumerate(amounts) if i in gone]
        amounts = [a for i, a in enumerate(amounts) if i not in gone]
    dead_spans = Spans(dead)
    dropped_spans = Spans(dropped)
    temporal = [d for d in temporal if not dead_spans.overlaps(d.start, d.end)]
    not_amounts = [(d.start, d.end) for d in temporal] + installments + dead
    dues = [
        _Due(d.start, d.end, d.value)
        for d in temporal
        if d.value is not None and not ph.not_due.search(folded, max(0, d.start - 32), d.start)
    ]

    protected = [(a.start, a.end) for a in amounts] + [(d.start, d.end) for d in dues]
    amount_starts = [a.start for a in amounts]
    due_starts = [d.start for d in dues]
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
        a0, a1 = _within(amount_starts, last.start, last.end)
        d0, d1 = _within(due_starts, last.start, last.end)
        joined = conjunction and a0 == a1 and d0 == d1
    segments = [seg for seg in segments if not dead_spans.covers(seg.start, seg.end)]
    for seg in segments:
        a0, a1 = _within(amount_starts, seg.start, seg.end)
        d0, d1 = _within(due_starts, seg.start, seg.end)
        seg.amounts = _choose(amounts[a0:a1])
        seg.dues = dues[d0:d1]
        m = ph.shared.search(folded, seg.start, seg.end)
        if m is not None and any(d.start >= m.start() for d in seg.dues):
            seg.shared_at = m.start()

    fallback = default_currency(language, tz)
    dollar = dollar_currency(language, tz)
    # At most MAX_BILLS entries, the first ones in text order: "1 1 1 …" is not 30,000 bills.
    entries: list[_Entry] = []
    rest: tuple[date, int] | None = None
    shared_due: date | None = None
    header_due: date | None = None  # a due date before the first figure ("viernes:\n...")
    inherited: str | None = None
    named: tuple[int, int] | None = None  # the last segment, when it has a name but no figure
    mask = bytearray(len(text))
    chosen = [(a.start, a.end) for seg in segments for a in seg.amounts]
    for s0, e0 in chosen + not_amounts:
        mask[s0:e0] = b"\x01" * (min(e0, len(text)) - s0)
    for index, seg in enumerate(segments):
        own_dues = [d for d in seg.dues if seg.shared_at is None or d.start < seg.shared_at]
        if seg.shared_at is not None:
            later = [d for d in seg.dues if d.start >= seg.shared_at]
            shared_due = later[0].value
        if len(entries) >= MAX_BILLS:
            continue  # enough bills: later segments only matter for a shared due date
        marker = next(
            (dollar if a.dollar_sign else a.currency for a in seg.amounts if a.currency), None
        )
        if not seg.amounts:
            # "Segunda tem que pagar o IPTU, R$ 312": a date beside the name keeps it a name;
            # a clause whose figure is no bill ("I paid $50 for the tickets,") names nobody
            named = None if dropped_spans.overlaps(seg.start, seg.end) else (seg.start, seg.end)
            if own_dues:
                if entries:
                    # "the rest by the 15th": after the last bill, it is due for every bill
                    # that has no date of its own (§13.5); one more bill later, only the one
                    # before it.
                    rest = (own_dues[0].value, len(entries))
                if entries and entries[-1].due is None:
                    entries[-1].due = own_dues[0].value
                elif not entries:
                    header_due = own_dues[0].value
            continue
        currency = marker or inherited or fallback
        if marker is not None:
            inherited = marker
        previous_named, named = named, None
        seg_end = seg.shared_at if seg.shared_at is not None else seg.end
        # a figure that is no bill ends what names the next one ("limit is £500 but I owe Sam")
        first = _after_dropped(dropped_ends, seg.start, seg.amounts[0].start)
        bounds = [first] + [a.end for a in seg.amounts]
        seg_entries: list[_Entry] = []
        for k, amount in enumerate(seg.amounts):
            if len(entries) + len(seg_entries) >= MAX_BILLS:
                break
            next_start = seg.amounts[k + 1].start if k + 1 < len(seg.amounts) else seg_end
            vendor, at = _vendor(text, folded, bounds[k], amount.start, mask, ph, breaks=breaks)
            # "te debo 200 del taxi": the one addressed is paid; what follows is the reason
            to_partner = vendor is None and ph.partner.search(folded, bounds[k], amount.start)
            if vendor is None and not to_partner:
                vendor, at = _vendor(
                    text, folded, amount.end, next_start, mask, ph, cut_purpose=True, breaks=breaks
                )
            if vendor is None and not to_partner and k == 0 and previous_named is not None:
                # "llegó el recibo de luz, son 450": the name sits in the segment before
                vendor, at = _vendor(
                    text, folded, previous_named[0], previous_named[1], mask, ph, breaks=breaks
                )
            own = dollar if amount.dollar_sign else amount.currency
            entry = _Entry(amount, vendor, own or currency, None, index)
            far = not _in_one_unit(breaks, at, amount.start)  # named in another line or sentence
            entry.guessed = vendor is not None and (far or _long_unknown(vendor))
            seg_entries.append(entry)
        entry_starts = [e.amount.start for e in seg_entries]
        for d in own_dues:
            # The last bill starting at or before the date, else the first (a bisection:
            # a list per date was quadratic in a long segment of figures and dates).
            target = seg_entries[max(bisect_right(entry_starts, d.start) - 1, 0)]
            if target.due is None:
                target.due = d.value
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
            reason="amount_zero" if zero_only else "no_amount",
            partial=partial,
        )
    if rest is not None and rest[1] == len(entries):
        for entry in entries:
            if entry.due is None:
                entry.due = rest[0]
    spread = shared_due or header_due
    if spread is not None:
        for entry in entries:
            if entry.due is None:
                entry.due = spread
    items = tuple(BillItem(e.vendor, e.amount.value, e.currency, e.due) for e in entries)
    return ParseResult(
        parser="bill",
        success=True,
        language=language,
        data=BillData(items),
        confidence=_confidence(entries),
        unsure=tuple(
            Unsure("vendor", "guessed_vendor", i) for i, e in enumerate(entries) if e.guessed
        ),
    )


def _after_dropped(ends: Sequence[int], start: int, limit: int) -> int:
    """The end of the last dropped figure in [start, limit), else `start`."""
    i = bisect_right(ends, limit) - 1
    return ends[i] if i >= 0 and ends[i] >= start else start


def _in_one_unit(breaks: Sequence[int], start: int, end: int) -> bool:
    return bisect_right(breaks, start) == bisect_right(breaks, end)


_SURE_WORDS = 3


def _long_unknown(vendor: str) -> bool:
    """A vendor of more than three words that names no known brand is where chatty words
    hide ("Pensión del colegio de los niños subió"): right or not, worth confirming."""
    tokens = vendor.split()
    return len(tokens) > _SURE_WORDS and _single_brand(tokens) is None


def _confidence(entries: Sequence[_Entry]) -> float:
    score = 0.0
    for e in entries:
        score += 0.55 + (0.3 if e.amount.strength == 2 else 0.15 * e.amount.strength)
        score += 0.15 if e.vendor is not None else 0.0
    return round(min(score / len(entries), 1.0), 2)
