"""Changing a record: its status (done, paid, cancelled, reopened) and its fields (a new
due date, a title…). The change is checked first (`InvalidChange` names the field and
what to write), then written with the record's `updated_at`, and an event-log row that
the live stream and the feeds pick up. What the change asks of the reminders is returned
as a decision (`RecordChange.follow_reminders`): `engine/record_changes.py` acts on it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from reactiond.currency import iso_currency
from reactiond.date_range import RANGE_TEXT, in_range
from reactiond.records.confirmation import refresh_confirmation
from reactiond.records.errors import InvalidChange, RecordNotFound
from reactiond.records.kinds import KindSpec, RecordKind
from reactiond.records.model import Record, zone
from reactiond.records.query import get_record
from reactiond.store.events import log_event
from reactiond.store.interface import Transaction
from reactiond.store.records_query import record_row, update_record_row


class _Change(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TaskChange(_Change):
    status: Literal["open", "done", "cancelled"] | None = None
    title: str | None = Field(default=None, min_length=1, max_length=1000)
    due: str | None = None
    priority: Literal["high", "medium", "low"] | None = None
    tags: list[str] | None = None
    assignee: str | None = Field(default=None, max_length=200)


class CalendarEventChange(_Change):
    status: Literal["scheduled", "cancelled"] | None = None
    title: str | None = Field(default=None, min_length=1, max_length=1000)
    start: str | None = None
    duration_minutes: int | None = Field(default=None, ge=1, le=60 * 24 * 31)
    location: str | None = Field(default=None, max_length=1000)


class BillChange(_Change):
    status: Literal["pending", "paid", "cancelled"] | None = None
    vendor: str | None = Field(default=None, max_length=200)
    amount: str | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Za-z]{3}$")
    due: str | None = None

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str | None) -> str | None:
        return None if value is None else iso_currency(value)


class NoteChange(_Change):
    status: Literal["active", "cancelled"] | None = None
    title: str | None = Field(default=None, min_length=1, max_length=1000)
    body: str | None = Field(default=None, max_length=100_000)
    tags: list[str] | None = None


CHANGES: dict[RecordKind, type[_Change]] = {
    RecordKind.TASKS: TaskChange,
    RecordKind.CALENDAR_EVENTS: CalendarEventChange,
    RecordKind.BILLS: BillChange,
    RecordKind.NOTES: NoteChange,
}
# Fields that may be set to null (cleared); every other field needs a value.
CLEARABLE = {"due", "priority", "assignee", "vendor", "location", "duration_minutes"}


def parse_change(spec: KindSpec, body: Any) -> tuple[_Change, frozenset[str]]:
    """Check a change against the kind's fields; return it and the fields it sets."""
    model = CHANGES[spec.kind]
    fields = ", ".join(model.model_fields)
    if not isinstance(body, Mapping):
        raise InvalidChange(
            "the body must be a JSON object",
            f'send e.g. {{"status": "{spec.statuses[1]}"}}; fields: {fields}',
        )
    try:
        change = model.model_validate(dict(body))
    except ValidationError as exc:
        err = exc.errors()[0]
        name = ".".join(str(p) for p in err["loc"]) or "body"
        if err["type"] == "extra_forbidden":
            raise InvalidChange(
                f"{spec.singular}s have no field {name!r} that can be changed",
                f"change one of: {fields}",
            ) from exc
        # A validator's own words, without pydantic's "Value error, " before them.
        reason = str(err["msg"]).removeprefix("Value error, ")
        raise InvalidChange(f"{name}: {reason}", _hint(spec, name)) from exc
    given = frozenset(change.model_fields_set)
    if not given:
        raise InvalidChange("nothing to change", f"send one or more of: {fields}")
    for name in given:
        if getattr(change, name) is None and name not in CLEARABLE:
            raise InvalidChange(f"{name} cannot be null", _hint(spec, name))
    return change, given


def _hint(spec: KindSpec, name: str) -> str:
    if name == "status":
        return f"use one of {', '.join(spec.statuses)}"
    if name in ("due", "start"):
        example = "2026-01-15" if spec.kind is RecordKind.BILLS else "2026-01-15T09:30"
        return f"write {name} as {example} (local time in the record's zone)"
    if name == "amount":
        return 'write "amount": "890.00" (a positive decimal, dot as separator)'
    if name == "currency":
        return 'write "currency": "MXN" (an ISO 4217 code)'
    return "see /api/openapi.json for the fields and their types"


def _local_when(name: str, raw: str, tz: str, *, allow_time: bool) -> tuple[str, float | None]:
    """A date or date-time as the record keeps it (local, in its zone) and its instant."""
    text = raw.strip()
    try:
        if "T" in text or " " in text:
            value = datetime.fromisoformat(text.replace(" ", "T"))  # else: not a date
            if not allow_time:
                raise InvalidChange(
                    f"{name} must be a date without a time",
                    f"write {name} as {value.date().isoformat()}",
                )
            if not in_range(value):
                raise _out_of_range(name, raw, allow_time=allow_time)
            if value.tzinfo is not None:  # an instant: shown in the record's zone
                value = value.astimezone(zone(tz)).replace(tzinfo=None)
            local = value.strftime("%Y-%m-%dT%H:%M")
            instant = value.replace(tzinfo=zone(tz)).timestamp()
            return local, instant
        day = date.fromisoformat(text)
        if not in_range(day):
            raise _out_of_range(name, raw, allow_time=allow_time)
        return day.isoformat(), None
    except ValueError as exc:
        example = "2026-01-15T09:30" if allow_time else "2026-01-15"
        raise InvalidChange(f"{name} {raw!r} is not a date", f"write {name} as {example}") from exc


def _out_of_range(name: str, raw: str, *, allow_time: bool) -> InvalidChange:
    example = "2026-01-15T09:30" if allow_time else "2026-01-15"
    return InvalidChange(
        f"{name} {raw!r} is outside the {RANGE_TEXT} that reactiond keeps",
        f"write {name} as {example}",
    )


def _amount(raw: str) -> str:
    try:
        value = Decimal(raw.strip())
    except (InvalidOperation, AttributeError) as exc:
        raise InvalidChange(f"amount {raw!r} is not a number", _hint_amount()) from exc
    if not value.is_finite() or value <= 0 or value >= Decimal("1e12"):
        raise InvalidChange(f"amount {raw!r} is not a positive amount", _hint_amount())
    return f"{value.quantize(Decimal('0.01'))}"


def _hint_amount() -> str:
    return 'write "amount": "890.00" (a positive decimal, dot as separator)'


@dataclass(frozen=True)
class RecordChange:
    """A change written: the record after it, and whether its reminders must follow (its
    status, due date or start changed: cancel them, or plan them again)."""

    record: Record
    follow_reminders: bool


def update_record(
    tx: Transaction, spec: KindSpec, record_id: int, body: Any, now: float
) -> RecordChange:
    """Apply a change (as sent: a JSON object) to one record; return the record after it,
    and what the change asks of its reminders."""
    change, given = parse_change(spec, body)
    current = record_row(tx, spec.table, record_id)
    if current is None:
        raise no_record(spec, record_id)
    sets: dict[str, Any] = {}
    for name in sorted(given):
        value = getattr(change, name)
        if name in ("tags",):
            sets["tags"] = json.dumps([str(t) for t in value], ensure_ascii=False)
        elif name == "due":
            if value is None:
                sets["due_local"] = None
                if spec.kind is RecordKind.TASKS:
                    sets["due_at"] = None
            else:
                allow_time = spec.kind is RecordKind.TASKS
                local, instant = _local_when("due", value, current["tz"], allow_time=allow_time)
                sets["due_local"] = local
                if spec.kind is RecordKind.TASKS:
                    sets["due_at"] = instant
        elif name == "start":
            local, instant = _local_when("start", value, current["tz"], allow_time=True)
            sets["start_local"] = local
            sets["start_at"] = instant
            sets["all_day"] = 0 if instant is not None else 1
        elif name == "amount":
            sets["amount"] = _amount(value)
        else:
            sets[name] = value
    status = sets.get("status")
    if status is not None and status != current["status"]:
        if spec.kind is RecordKind.TASKS:
            sets["done_at"] = now if status == "done" else None
        elif spec.kind is RecordKind.BILLS:
            sets["paid_at"] = now if status == "paid" else None
    sets["updated_at"] = now
    update_record_row(tx, spec.table, record_id, sets)
    # A confirmation still waiting to leave says what the record is now (or is withdrawn).
    refresh_confirmation(tx, spec, int(current["action_id"]), now)
    event = "record.cancelled" if status == "cancelled" else "record.updated"
    # The live stream (GET /api/stream) wakes on this row once the change commits.
    log_event(tx, event, {"kind": spec.singular, "id": record_id, "changed": sorted(given)}, now)
    record = get_record(tx, spec, record_id)
    assert record is not None
    follow = spec.singular in ("task", "event", "bill") and bool(given & {"status", "due", "start"})
    return RecordChange(record, follow_reminders=follow)


def require_record(tx: Transaction, spec: KindSpec, record_id: int) -> Record:
    record = get_record(tx, spec, record_id)
    if record is None:
        raise no_record(spec, record_id)
    return record


def no_record(spec: KindSpec, record_id: int | str) -> RecordNotFound:
    return RecordNotFound(
        f"no {spec.singular} {record_id}", f"list them with GET /api/{spec.kind.value}"
    )
