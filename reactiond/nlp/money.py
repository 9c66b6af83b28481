"""Amounts of money in informal text, in every local format (GUIDELINES §8).

`find_amounts` returns typed spans: "$890", "890 pesos", "R$ 1.234,56", "€45,90", "USD 120",
"1,234.50", "1.5k", "2,5 mil", "mil quinientos", "two hundred", "duzentos e cinquenta".
It does not decide which of several figures a bill is about; it grades each one
(`Amount.strength`) so that the bill parser can: a figure with a currency marker or a k/mil
multiplier beats a plain figure, which beats a bare year. Figures that are part of a date, a
time, an ordinal, a range, a percentage or a duration are never returned.

Pure: no clock, no I/O; every regular expression is compiled once, at import.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from reactiond.nlp.lexicon import money_en, money_es, money_fr, money_pt
from reactiond.nlp.lexicon.money_common import (
    DOLLAR_SIGN_CURRENCIES,
    ISO_CODES,
    SYMBOLS,
    TZ_CURRENCY,
    MoneyLexicon,
)

LEXICONS: dict[str, MoneyLexicon] = {
    "es": money_es.MONEY,
    "en": money_en.MONEY,
    "pt": money_pt.MONEY,
    "fr": money_fr.MONEY,
}
# Each language's zones join the common table: a zone has one currency whatever is written.
_TZ_CURRENCY: dict[str, str] = {**TZ_CURRENCY, **money_fr.TZ_CURRENCY}

__all__ = [
    "Amount",
    "Spans",
    "default_currency",
    "dollar_currency",
    "find_amounts",
    "lexicon_for",
    "parse_number",
]


@dataclass(frozen=True)
class Amount:
    """One figure found in a text. `start`/`end` cover the figure with its markers."""

    start: int
    end: int
    value: Decimal
    currency: str | None
    """ISO 4217 code named by a marker next to the figure; None when there is no marker."""
    explicit_marker: bool
    multiplied: bool = False
    spelled: bool = False
    year_like: bool = False
    name_like: bool = False
    """Right after a naming word ("depto 302", "apto 12", "unit 4"): maybe part of a name."""
    dollar_sign: bool = False
    """The marker is a bare "$": its currency depends on the time zone (`dollar_currency`)."""

    @property
    def strength(self) -> int:
        """2: carries a currency marker or a k/mil multiplier; 1: a plain figure; 0: a bare
        year ("IPVA 2027") or a number in a name ("depto 302"), only an amount when nothing
        better is around."""
        if self.explicit_marker or self.multiplied:
            return 2
        return 0 if self.year_like or self.name_like else 1


def lexicon_for(lang: str) -> MoneyLexicon:
    return LEXICONS.get(lang, LEXICONS["en"])


def default_currency(lang: str, tz: str) -> str:
    """The currency of a figure with no marker: the time zone's, else the language's dollar."""
    code = _TZ_CURRENCY.get(tz)
    if code is not None:
        return code
    if tz.startswith("Europe/"):
        return "EUR"
    return lexicon_for(lang).dollar


def dollar_currency(lang: str, tz: str) -> str:
    """A bare "$" (§13.5): the zone's currency where that country writes it with "$" (Mexico,
    Colombia, Argentina, Chile, Uruguay, the United States, Canada), else the language's."""
    code = _TZ_CURRENCY.get(tz)
    if code in DOLLAR_SIGN_CURRENCIES:
        return code
    return lexicon_for(lang).dollar


# ------------------------------------------------------------------ numbers
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_INDIAN = re.compile(r"\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?")  # "1,50,000", "12,34,567.89"


def parse_number(raw: str) -> Decimal | None:
    """A figure as typed, by the guidelines' rule: with both "." and "," the last one is the
    decimal mark; with only one kind, it separates thousands when exactly three digits follow
    each occurrence and the figure does not start with a lone 0 ("0.001" is a thousandth),
    else it is the decimal mark; Indian lakh grouping ("1,50,000") is read too. None when
    the grouping is impossible."""
    has_dot, has_comma = "." in raw, "," in raw
    if _INDIAN.fullmatch(raw):
        return Decimal(raw.replace(",", ""))
    try:
        if has_dot and has_comma:
            dec = "." if raw.rfind(".") > raw.rfind(",") else ","
            thou = "," if dec == "." else "."
            whole, _, frac = raw.rpartition(dec)
            if thou in frac or (thou in whole and not _GROUPED.fullmatch(whole)):
                return None
            return Decimal(whole.replace(thou, "") + "." + frac)
        if has_dot or has_comma:
            sep = "." if has_dot else ","
            parts = raw.split(sep)
            # "0.001", "0,500": a leading 0 groups no thousands; it is a decimal mark
            if parts[0].strip("0") and all(len(p) == 3 for p in parts[1:]):
                if len(parts[0]) > 3 and len(parts) > 2:
                    return None
                return Decimal("".join(parts))
            if len(parts) == 2:
                return Decimal(parts[0] + "." + parts[1])
            return None
        return Decimal(raw)
    except InvalidOperation:
        return None


# ------------------------------------------------------------------ regexes
def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_LETTER = r"[^\W\d_]"


@dataclass(frozen=True)
class _Compiled:
    lex: MoneyLexicon
    figure: re.Pattern[str]
    word: re.Pattern[str]
    suffix: re.Pattern[str]
    prefix_before: re.Pattern[str]
    after_plain: re.Pattern[str]
    name_before: re.Pattern[str]
    marker_decimal: re.Pattern[str] | None


def _compile(lex: MoneyLexicon) -> _Compiled:
    symbols = [s for s in SYMBOLS if not s[0].isalpha()]
    letter_markers = (
        [s for s in SYMBOLS if s[0].isalpha()] + sorted(ISO_CODES) + list(lex.prefix_words)
    )
    prefix = rf"(?P<pre>(?<!{_LETTER})(?:{_alternation(letter_markers)})|{_alternation(symbols)})"
    zone_words = [w for w in lex.zone_words if w not in SYMBOLS]
    suffix_words = list(lex.currency_words) + zone_words + sorted(ISO_CODES) + ["rs", "rs."]
    # Words first: "10,99 $ US" is USD, not a bare "$" followed by a word.
    suffix = (
        rf"(?P<suf>(?:{_alternation(suffix_words)})(?!{_LETTER})"
        rf"|(?:{_alternation(symbols)})(?![ \t]?\d))"
    )
    mult = rf"(?P<mult>(?:{_alternation(lex.multipliers)})(?!{_LETTER}))"
    # "1'250.50", "1’234.50": Switzerland's thousands mark, an apostrophe (U+2019 as phones
    # type it) before 3 digits, in every language; "1 234,56", "1 234": a grouping space,
    # only where the language writes one (elsewhere "pagar 2 300" may be two figures)
    spaces = r" \u00a0\u202f" if lex.group_thousands else ""
    group = rf"|[{spaces}'’](?=\d{{3}}(?!\d))"
    cents = r"(?:\.[-–](?![\d\w]))?" if lex.dash_cents else ""
    figure = re.compile(
        rf"(?:{prefix}[ \t]?)?(?<!\d)(?<!\d[.,])(?P<num>\d+(?:(?:[.,]{group})\d+)*){cents}"
        rf"(?:[ \t\u00a0\u202f]?{mult})?(?:[ \t\u00a0\u202f]?{suffix})?",
        re.IGNORECASE,
    )
    marker_decimal = None
    if lex.marker_decimal:
        words = _alternation([*lex.currency_words, *zone_words])
        marker_decimal = re.compile(
            rf"(?<![\d.,])(?P<num>\d+)(?:(?P<sym>{_alternation(symbols)})"
            rf"|[ \t\u00a0\u202f](?P<word>{words})[ \t\u00a0\u202f])(?P<cents>\d\d)(?![\d.,%])"
            rf"(?![ \t]*(?:{_alternation(lex.count_units)})(?!{_LETTER}))",
            re.IGNORECASE,
        )
    after_plain = re.compile(
        rf"[ \t]*(?:(?:a\.?m|p\.?m)\.?(?!{_LETTER})"
        rf"|(?:{_alternation(lex.count_units)})(?!{_LETTER})(?![ \t]*\d))",
        re.IGNORECASE,
    )
    return _Compiled(
        lex=lex,
        figure=figure,
        word=re.compile(rf"{_LETTER}+", re.IGNORECASE),
        suffix=re.compile(rf"[ \t]?{suffix}", re.IGNORECASE),
        prefix_before=re.compile(rf"{prefix}[ \t]?\Z", re.IGNORECASE),
        after_plain=after_plain,
        name_before=re.compile(
            rf"(?<!{_LETTER})(?:{_alternation(lex.name_words)})\.?[ \t]*#?\Z", re.IGNORECASE
        ),
        marker_decimal=marker_decimal,
    )


@cache
def _compiled(lang: str) -> _Compiled:
    """A language's patterns, compiled on first use rather than at import: the daemon
    imports this module (corrections read amounts) long before it reads a figure, and
    compiling every language's patterns would add to each start (the parser process
    compiles them all as it warms up, `compile_all`)."""
    return _compile(LEXICONS[lang])


def compile_all() -> None:
    """Compile every language's patterns now, rather than in the first text of each."""
    for lang in LEXICONS:
        _compiled(lang)


_BAD_BEFORE = frozenset("/:#-+")
_BAD_AFTER = frozenset("/:%°-")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th|ro|ra|º|ª|h\d|hs?\b|am\b|pm\b)", re.IGNORECASE)


def _marker_currency(marker: str, lex: MoneyLexicon, tz: str = "") -> str:
    m = " ".join(marker.lower().split())
    zone = lex.zone_words.get(m)
    if zone is not None:
        code = zone.get(tz, zone.get("*", ""))
        return code or default_currency(lex.lang, tz)
    if m in SYMBOLS:
        return SYMBOLS[m] or lex.dollar
    if m in ISO_CODES:
        return m.upper()
    return lex.currency_words.get(m, lex.dollar)


# ------------------------------------------------------------------ finding
def find_amounts(
    text: str, lang: str, *, exclude: Sequence[tuple[int, int]] = (), tz: str = ""
) -> list[Amount]:
    """Every figure in `text` that can be an amount, in text order. Spans in `exclude`
    (dates, times found by the caller) hide the plain figures that overlap them; a figure
    with a currency marker or a multiplier is kept regardless. `tz` resolves the markers whose
    currency depends on the zone (fr "F", "$")."""
    comp = _compiled(lang if lang in LEXICONS else "en")
    found: list[Amount] = []
    date_starts = frozenset(s for s, _ in exclude)
    split = _marker_decimals(text, comp, tz, Spans(exclude))
    found.extend(split)
    glued = Spans((a.start, a.end) for a in split)
    for m in comp.figure.finditer(text):
        if glued.overlaps(m.start(), m.end()):
            continue
        amount = _numeric(text, m, comp, date_starts, tz)
        if amount is not None:
            found.append(amount)
    found.extend(_spelled(text, comp, taken=Spans((a.start, a.end) for a in found)))
    found.sort(key=lambda a: a.start)
    hidden = Spans(exclude)
    return [a for a in found if a.strength == 2 or not hidden.overlaps(a.start, a.end)]


class Spans:
    """Sorted, merged intervals answering "does [start, end) overlap any of them?" in
    O(log n), so that long messages stay linear."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            elif s < e:
                merged.append((s, e))
        self.merged = merged
        self._starts = [s for s, _ in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end) - 1
        return i >= 0 and self.merged[i][1] > start

    def covers(self, start: int, end: int) -> bool:
        """Whether one interval holds all of [start, end)."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self.merged[i][1] >= end


def _marker_decimals(text: str, comp: _Compiled, tz: str, dates: Spans) -> list[Amount]:
    """ "45€90", "45 euros 90": the marker between the figures is the decimal mark."""
    if comp.marker_decimal is None:
        return []
    out = []
    for m in comp.marker_decimal.finditer(text):
        if dates.overlaps(m.start("cents"), m.end("cents")):
            continue
        marker = m.group("sym") or m.group("word")
        out.append(
            Amount(
                start=m.start(),
                end=m.end(),
                value=Decimal(f"{m.group('num')}.{m.group('cents')}"),
                currency=_marker_currency(marker, comp.lex, tz),
                explicit_marker=True,
            )
        )
    return out


_GROUP_SEPARATORS = re.compile("[ \u00a0\u202f'\u2019]")


def _numeric(
    text: str,
    m: re.Match[str],
    comp: _Compiled,
    date_starts: frozenset[int] = frozenset(),
    tz: str = "",
) -> Amount | None:
    lex = comp.lex
    raw = m.group("num")
    value = parse_number(_GROUP_SEPARATORS.sub("", raw))
    if value is None:
        return None
    pre, suf, mult = m.group("pre"), m.group("suf"), m.group("mult")
    ns, ne = m.span("num")
    before = text[ns - 1] if ns > 0 else ""
    if pre is None:
        if before and (before.isalnum() or before in _BAD_BEFORE or before in ".,"):
            return None
        if text[max(0, ns - 3) : ns].rstrip(" \t").endswith("="):
            return None  # "luz 450 + agua 230 = 680": a total, not another bill
    elif before.isdigit():
        return None
    after = text[ne] if ne < len(text) else ""
    follows_digit = text[ne + 1 : ne + 2].isdigit()
    if mult is None and suf is None:
        # "3/20", "15:30", "10-11", "50%", "1st" are not amounts; after a currency marker,
        # "$20-", "$12.99/mo" and "£1,200pcm" are
        rate_or_dash = after in ("/", "-") and pre is not None and not follows_digit
        per_period = pre is not None and after.isalpha() and not _ORDINAL_AFTER.match(text, ne)
        if (after.isalnum() or after in _BAD_AFTER) and not (rate_or_dash or per_period):
            return None
        unit = comp.after_plain.match(text, ne) if pre is None else None
        # "30 dias" counts days, but in "99,90 dia primeiro" the word starts a date phrase.
        if unit is not None:
            word_start = unit.end() - len(text[ne : unit.end()].lstrip(" \t"))
            if word_start not in date_starts:
                return None
    elif mult is None and after in ("/", ":") and pre is None:
        return None
    end = m.end()
    multiplied = False
    if mult is not None:
        factor = lex.multipliers.get(mult.lower(), 1)
        value *= factor
        multiplied = True
        if suf is None:
            rest = _spelled_at(text, m.end("mult"), comp)
            if rest is not None and rest[0] < factor:
                value += rest[0]
                end = rest[1]
                s2 = comp.suffix.match(text, end)
                if s2 is not None:
                    suf = s2.group("suf")
                    end = s2.end()
    marker = pre or suf
    currency = _marker_currency(marker, lex, tz) if marker is not None else None
    start = m.start("pre") if pre is not None else ns
    year_like = (
        marker is None
        and not multiplied
        and len(raw) == 4
        and raw.isdigit()
        and 1900 <= int(raw) <= 2100
    )
    name_like = (
        marker is None
        and not multiplied
        and comp.name_before.search(text, max(0, ns - 24), ns) is not None
    )
    return Amount(
        start=start,
        end=end,
        value=value,
        currency=currency,
        explicit_marker=marker is not None,
        multiplied=multiplied,
        year_like=year_like,
        name_like=name_like,
        dollar_sign=marker == "$",
    )


def _spelled_at(text: str, pos: int, comp: _Compiled) -> tuple[Decimal, int] | None:
    """Number words starting right after `pos` (one space allowed): ("quinientos", end)."""
    tokens: list[tuple[int, int, str]] = []
    for w in comp.word.finditer(text, pos):
        gap = text[pos : w.start()]
        if gap.strip(" \t-"):
            break
        tokens.append((w.start(), w.end(), w.group().lower()))
        pos = w.end()
        if len(tokens) > 12:
            break
    run = _number_run(tokens, 0, comp.lex)
    if run is None:
        return None
    n, value = run
    return value, tokens[n - 1][1]


def _number_run(
    tokens: Sequence[tuple[int, int, str]], i: int, lex: MoneyLexicon
) -> tuple[int, Decimal] | None:
    """The longest run of number words from tokens[i]: (index after the run, value)."""
    words = lex.number_words
    if i >= len(tokens) or tokens[i][2] not in words:
        return None
    total = 0
    current = 0
    j = i
    last_ok = i
    while j < len(tokens):
        word = tokens[j][2]
        if word in lex.connectors:
            if j + 1 < len(tokens) and tokens[j + 1][2] in words and j > i:
                j += 1
                continue
            break
        entry = words.get(word)
        if entry is None:
            break
        value, kind = entry
        if kind == "unit":
            current += value
        elif kind == "hundred":
            current = (current or 1) * value
        else:
            total += (current or 1) * value
            current = 0
        j += 1
        last_ok = j
    if last_ok == i:
        return None
    return last_ok, Decimal(total + current)


def _spelled(text: str, comp: _Compiled, taken: Spans) -> list[Amount]:
    lex = comp.lex
    tokens = [(w.start(), w.end(), w.group().lower()) for w in comp.word.finditer(text)]
    if not any(t[2] in lex.number_words for t in tokens):
        return []
    out: list[Amount] = []
    i = 0
    while i < len(tokens):
        if tokens[i][2] not in lex.number_words or tokens[i][2] in lex.slang_scales:
            i += 1
            continue
        # en "a hundred", "a grand": the article counts as one
        start_i = i
        run = _contiguous_run(text, tokens, i, lex)
        if run is None:
            i += 1
            continue
        j, value = run
        start, end = tokens[start_i][0], tokens[j - 1][1]
        if lex.lang == "en" and start_i > 0 and tokens[start_i - 1][2] == "a":
            gap = text[tokens[start_i - 1][1] : start]
            if not gap.strip() and lex.number_words[tokens[start_i][2]][1] != "unit":
                start = tokens[start_i - 1][0]
        i = j
        if taken.overlaps(start, end):
            continue
        suffix = comp.suffix.match(text, end)
        prefix = comp.prefix_before.search(text, max(0, start - 8), start)
        marker: str | None = None
        if suffix is not None:
            marker = suffix.group("suf")
            end = suffix.end()
        elif prefix is not None:
            marker = prefix.group("pre")
            start = prefix.start()
        if marker is None:
            if value < 10:
                continue
            prev = tokens[start_i - 1][2] if start_i > 0 else ""
            if prev in lex.articles or comp.after_plain.match(text, end):
                continue
        out.append(
            Amount(
                start=start,
                end=end,
                value=value,
                currency=_marker_currency(marker, lex) if marker is not None else None,
                explicit_marker=marker is not None,
                spelled=True,
                dollar_sign=marker == "$",
            )
        )
    return out


# "dos millones trescientos cuarenta y cinco mil seiscientos setenta y ocho" is 12 words.
_LONGEST_RUN = 24


def _contiguous_run(
    text: str, tokens: Sequence[tuple[int, int, str]], i: int, lex: MoneyLexicon
) -> tuple[int, Decimal] | None:
    """Like `_number_run`, but the words must be separated only by spaces or hyphens.

    At most `_LONGEST_RUN` words are looked at: the run of words separated by spaces is the
    whole text in a long message, and scanning to its end from every number word made
    "diez a diez a …" quadratic. No amount is written with that many words."""
    j = i + 1
    last = min(len(tokens), i + _LONGEST_RUN)
    while j < last and not text[tokens[j - 1][1] : tokens[j][0]].strip(" \t-"):
        j += 1
    run = _number_run(tokens[i:j], 0, lex)
    if run is None:
        return None
    n, value = run
    return i + n, value
