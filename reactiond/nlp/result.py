"""What a parser returns: typed data in the guidelines' schema (shared/nlp/GUIDELINES.md).

Dates and datetimes are *naive local wall-clock values* in the message's time zone, as the
guidelines define them; the action layer attaches the zone. A `date` means "date only"
(an all-day event, a task due on a day); a `datetime` carries a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

Language = Literal["es", "en", "pt", "fr"]
ParserName = Literal["task", "calendar", "bill", "note"]
Priority = Literal["high", "medium", "low"]
PARSERS: tuple[ParserName, ...] = ("task", "calendar", "bill", "note")
LANGUAGES: tuple[Language, ...] = ("es", "en", "pt", "fr")


def render_when(value: date | datetime | None) -> str | None:
    """`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, the guidelines' local form."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


@dataclass(frozen=True)
class TaskData:
    title: str
    due: date | datetime | None = None
    priority: Priority | None = None
    tags: tuple[str, ...] = ()
    assignee: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "due": render_when(self.due),
            "priority": self.priority,
            "tags": list(self.tags),
            "assignee": self.assignee,
        }


@dataclass(frozen=True)
class CalendarData:
    # None when the message is only a date ("mañana a las 10"): guidelines §1, no "".
    title: str | None
    start: date | datetime
    duration_minutes: int | None = None
    location: str | None = None
    platform: str | None = None
    attendees: tuple[str, ...] = ()
    recurrence: str | None = None  # RRULE without the "RRULE:" prefix

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "start": render_when(self.start),
            "duration_minutes": self.duration_minutes,
            "location": self.location,
            "platform": self.platform,
            "attendees": list(self.attendees),
            "recurrence": self.recurrence,
        }


@dataclass(frozen=True)
class BillItem:
    vendor: str | None
    amount: Decimal
    currency: str  # ISO 4217
    due: date | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "vendor": self.vendor,
            "amount": f"{self.amount.quantize(Decimal('0.01'))}",
            "currency": self.currency,
            "due": render_when(self.due),
        }


@dataclass(frozen=True)
class BillData:
    bills: tuple[BillItem, ...]

    def as_json(self) -> dict[str, Any]:
        return {"bills": [b.as_json() for b in self.bills]}


@dataclass(frozen=True)
class NoteData:
    title: str
    tags: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "tags": list(self.tags)}


ParsedData = TaskData | CalendarData | BillData | NoteData

UnsureWhy = Literal["guessed_vendor", "day_month_order", "bare_hour_pm", "not_found", "unlabelled"]


@dataclass(frozen=True)
class Unsure:
    """A field the parser filled with a guess (issue 15, "unsure is said out loud"): the
    confirmation repeats it as a question, so a wrong guess is one reply away from fixed.

    `field` is the data's field ("due", "start", "vendor"); `item` the bill's index for a
    bill's field; `why` the kind of guess: a vendor picked from chatty text, a numeric date
    whose day and month could swap ("03/04"), a bare hour read as PM ("a las 5" → 17:00)."""

    field: str
    why: UnsureWhy
    item: int | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "why": self.why}
        if self.item is not None:
            out["item"] = self.item
        return out


@dataclass(frozen=True)
class ParseResult:
    """The outcome of one parse. On failure `data` is None, `reason` says why (a stable
    machine code such as "no_amount", "no_date", "empty") and `partial` keeps what was found."""

    parser: ParserName
    success: bool
    language: Language
    data: ParsedData | None
    confidence: float
    reason: str | None = None
    partial: dict[str, Any] = field(default_factory=dict)
    unsure: tuple[Unsure, ...] = ()
    """Low-confidence fields of `data`, to be confirmed out loud (empty when all are sure)."""

    def prediction(self, case_id: str) -> dict[str, Any]:
        """One line in the scorer's format (score.py ignores the extra "unsure" key)."""
        out: dict[str, Any] = {
            "id": case_id,
            "success": self.success,
            "language": self.language,
            "data": self.data.as_json() if self.data is not None else None,
        }
        if self.unsure:
            out["unsure"] = [u.as_json() for u in self.unsure]
        return out
