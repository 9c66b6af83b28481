"""Answering questions about the records (issue 20 §4) and the daily digest's list: the
records a question asks about, read from the store, and the answer in the asker's
language, capped in length with "… and N more".

Only the asker's own records, or everyone's for the owner."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from reactiond import replies
from reactiond.conversation.questions import ALL_KINDS, Kind, Question
from reactiond.nlp.result import BillItem, Language
from reactiond.replies import conversation as say
from reactiond.replies.phrases import phrases
from reactiond.store import conversation_repo as talk
from reactiond.store.interface import Row, Transaction

# Read at most this many of each kind: an answer shows `cap` of them and counts the rest.
READ_AT_MOST = 500


def _when(value: object) -> date | datetime | None:
    if not value:
        return None
    text = str(value)
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def items_for(
    tx: Transaction,
    kinds: frozenset[Kind],
    start: date | None,
    end: date | None,
    *,
    person: int | None,
    today: date,
    lang: Language,
) -> list[say.Item]:
    """The open records of `kinds` due (or starting) from `start` (None: overdue ones
    too) to `end` (None: any time, undated ones too), soonest first."""
    due_from = start.isoformat() if start else None
    due_to = (end + timedelta(days=1)).isoformat() if end else None
    items: list[say.Item] = []
    if "task" in kinds:
        for r in talk.open_tasks_due(tx, person, due_from, due_to, READ_AT_MOST):
            items.append(say.Item("task", str(r["title"]), _when(r["due_local"])))
    if "bill" in kinds:
        for r in talk.pending_bills_due(tx, person, due_from, due_to, READ_AT_MOST):
            items.append(_bill(r, lang))
    if "event" in kinds:
        # Events already over are no news: from today on, even when overdue is asked.
        start_from = max(start or today, today).isoformat()
        for r in talk.scheduled_events_from(tx, person, start_from, due_to, READ_AT_MOST):
            title = str(r["title"] or "") or phrases(lang).untitled_event
            items.append(say.Item("event", title, _when(r["start_local"])))
    far = date.max
    items.sort(key=lambda i: (_day(i.when) or far, str(i.when or ""), i.kind))
    return items


def _bill(r: Row, lang: Language) -> say.Item:
    amount = Decimal(str(r["amount"]))
    label = replies.bill_label(BillItem(r["vendor"], amount, str(r["currency"])), lang)
    return say.Item("bill", label, _when(r["due_local"]), amount, str(r["currency"]))


def answer_question(
    tx: Transaction,
    q: Question,
    *,
    person: int | None,
    today: date,
    tz: str,
    cap: int,
) -> str:
    items = items_for(tx, q.kinds, q.start, q.end, person=person, today=today, lang=q.language)
    month = date(q.start.year, q.start.month, 1) if q.month and q.start else None
    if q.period == "day":
        month = q.start
    return say.answer(
        items,
        period=q.period,
        lang=q.language,
        tz=tz,
        today=today,
        cap=cap,
        month=month,
        total=q.total,
    )


def digest_text(
    tx: Transaction, *, person: int | None, today: date, tz: str, lang: Language, cap: int
) -> str | None:
    """What is due today and overdue; None when there is nothing to say."""
    items = items_for(tx, ALL_KINDS, None, today, person=person, today=today, lang=lang)
    if not items:
        return None
    title = say.digest_title(lang, today, tz)
    return say.answer(items, period="today", lang=lang, tz=tz, today=today, cap=cap, title=title)
