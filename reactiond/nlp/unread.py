"""Phrases a parser could not use, to be named in the reply instead of silently dropped.

Today: dates that cannot exist ("31 de febrero", "April 31", "31/02"). The date grammar
rightly refuses them, so the record is made without a date, and the person must be told
which words were not understood. Pure and linear: one regular expression per language,
built from the lexicon's month words, run once over the folded text.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from reactiond.nlp.dates import scan
from reactiond.nlp.lexicon import lexicon
from reactiond.nlp.lexicon.money_common import BillLexicon
from reactiond.nlp.result import BillData, Language, ParseResult, ParserName, TaskData
from reactiond.nlp.text import fold

# The most days a month can have (29 for February: a leap year is possible).
_MONTH_DAYS = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30}
_MONTH_DAYS |= {7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
_ORDINAL = r"(?:st|nd|rd|th|o|a|º|ª)?"


@functools.cache
def _pattern(lang: Language) -> re.Pattern[str]:
    lex = lexicon(lang)
    months = "|".join(sorted((re.escape(m) for m in lex.months), key=len, reverse=True))
    of = "|".join(re.escape(w) for w in lex.of_words)
    return re.compile(
        rf"\b(?P<d1>\d{{1,2}}){_ORDINAL}\s+(?:(?:{of})\s+)?(?P<m1>{months})\b"
        rf"|\b(?P<m2>{months})\s+(?P<d2>\d{{1,2}}){_ORDINAL}\b"
        r"|(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/\d{2,4})?(?![\d/])"
    )


def _impossible(day: int, month: int) -> bool:
    return not 1 <= month <= 12 or not 1 <= day <= _MONTH_DAYS[month]


def impossible_dates(text: str, lang: Language) -> tuple[str, ...]:
    """Each date in `text` that no calendar has, as written (in order, once each)."""
    folded = fold(text)
    months = lexicon(lang).months
    found: dict[str, None] = {}
    for m in _pattern(lang).finditer(folded):
        if m.group("d1") is not None:
            bad = _impossible(int(m.group("d1")), months[m.group("m1")])
        elif m.group("d2") is not None:
            bad = _impossible(int(m.group("d2")), months[m.group("m2")])
        else:
            a, b = int(m.group("a")), int(m.group("b"))
            # Neither day/month nor month/day; "99/99" is no attempt at a date at all.
            bad = max(a, b) <= 31 and _impossible(a, b) and _impossible(b, a)
        if bad:
            found.setdefault(text[m.start() : m.end()], None)
    return tuple(found)


# --------------------------------------------------------------------- due phrases not read
# A due or deadline word ("vence", "due", "prazo", "antes del", "by") followed by words the
# date grammar read nothing in ("vence el día de la madre", "due whenever the boss says"):
# the record lacks the date those words tried to give. Two kinds of lead-in, both taken
# from the lexicons, never listed here:
# - due words (the lexicon's and the bill lexicon's) say a date follows, whatever follows;
# - prepositions of a deadline (`date_preps`, `until_words`, and bill due words that end in
#   one, like "pagar el", "pay by") say so only when the next word is a date's head word
#   ("para el día de…", "by the end of…"): "pay by card" and "para el desayuno" are no dates.
# The words named are those after the lead-in, to the end of the clause, a few at most.

_MAX_WORDS = 5
_DAY_UNITS = frozenset({"day", "week", "month", "year", "fortnight"})
# A clause ends at punctuation or a line break; a word is anything else up to a space.
# "vencimiento: el día de la madre": a colon or dash may stand between the lead-in and them.
_WORDS = re.compile(rf"[ \t]*[:\-–]?(?P<words>(?:[ \t]+[^\s.,;:!?¡¿()\[\]]+){{1,{_MAX_WORDS}}})")
_WORD = re.compile(r"[^\s.,;:!?¡¿()\[\]]+")


@dataclass(frozen=True)
class _DueGrammar:
    pattern: re.Pattern[str]  # groups: "due" (a due word) or "prep" (a deadline preposition)
    heads: frozenset[str]  # words a date phrase may start with
    skip: frozenset[str]  # articles and "of" words allowed before a head word
    # "día", "week": a date's head only with more words ("el día de la madre"; "para el día"
    # alone is "for the day")
    units: frozenset[str]
    # "end", "fin", "final": only before a time word ("the end of the week", not "of the book")
    edges: frozenset[str]
    lead: frozenset[str]  # all of the above: trailing words of a lead-in that begin the date


def _words_of(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(w for phrase in phrases for w in phrase.split())


def _alt(phrases: Iterable[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True) if p)


@functools.cache
def _due_grammar(lang: Language, parser: ParserName) -> _DueGrammar:
    lex = lexicon(lang)
    bill_due = _bill_due_words(lang)
    # Bare prepositions that lead to anything ("de", "el", "en", "for", "at") are no
    # deadline words on their own.
    generic = set(lex.of_words) | set(lex.articles) | set(lex.location_preps)
    generic |= set(lex.range_from) | set(lex.duration_intro) | set(lex.time_intro)
    generic |= _bill_complements(lang)  # "da", "do": "lição da semana passada"
    preps = {p for p in (*lex.date_preps, *lex.until_words) if p not in generic}
    due = set(lex.due_words)
    for word in bill_due:
        # "pagar el", "ate o", "pay by": a due word that ends in a preposition is one.
        (preps if word.split()[-1] in _words_of((*preps, *generic)) else due).add(word)
    if parser == "calendar":
        # An event needs its date: there an article before a day ("el día de la madre",
        # "the day after") leads to one too. Not for a task, whose title may well hold
        # "the day care".
        preps |= set(lex.day_pre) | set(lex.weekday_pre)
    preps -= due
    # A date's head word: a month or weekday name (short ones like "mar", "sun", "may" are
    # everyday words too), a one-word date ("hoy", "finde", "quincena", "eom"), never a
    # preposition or article. Day, week and month words ("día", "week") and the edges of a
    # period ("end", "fin") are heads with conditions (see `_has_head`).
    names = {*lex.months, *lex.weekdays, *lex.plural_weekdays}
    heads = {w for w in names if len(w) > 3} | set(lex.day_words)
    for phrases in (
        lex.relative_days,
        lex.next_week,
        lex.weekend,
        lex.this_week,
        lex.next_month_words,
        lex.this_month_words,
        lex.quincena,
        lex.end_of_month,
    ):
        # only whole words: a longer phrase may start with a demonstrative ("esse fim…")
        heads |= {p for p in phrases if p and " " not in p}
    function = generic | _words_of(
        (*lex.date_preps, *lex.day_pre, *lex.weekday_pre, *lex.until_words, *lex.offset_intro)
    )
    units = {w for w, unit in lex.units.items() if unit in _DAY_UNITS and " " not in w}
    edges = {p.split()[0] for p in (*lex.end_of_month, *lex.month_end_words) if " " in p}
    edges -= function | units
    heads = {h for h in heads - function - units - edges if " " not in h}
    pattern = re.compile(rf"(?<!\w)(?:(?P<due>{_alt(due)})|(?P<prep>{_alt(preps)}))(?!\w)")
    skip = frozenset(lex.articles) | set(lex.of_words)
    heads, units, edges = heads - skip, units - skip, edges - skip
    lead = skip | heads | units | edges
    return _DueGrammar(
        pattern, frozenset(heads), skip, frozenset(units), frozenset(edges), frozenset(lead)
    )


def _bill_table(lang: Language) -> BillLexicon | None:
    # Imported here: the bill lexicons are big, and only this grammar needs them.
    from reactiond.nlp.lexicon import money_en, money_es, money_fr, money_pt

    tables = {"es": money_es.BILL, "en": money_en.BILL, "pt": money_pt.BILL, "fr": money_fr.BILL}
    return tables.get(lang)


def _bill_due_words(lang: Language) -> frozenset[str]:
    table = _bill_table(lang)
    return table.due_words if table is not None else frozenset()


def _bill_complements(lang: Language) -> frozenset[str]:
    table = _bill_table(lang)
    return table.complement if table is not None else frozenset()


def _lacks_date(result: ParseResult) -> bool:
    data = result.data
    if data is None:  # refused: for want of a date only (not "no amount", "no title")
        return result.reason == "no_date" and result.parser != "note"
    if isinstance(data, TaskData):
        return data.due is None
    if isinstance(data, BillData):
        return any(item.due is None for item in data.bills)
    return False


def unread_due_phrases(text: str, result: ParseResult, tz: str) -> tuple[str, ...]:
    """The words after each due or deadline word of `text` that the parse read no date in,
    as written (in order, once each). Nothing when the parse lacks no date: a date that was
    read is never named. Linear: one scan of the text, then a few words per lead-in."""
    if not _lacks_date(result):
        return ()
    lang = result.language
    grammar = _due_grammar(lang, result.parser)
    folded = fold(text)
    read = _Spans([(t.start, t.end) for t in scan(text, lang, tz)])
    impossible = _pattern(lang)
    found: dict[str, None] = {}
    named_to = 0  # a lead-in inside words already looked at is one of them ("dia do")
    for m in grammar.pattern.finditer(folded):
        words = _WORDS.match(folded, _core_end(m, grammar)) if m.start() >= named_to else None
        if words is None:
            continue
        start, end = words.start("words"), words.end("words")
        if m.group("prep") is not None and not _has_head(words.group("words"), grammar):
            continue
        named_to = end
        if read.overlap(start, end) or impossible.search(folded, start, end):
            continue  # a date was read there, or it is one that cannot exist (named apart)
        found.setdefault(text[start:end].strip(), None)
    return tuple(found)


class _Spans:
    """Spans the date grammar read, asked "does any overlap [start, end)?" in log time, so
    that a message full of due words stays linear."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self._starts = [s for s, _ in spans]
        self._max_end = list(itertools.accumulate((e for _, e in spans), max))

    def overlap(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self._starts, end)  # spans that start before `end`
        return before > 0 and self._max_end[before - 1] > start


def _has_head(words: str, grammar: _DueGrammar) -> bool:
    """Whether `words` (after a deadline preposition) start like a date."""
    content = [w for w in _WORD.findall(words) if w not in grammar.skip]
    if not content:
        return False
    head, rest = content[0], content[1:]
    if head in grammar.heads:
        return True
    if head in grammar.units:
        return bool(rest)
    if head in grammar.edges:
        return any(w in grammar.heads or w in grammar.units for w in rest)
    return False


def _core_end(m: re.Match[str], grammar: _DueGrammar) -> int:
    """Where the lead-in's own words end: "vence el día", "para el" keep "vence", "para",
    so that the words named start at the date's article or head ("el día de la madre")."""
    end = m.end()
    words = list(_WORD.finditer(m.string, m.start(), m.end()))
    while len(words) > 1 and words[-1].group() in grammar.lead:
        words.pop()
        end = words[-1].end()
    return end


def unread_phrases(text: str, result: ParseResult, tz: str) -> tuple[str, ...]:
    """Every phrase of `text` the parse could not use as a date: dates that cannot exist,
    then words after a due word that gave none (what `parse --batch` lists as "unread")."""
    if result.parser == "note":
        return ()
    return impossible_dates(text, result.language) + unread_due_phrases(text, result, tz)
