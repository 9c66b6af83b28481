"""Kept versions of the record tables (migration 005): how many records a table holds,
a number that moves on every insert, change and deletion, and the last `updated_at`.
A calendar feed showing a whole kind builds its ETag from them, instead of aggregating
every record on every poll (issue 17)."""

from __future__ import annotations

from dataclasses import dataclass

from reactiond.store.interface import Transaction
from reactiond.store.queries import query


@dataclass(frozen=True)
class RecordVersion:
    n: int
    version: int
    last_updated: float | None


def record_version(tx: Transaction, table: str) -> RecordVersion | None:
    """None when this store keeps no version for the table."""
    row = tx.execute_one(query("snapshot", "record_version"), {"table": table})
    if row is None:
        return None
    last = row["last_updated"]
    return RecordVersion(int(row["n"]), int(row["version"]), None if last is None else float(last))
