"""Changing a record, with what follows from it: `records.change` writes the change and
says whether the record's reminders must follow; here they do (cancelled when it closes,
planned again from its new date), in the same transaction. The API's PATCH and the CLI's
`reactiond tasks done|reopen ID`, `reactiond bills paid ID` call these."""

from __future__ import annotations

from typing import Any

from reactiond.engine.reminders import ReminderConfig, follow_record_change
from reactiond.records.change import require_record, update_record
from reactiond.records.errors import InvalidChange
from reactiond.records.kinds import SPECS, KindSpec, RecordKind
from reactiond.records.model import Bill, Record, Task
from reactiond.store.interface import Transaction


def change_record(
    tx: Transaction,
    spec: KindSpec,
    record_id: int,
    body: Any,
    now: float,
    reminders: ReminderConfig | None = None,
) -> Record:
    """Apply a change (as sent: a JSON object) to one record; return the record after it.
    `reminders`: the daemon's reminder settings, for a record that gets its first ones."""
    change = update_record(tx, spec, record_id, body, now)
    if change.follow_reminders:
        follow_record_change(tx, spec.singular, record_id, now, reminders)  # type: ignore[arg-type]
    return change.record


def mark_task_done(tx: Transaction, task_id: int, now: float) -> Task:
    """An open task is done (its one allowed starting point)."""
    spec = SPECS[RecordKind.TASKS]
    current = require_record(tx, spec, task_id)
    if current.status != "open":
        raise InvalidChange(
            f"task {task_id} is {current.status}, not open: nothing changed",
            "only an open task can be marked done",
        )
    done = change_record(tx, spec, task_id, {"status": "done"}, now)
    assert isinstance(done, Task)
    return done


def reopen_task(
    tx: Transaction, task_id: int, now: float, reminders: ReminderConfig | None = None
) -> Task:
    """A done or cancelled task is open again, as `PATCH /api/tasks/ID {"status": "open"}`
    reopens it: its reminders are planned again from its date."""
    spec = SPECS[RecordKind.TASKS]
    current = require_record(tx, spec, task_id)
    if current.status == "open":
        raise InvalidChange(
            f"task {task_id} is open already: nothing changed",
            "only a done or cancelled task can be reopened",
        )
    reopened = change_record(tx, spec, task_id, {"status": "open"}, now, reminders)
    assert isinstance(reopened, Task)
    return reopened


def mark_bill_paid(tx: Transaction, bill_id: int, now: float) -> Bill:
    """A pending bill is paid (its one allowed starting point)."""
    spec = SPECS[RecordKind.BILLS]
    current = require_record(tx, spec, bill_id)
    if current.status != "pending":
        raise InvalidChange(
            f"bill {bill_id} is {current.status}, not pending: nothing changed",
            "only a pending bill can be marked paid",
        )
    paid = change_record(tx, spec, bill_id, {"status": "paid"}, now)
    assert isinstance(paid, Bill)
    return paid
