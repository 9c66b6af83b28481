"""Parsed data + a rule's defaults → the rows to store (pure)."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from reactiond.actions import entity_rows
from reactiond.nlp.result import (
    BillData,
    BillItem,
    CalendarData,
    NoteData,
    ParseResult,
    TaskData,
)
from reactiond.rules.model import Rule

TZ = "America/Mexico_City"


def rule(action: str, **config: object) -> Rule:
    return Rule.model_validate(
        {"name": "r", "triggers": ["✅"], "action": action, "config": config}
    )


def ok(parser: str, data: object) -> ParseResult:
    return ParseResult(parser, True, "es", data, 0.9)  # type: ignore[arg-type]


def test_task_due_time_becomes_an_instant_in_the_authors_zone() -> None:
    [row] = entity_rows(
        rule("create_task"), ok("task", TaskData("x", datetime(2025, 1, 15, 10))), text="", tz=TZ
    )
    assert row.values["due_local"] == "2025-01-15T10:00"
    assert row.values["due_at"] == datetime(2025, 1, 15, 10, tzinfo=ZoneInfo(TZ)).timestamp()


def test_task_due_date_alone_has_no_instant() -> None:
    [row] = entity_rows(
        rule("create_task"), ok("task", TaskData("x", date(2025, 1, 15))), text="", tz=TZ
    )
    assert (row.values["due_local"], row.values["due_at"]) == ("2025-01-15", None)


def test_rule_priority_fills_a_gap_and_high_is_never_downgraded() -> None:
    low = ok("task", TaskData("x", priority="low"))
    none = ok("task", TaskData("x"))
    assert (
        entity_rows(rule("create_task", priority="medium"), none, text="", tz=TZ)[0].values[
            "priority"
        ]
        == "medium"
    )
    assert (
        entity_rows(rule("create_task", priority="medium"), low, text="", tz=TZ)[0].values[
            "priority"
        ]
        == "low"
    )
    assert (
        entity_rows(rule("create_task", priority="high"), low, text="", tz=TZ)[0].values["priority"]
        == "high"
    )


def test_rule_tags_come_first_without_duplicates() -> None:
    data = ok("task", TaskData("x", tags=("casa", "urgent")))
    [row] = entity_rows(rule("create_task", tags=["urgent"]), data, text="", tz=TZ)
    assert json.loads(row.values["tags"]) == ["urgent", "casa"]


def test_event_on_a_date_is_all_day_without_default_duration() -> None:
    data = ok("calendar", CalendarData("Cumple", date(2025, 1, 20)))
    [row] = entity_rows(rule("create_calendar_event", duration_minutes=30), data, text="", tz=TZ)
    assert (row.values["all_day"], row.values["start_at"], row.values["duration_minutes"]) == (
        1,
        None,
        None,
    )


def test_timed_event_takes_the_rules_duration() -> None:
    data = ok("calendar", CalendarData("Junta", datetime(2025, 1, 20, 9)))
    [row] = entity_rows(rule("create_calendar_event", duration_minutes=30), data, text="", tz=TZ)
    assert (row.values["all_day"], row.values["duration_minutes"]) == (0, 30)


def test_each_bill_item_is_its_own_row_in_order() -> None:
    items = (BillItem("Luz", Decimal("890"), "MXN"), BillItem("Agua", Decimal("320.5"), "MXN"))
    rows = entity_rows(rule("create_bill"), ok("bill", BillData(items)), text="", tz=TZ)
    assert [(r.values["position"], r.values["amount"]) for r in rows] == [
        (0, "890.00"),
        (1, "320.50"),
    ]


def test_note_keeps_the_whole_message() -> None:
    [row] = entity_rows(
        rule("create_note"), ok("note", NoteData("Idea")), text="Idea: mango", tz=TZ
    )
    assert (row.values["title"], row.values["body"]) == ("Idea", "Idea: mango")


def test_failed_parse_creates_nothing() -> None:
    failed = ParseResult("bill", False, "es", None, 0.0, "no_amount")
    assert entity_rows(rule("create_bill"), failed, text="hola", tz=TZ) == []


def test_an_untitled_event_is_stored_with_an_empty_title() -> None:
    data = ok("calendar", CalendarData(None, datetime(2025, 1, 20, 10)))
    [row] = entity_rows(rule("create_calendar_event"), data, text="mañana a las 10", tz=TZ)
    assert row.values["title"] == ""
