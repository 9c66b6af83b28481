"""A confirmation says what the record is when it leaves, not what it was when queued.

The confirmation of a reaction is queued with the records it announces; if Evolution is
down it may wait for hours, and meanwhile the record may be closed, reopened, moved.
Every change of a record (`records.change.update_record`) therefore renders its unsent
confirmation again from the records as they are now, in the same transaction, so that
the words that leave are never older than the record; a record cancelled meanwhile has
its confirmation withdrawn (as a reaction's removal does).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from reactiond.nlp.result import (
    LANGUAGES,
    BillData,
    BillItem,
    CalendarData,
    Language,
    NoteData,
    ParsedData,
    TaskData,
)
from reactiond.records.kinds import KindSpec, RecordKind
from reactiond.replies import confirmation
from reactiond.replies.refresh import closed_line
from reactiond.store import outbox, records_repo
from reactiond.store.interface import Row, Transaction

CLOSED_STATUS = {RecordKind.TASKS: "done", RecordKind.BILLS: "paid"}


def _list(raw: Any) -> tuple[str, ...]:
    try:
        value = json.loads(raw) if raw else []
    except (TypeError, ValueError):
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _when(value: str | None) -> date | datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def data_of(spec: KindSpec, rows: list[Row]) -> ParsedData:
    """The parsed data these records stand for now (one row, or an action's bills)."""
    first = rows[0]
    if spec.kind is RecordKind.TASKS:
        return TaskData(
            title=str(first["title"]),
            due=_when(first["due_local"]),
            priority=first["priority"],
            tags=_list(first["tags"]),
            assignee=first["assignee"],
        )
    if spec.kind is RecordKind.CALENDAR_EVENTS:
        start = _when(first["start_local"])
        assert start is not None
        return CalendarData(
            title=str(first["title"] or "") or None,
            start=start,
            duration_minutes=first["duration_minutes"],
            location=first["location"],
            platform=first["platform"],
            attendees=_list(first["attendees"]),
            recurrence=first["recurrence"],
        )
    if spec.kind is RecordKind.BILLS:
        items = []
        for r in rows:
            due = _when(r["due_local"])
            items.append(
                BillItem(
                    r["vendor"],
                    Decimal(str(r["amount"])),
                    str(r["currency"]),
                    due.date() if isinstance(due, datetime) else due,
                )
            )
        return BillData(bills=tuple(items))
    return NoteData(title=str(first["title"]), tags=_list(first["tags"]))


def refresh_confirmation(tx: Transaction, spec: KindSpec, action_id: int, now: float) -> None:
    """Render the unsent confirmation of `action_id` again from its records as they are."""
    pending = outbox.unsent_confirmation(tx, action_id)
    if pending is None:
        return  # sent already (a change then is news of its own), or never queued
    rows = [
        r
        for r in records_repo.records_of_action(tx, spec.table, action_id)
        if r["status"] != "cancelled"
    ]
    if not rows:
        outbox.cancel_unsent(tx, action_id, now)  # nothing left to announce
        return
    lang: Language = next((code for code in LANGUAGES if code == pending.language), "en")
    tz = str(rows[0].get("tz") or "UTC")  # notes have no zone, and need none
    local_now = datetime.fromtimestamp(now, ZoneInfo(tz)).replace(tzinfo=None)
    text = confirmation(data_of(spec, rows), lang=lang, tz=tz, now=local_now)
    closed = CLOSED_STATUS.get(spec.kind)
    if closed is not None and all(r["status"] == closed for r in rows):
        line = closed_line(spec.singular, lang)
        if line is not None:
            text += "\n" + line
    if text != pending.body.get("text"):
        outbox.replace_text(tx, pending, text, now)
