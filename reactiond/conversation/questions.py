"""Questions about the records (issue 20 §4): "pendientes", "¿qué tengo hoy?", "agenda
mañana", "¿qué pago esta semana?", "cuánto debo en diciembre", "tasks today", "what's due
this week", "o que vence amanhã", "minhas contas do mês". A deterministic reading over the
talk words (conversation/words.py); pure, `today` is an argument.

A message is a question only when it asks (a "?", an interrogative word) or opens with
what it asks about ("pendientes", "agenda mañana", "my bills"), and names records or a
period: "Comprar leche mañana", a note to self, is not one."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from reactiond.conversation.corrections import says
from reactiond.conversation.words import WORDS, TalkWords
from reactiond.nlp.dates import find_dates
from reactiond.nlp.language import detect
from reactiond.nlp.result import LANGUAGES, Language
from reactiond.nlp.text import fold

Kind = Literal["task", "bill", "event"]
Period = Literal["today", "tomorrow", "week", "month", "named_month", "pending", "day"]
ALL_KINDS: frozenset[Kind] = frozenset({"task", "bill", "event"})
MAX_QUESTION_CHARS = 200

# Interrogatives, in every language (folded); a "?" does as well.
_ASKING = (
    "que", "cuales", "cuanto", "cuantos", "cuantas", "what", "whats", "what's", "which", "how much",
    "how many", "any", "o que", "quais", "quanto", "quantos", "quantas", "qu'est-ce",
    "quoi", "quelles", "quels", "combien", "tengo", "debo", "tenho", "devo", "do i",
    "have i", "ai-je", "dois-je",
)  # fmt: skip
# Words that may come before what a message opens with: "mis cuentas", "my tasks".
_OPENERS = ("mis", "my", "minhas", "meus", "mes", "las", "los", "as", "os", "the", "les")
_WORD = re.compile(r"[\w'-]+")


@dataclass(frozen=True)
class Question:
    language: Language
    kinds: frozenset[Kind]
    period: Period
    start: date | None  # first day asked about (None: from any time, overdue included)
    end: date | None  # last day asked about (None: no end)
    month: int | None = None  # the month named ("en diciembre")
    total: bool = False  # "cuánto debo": the sum of the bills


def _kinds(folded: str, w: TalkWords) -> set[Kind]:
    found: set[Kind] = set()
    if says(folded, w.tasks):
        found.add("task")
    if says(folded, w.bills):
        found.add("bill")
    if says(folded, w.events):
        found.add("event")
    return found


def _opens_with_subject(folded: str, w: TalkWords) -> bool:
    words = _WORD.findall(folded)
    while words and words[0] in _OPENERS:
        words = words[1:]
    head = " ".join(words[:2])
    return any(head == s or head.startswith(s + " ") for s in w.subjects)


def _period(
    folded: str, w: TalkWords, today: date
) -> tuple[Period, date | None, date | None, int | None] | None:
    if says(folded, w.today):
        return "today", None, today, None
    if says(folded, w.tomorrow):
        tomorrow = today + timedelta(days=1)
        return "tomorrow", tomorrow, tomorrow, None
    for number, name in enumerate(w.months, start=1):
        if says(folded, (name,)):
            year = today.year if number >= today.month else today.year + 1
            last = calendar.monthrange(year, number)[1]
            return "named_month", date(year, number, 1), date(year, number, last), number
    if says(folded, w.week):
        sunday = today + timedelta(days=6 - today.weekday())
        return "week", None, sunday, None
    if says(folded, w.month):
        last = calendar.monthrange(today.year, today.month)[1]
        return "month", None, date(today.year, today.month, last), None
    return None


def _day_named(text: str, lang: Language, today: date, tz: str | None) -> date | None:
    """A day the parsers' date grammar reads in the question ("el viernes", "on the 15th")."""
    now = datetime.combine(today, time(12, 0))
    for found in find_dates(text, lang, now, tz or "UTC"):
        value = found.value
        if found.kind == "date" and isinstance(value, date) and not isinstance(value, datetime):
            return value
        if found.kind == "datetime" and isinstance(value, datetime):
            return value.date()
    return None


def read_question(
    text: str, *, today: date, tz: str | None = None, hint: str | None = None
) -> Question | None:
    """The question `text` asks about the records, or None when it asks none."""
    if not text.strip() or len(text) > MAX_QUESTION_CHARS:
        return None
    folded = fold(text)
    asks = "?" in text or says(folded, _ASKING)
    lang: Language = detect(text, tz, hint)
    # Short texts are unsure of their language: read with each, the detected one first.
    order = [lang, *(code for code in LANGUAGES if code != lang)]
    found: list[tuple[int, Question]] = []
    for code in order:
        w = WORDS[code]
        kinds = _kinds(folded, w)
        pending = says(folded, w.pending)
        period = _period(folded, w, today)
        if period is None:
            named_day = _day_named(text, code, today, tz)
            if named_day is not None:
                period = ("day", named_day, named_day, None)
        opens = _opens_with_subject(folded, w)
        if not (kinds or pending or period):
            continue
        if not (asks or (opens and len(_WORD.findall(folded)) <= 4)):
            continue
        name: Period
        if period is None:
            name, start, end, month = "pending", None, None, None
        else:
            name, start, end, month = period
        total = "bill" in kinds and says(folded, ("cuanto", "how much", "quanto", "combien"))
        chosen = frozenset(kinds) if kinds else ALL_KINDS
        # The language whose words named the most is the one to answer in; the detected
        # one on a tie.
        named = 2 * bool(kinds or pending) + bool(period)
        found.append((named, Question(code, chosen, name, start, end, month, total)))
    if not found:
        return None
    return max(found, key=lambda f: f[0])[1]
