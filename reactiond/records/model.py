"""Records as the API, the CLI and the exports show them. Instants are ISO 8601 in UTC;
a due date or start is shown in the record's own zone (`tz`): a date alone for a day,
or a date-time with its UTC offset when there is a time."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict

from reactiond.store.interface import Row


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Reactor(_Out):
    id: int
    jid: str
    name: str | None


class Source(_Out):
    """Where the record came from: which message, who reacted, with what, by which rule."""

    instance: str
    chat: str
    message_id: str
    reactor: Reactor
    emoji: str
    rule_id: int | None


class Task(_Out):
    kind: Literal["task"] = "task"
    id: int
    status: Literal["open", "done", "cancelled"]
    title: str
    due: str | None
    tz: str
    priority: str | None
    tags: list[str]
    assignee: str | None
    language: str
    source: Source
    created_at: str
    updated_at: str
    done_at: str | None


class CalendarEvent(_Out):
    kind: Literal["calendar-event"] = "calendar-event"
    id: int
    status: Literal["scheduled", "cancelled"]
    title: str
    start: str
    all_day: bool
    tz: str
    duration_minutes: int | None
    location: str | None
    platform: str | None
    attendees: list[str]
    recurrence: str | None
    language: str
    source: Source
    created_at: str
    updated_at: str


class Bill(_Out):
    kind: Literal["bill"] = "bill"
    id: int
    status: Literal["pending", "paid", "cancelled"]
    vendor: str | None
    amount: str
    currency: str
    due: str | None
    tz: str
    position: int
    language: str
    source: Source
    created_at: str
    updated_at: str
    paid_at: str | None


class Note(_Out):
    kind: Literal["note"] = "note"
    id: int
    status: Literal["active", "cancelled"]
    title: str
    body: str
    tags: list[str]
    language: str
    source: Source
    created_at: str
    updated_at: str


Record = Task | CalendarEvent | Bill | Note


def iso_utc(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(float(ts), UTC).isoformat(timespec="seconds")


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_value(local: str) -> date | datetime:
    """'YYYY-MM-DD' → date; 'YYYY-MM-DDTHH:MM[:SS]' → naive datetime."""
    if "T" in local:
        return datetime.fromisoformat(local)
    return date.fromisoformat(local)


def shown_when(local: str | None, tz: str) -> str | None:
    """A local wall-clock value as shown: the date, or the aware date-time in its zone."""
    if local is None:
        return None
    value = local_value(local)
    if isinstance(value, datetime):
        return value.replace(tzinfo=zone(tz)).isoformat(timespec="seconds")
    return value.isoformat()


def list_value(raw: Any) -> list[str]:
    """A stored JSON list of strings (tags, attendees); [] for anything else."""
    return _list(raw)


def _list(raw: Any) -> list[str]:
    if not raw:
        return []
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _source(row: Row) -> Source:
    return Source(
        instance=row["instance"],
        chat=row["chat_jid"],
        message_id=row["message_id"],
        reactor=Reactor(
            id=int(row["reactor_id"]), jid=row["reactor_jid"], name=row["reactor_name"]
        ),
        emoji=row["emoji"],
        rule_id=row["rule_id"],
    )


def task_from_row(row: Row) -> Task:
    return Task(
        id=row["id"],
        status=row["status"],
        title=row["title"],
        due=shown_when(row["due_local"], row["tz"]),
        tz=row["tz"],
        priority=row["priority"],
        tags=_list(row["tags"]),
        assignee=row["assignee"],
        language=row["language"],
        source=_source(row),
        created_at=iso_utc(row["created_at"]) or "",
        updated_at=iso_utc(row["updated_at"]) or "",
        done_at=iso_utc(row["done_at"]),
    )


def event_from_row(row: Row) -> CalendarEvent:
    return CalendarEvent(
        id=row["id"],
        status=row["status"],
        title=row["title"],
        start=shown_when(row["start_local"], row["tz"]) or row["start_local"],
        all_day=bool(row["all_day"]),
        tz=row["tz"],
        duration_minutes=row["duration_minutes"],
        location=row["location"],
        platform=row["platform"],
        attendees=_list(row["attendees"]),
        recurrence=row["recurrence"],
        language=row["language"],
        source=_source(row),
        created_at=iso_utc(row["created_at"]) or "",
        updated_at=iso_utc(row["updated_at"]) or "",
    )


def bill_from_row(row: Row) -> Bill:
    return Bill(
        id=row["id"],
        status=row["status"],
        vendor=row["vendor"],
        amount=row["amount"],
        currency=row["currency"],
        due=shown_when(row["due_local"], row["tz"]),
        tz=row["tz"],
        position=row["position"],
        language=row["language"],
        source=_source(row),
        created_at=iso_utc(row["created_at"]) or "",
        updated_at=iso_utc(row["updated_at"]) or "",
        paid_at=iso_utc(row["paid_at"]),
    )


def note_from_row(row: Row) -> Note:
    return Note(
        id=row["id"],
        status=row["status"],
        title=row["title"],
        body=row["body"],
        tags=_list(row["tags"]),
        language=row["language"],
        source=_source(row),
        created_at=iso_utc(row["created_at"]) or "",
        updated_at=iso_utc(row["updated_at"]) or "",
    )
