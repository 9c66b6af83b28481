"""Task leases: exactly one process at a time runs each periodic task.

With several reactiond processes on one PostgreSQL database, the outbox sender (replies
leave in order, once), retention and the event-log pruner must each run in one process.
A process runs such a task while it holds its lease and renews it well before it runs
out; a holder that dies, or stalls past its lease (a paused VM, a network cut), loses the
task to the next process that asks. On SQLite the one process always holds them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from reactiond.store.interface import Transaction
from reactiond.store.queries import query


@dataclass(frozen=True)
class TaskLease:
    task: str
    holder: str
    acquired_at: float
    expires_at: float


def hold(tx: Transaction, task: str, holder: str, seconds: float, now: float) -> bool:
    """Take or renew `task` for `holder` until now + seconds; False while another holds it."""
    row = tx.execute_one(
        query("leases", "hold_task"),
        {"task": task, "holder": holder, "now": now, "until": now + seconds},
    )
    return row is not None and row["holder"] == holder


def let_go(tx: Transaction, task: str, holder: str) -> None:
    """Give the task up (a clean stop): another process may take it at once."""
    tx.execute(query("leases", "let_go_of_task"), {"task": task, "holder": holder})


def holders(tx: Transaction) -> list[TaskLease]:
    return [
        TaskLease(str(r["task"]), str(r["holder"]), float(r["acquired_at"]), float(r["expires_at"]))
        for r in tx.execute(query("leases", "task_holders"))
    ]
