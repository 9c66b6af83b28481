"""Following an edit (conversation/edits.py): only what differs is changed, bills are
matched by their place in the message, and "untouched" means "changed by nobody but
its own message"."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from reactiond.actions.base import EntityRow
from reactiond.conversation.edits import StoredRecord, change_body, plan_follow


def bill(record_id: int, position: int, amount: str, status: str = "pending") -> StoredRecord:
    values = {
        "position": position,
        "vendor": "CFE",
        "amount": amount,
        "currency": "MXN",
        "due_local": "2026-12-28",
        "status": status,
        "created_at": 1.0,
        "updated_at": 1.0,
    }
    return StoredRecord("bills", record_id, values)


def fresh(position: int, amount: str) -> EntityRow:
    return EntityRow(
        "bills",
        {"position": position, "vendor": "CFE", "amount": amount, "currency": "MXN",
         "due_local": "2026-12-28", "tz": "UTC", "language": "es"},
    )  # fmt: skip


def test_only_what_differs_is_changed() -> None:
    old = {"title": "Llamar", "due_local": "2026-12-20T10:00", "tags": "[]", "priority": None}
    new = {"title": "Llamar", "due_local": "2026-12-21T10:00", "tags": "[]", "priority": None}
    assert change_body("tasks", old, new) == {"due": "2026-12-21T10:00"}


def test_an_untitled_event_keeps_its_title() -> None:
    assert change_body("calendar_events", {"title": "Cena"}, {"title": ""}) == {}


def test_bills_are_added_updated_and_removed_by_position() -> None:
    stored = [bill(1, 0, "890.00"), bill(2, 1, "320.00")]
    plan = plan_follow(stored, [fresh(0, "950.00"), fresh(2, "150.00")])
    assert plan.updates == [(1, {"amount": "950.00"})]
    assert [r.values["position"] for r in plan.added] == [2]
    assert plan.removed == [2]


def test_a_bill_an_edit_removed_comes_back_pending() -> None:
    stored = [bill(1, 0, "890.00"), bill(2, 1, "320.00", status="cancelled")]
    plan = plan_follow(stored, [fresh(0, "890.00"), fresh(1, "320.00")])
    assert plan.updates == [(2, {"status": "pending"})]
    assert plan.added == [] and plan.removed == []


def test_untouched_is_created_or_last_changed_by_an_edit() -> None:
    record = bill(1, 0, "890.00")
    assert record.untouched
    changed: dict[str, Any] = {**record.values, "updated_at": 5.0}
    assert not StoredRecord("bills", 1, changed).untouched
    assert StoredRecord("bills", 1, changed, last_edit_at=5.0).untouched
    paid = {**record.values, "status": "paid"}
    assert not StoredRecord("bills", 1, paid).untouched


@given(st.lists(st.decimals("1", "9999", places=2).map(str), min_size=1, max_size=5),
       st.lists(st.decimals("1", "9999", places=2).map(str), max_size=5))  # fmt: skip
def test_following_twice_changes_nothing_the_second_time(old: list[str], new: list[str]) -> None:
    stored = [bill(i + 1, i, amount) for i, amount in enumerate(old)]
    rows = [fresh(i, amount) for i, amount in enumerate(new)]
    plan = plan_follow(stored, rows)
    touched = {rid for rid, _ in plan.updates} | set(plan.removed)
    assert len(touched) == len(plan.updates) + len(plan.removed)
    assert len(plan.added) == max(0, len(new) - len(old))
    # apply the plan to the stored values, then follow the same text again: no change
    after = []
    for r in stored:
        values = dict(r.values)
        for rid, body in plan.updates:
            if rid == r.id:
                values.update({"amount": body.get("amount", values["amount"])})
        if r.id in plan.removed:
            values["status"] = "cancelled"
        after.append(StoredRecord("bills", r.id, values))
    for i, row in enumerate(plan.added):
        after.append(
            StoredRecord(
                "bills",
                100 + i,
                {**row.values, "status": "pending", "created_at": 1.0, "updated_at": 1.0},
            )
        )
    assert not plan_follow(after, rows).changes_anything
