"""The two everyday changes, with their one allowed starting point: an open task is done,
a pending bill is paid (`reactiond tasks done ID`, `reactiond bills paid ID`)."""

from __future__ import annotations

from reactiond.records.change import require_record, update_record
from reactiond.records.errors import InvalidChange
from reactiond.records.kinds import SPECS, RecordKind
from reactiond.records.model import Bill, Task
from reactiond.store.interface import Transaction


def mark_task_done(tx: Transaction, task_id: int, now: float) -> Task:
    spec = SPECS[RecordKind.TASKS]
    current = require_record(tx, spec, task_id)
    if current.status != "open":
        raise InvalidChange(
            f"task {task_id} is {current.status}, not open: nothing changed",
            "only an open task can be marked done",
        )
    done = update_record(tx, spec, task_id, {"status": "done"}, now)
    assert isinstance(done, Task)
    return done


def mark_bill_paid(tx: Transaction, bill_id: int, now: float) -> Bill:
    spec = SPECS[RecordKind.BILLS]
    current = require_record(tx, spec, bill_id)
    if current.status != "pending":
        raise InvalidChange(
            f"bill {bill_id} is {current.status}, not pending: nothing changed",
            "only a pending bill can be marked paid",
        )
    paid = update_record(tx, spec, bill_id, {"status": "paid"}, now)
    assert isinstance(paid, Bill)
    return paid
