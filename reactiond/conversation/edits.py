"""Following an edit: the records a message made, compared with what the same rule makes
of its new text. Pure.

The comparison speaks the records API's change language (`engine.record_changes.change_record`
bodies: "due", "start", "amount"…), so that the change is applied, checked, traced and
followed by reminders exactly as a change made with the CLI or the API would be."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reactiond.actions.base import INITIAL_STATUS, EntityRow, RecordTable

# Stored column → the change field that sets it, per table.
_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "tasks": (
        ("title", "title"),
        ("due_local", "due"),
        ("priority", "priority"),
        ("tags", "tags"),
        ("assignee", "assignee"),
    ),
    "calendar_events": (
        ("title", "title"),
        ("start_local", "start"),
        ("duration_minutes", "duration_minutes"),
        ("location", "location"),
    ),
    "bills": (
        ("vendor", "vendor"),
        ("amount", "amount"),
        ("currency", "currency"),
        ("due_local", "due"),
    ),
    "notes": (("title", "title"), ("body", "body"), ("tags", "tags")),
}


@dataclass(frozen=True)
class StoredRecord:
    """A record as stored, with what "untouched" needs: its status, its creation and last
    update, and the last update an edit of its own message made (if any)."""

    table: RecordTable
    id: int
    values: Mapping[str, Any]
    last_edit_at: float | None = None

    @property
    def untouched(self) -> bool:
        """Nobody changed it but its own message: still the message's to follow."""
        v = self.values
        updated = float(v["updated_at"])
        if self.last_edit_at is not None and updated == self.last_edit_at:
            return True  # the last change was an edit's (a bill it removed, too)
        return v.get("status") == INITIAL_STATUS[self.table] and updated == float(v["created_at"])


@dataclass
class FollowPlan:
    """What an edit does to one action's records."""

    updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    added: list[EntityRow] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.updates or self.added or self.removed)


def _tags(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    try:
        loaded = json.loads(value) if value else []
    except (TypeError, ValueError):
        return []
    return [str(v) for v in loaded] if isinstance(loaded, list) else []


def change_body(table: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """The change (a records-API body) that turns `old` into `new`: only what differs."""
    body: dict[str, Any] = {}
    for column, name in _FIELDS.get(table, ()):
        if column not in new:
            continue
        before, after = old.get(column), new.get(column)
        if column == "tags":
            if _tags(before) != _tags(after):
                body[name] = _tags(after)
            continue
        if column == "title" and not after:
            continue  # an untitled event keeps the title it had
        if column == "amount" and before is not None and after is not None:
            if str(before) != str(after):
                body[name] = str(after)
            continue
        if before != after:
            if after is None and name not in ("due", "priority", "assignee", "location"):
                continue  # a field the change language cannot clear stays as it is
            body[name] = after
    return body


def plan_follow(stored: Sequence[StoredRecord], fresh: Sequence[EntityRow]) -> FollowPlan:
    """Match the stored records with the fresh rows (bills by their position in the
    message) and say what to update, add and remove."""
    plan = FollowPlan()
    live = [r for r in stored if r.values.get("status") != "cancelled"]
    if not stored:
        return plan
    table = stored[0].table
    if table != "bills":
        if not live:
            return plan
        if fresh:
            body = change_body(table, live[0].values, fresh[0].values)
            if body:
                plan.updates.append((live[0].id, body))
        return plan
    by_position = {int(r.values["position"]): r for r in stored}
    positions = set()
    for row in fresh:
        pos = int(row.values["position"])
        positions.add(pos)
        current = by_position.get(pos)
        if current is None:
            plan.added.append(row)
            continue
        body = change_body(table, current.values, row.values)
        if current.values.get("status") == "cancelled":
            # A bill an earlier edit removed is back: the same row, pending again.
            body = {**body, "status": INITIAL_STATUS["bills"]}
        if body:
            plan.updates.append((current.id, body))
    plan.removed = [
        r.id
        for pos, r in sorted(by_position.items())
        if pos not in positions and r.values.get("status") != "cancelled"
    ]
    return plan
