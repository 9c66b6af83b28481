from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from reactiond.engine.reminders import (
    Remindable,
    ReminderConfig,
    plan_reminders,
    still_useful,
)

MX = "America/Mexico_City"
CONFIG = ReminderConfig(bill_days_before=3, morning_hour=9, lead_minutes=30)


def at(year: int, month: int, day: int, hour: int, minute: int, *, tz: str = MX) -> float:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz)).timestamp()


NOW = at(2026, 11, 25, 12, 0)


def test_a_bill_is_reminded_days_before_and_on_the_day_at_a_morning_hour() -> None:
    bill = Remindable("bill", 1, date(2026, 12, 15), MX)
    planned = plan_reminders(bill, CONFIG, NOW)
    assert [(r.purpose, r.at) for r in planned] == [
        ("bill_before", at(2026, 12, 12, 9, 0)),
        ("bill_due", at(2026, 12, 15, 9, 0)),
    ]


def test_the_morning_hour_is_in_the_bills_own_zone() -> None:
    bill = Remindable("bill", 1, date(2026, 12, 15), "America/Sao_Paulo")
    [_, due] = plan_reminders(bill, CONFIG, NOW)
    assert due.at == at(2026, 12, 15, 9, 0, tz="America/Sao_Paulo")


def test_a_bill_with_reminders_off_gets_none() -> None:
    assert (
        plan_reminders(Remindable("bill", 1, date(2026, 12, 15), MX, enabled=False), CONFIG, NOW)
        == []
    )


def test_a_bill_due_tomorrow_only_gets_the_due_day_reminder() -> None:
    planned = plan_reminders(Remindable("bill", 1, date(2026, 11, 26), MX), CONFIG, NOW)
    assert [r.purpose for r in planned] == ["bill_due"]


def test_a_task_with_a_due_time_is_reminded_the_lead_time_before() -> None:
    task = Remindable("task", 2, datetime(2026, 11, 25, 18, 0), MX)
    [reminder] = plan_reminders(task, CONFIG, NOW)
    assert reminder.purpose == "task_due" and reminder.at == at(2026, 11, 25, 17, 30)


def test_a_task_due_on_a_day_without_a_time_gets_no_reminder() -> None:
    assert plan_reminders(Remindable("task", 2, date(2026, 11, 27), MX), CONFIG, NOW) == []


def test_an_event_is_reminded_the_lead_time_before_it_starts() -> None:
    event = Remindable("event", 3, datetime(2026, 11, 26, 15, 0), MX)
    [reminder] = plan_reminders(event, CONFIG, NOW)
    assert reminder.at == at(2026, 11, 26, 14, 30)


def test_an_all_day_event_is_reminded_on_its_morning() -> None:
    [reminder] = plan_reminders(Remindable("event", 3, date(2026, 11, 28), MX), CONFIG, NOW)
    assert reminder.at == at(2026, 11, 28, 9, 0)


def test_moments_already_past_are_not_planned() -> None:
    task = Remindable("task", 2, datetime(2026, 11, 25, 12, 10), MX)  # lead time already gone
    assert plan_reminders(task, CONFIG, NOW) == []


def test_dedupe_keys_differ_per_record_purpose_and_moment() -> None:
    planned = plan_reminders(Remindable("bill", 1, date(2026, 12, 15), MX), CONFIG, NOW)
    keys = {r.dedupe_key for r in planned}
    assert len(keys) == 2 and all(k.startswith("reminder:bill:1:") for k in keys)


def test_a_late_task_reminder_is_still_useful_before_the_task_is_due() -> None:
    due = datetime(2026, 11, 25, 18, 0)
    assert still_useful("task_due", due, MX, at(2026, 11, 25, 17, 50), CONFIG)
    assert not still_useful("task_due", due, MX, at(2026, 11, 25, 18, 1), CONFIG)


def test_a_bill_reminder_is_useless_once_the_bill_is_past_due() -> None:
    due = date(2026, 12, 15)
    assert still_useful("bill_due", due, MX, at(2026, 12, 15, 20, 0), CONFIG)
    assert not still_useful("bill_due", due, MX, at(2026, 12, 16, 0, 1), CONFIG)


def test_a_days_before_reminder_that_fires_on_the_due_day_gives_way() -> None:
    due = date(2026, 12, 15)
    assert still_useful("bill_before", due, MX, at(2026, 12, 14, 10, 0), CONFIG)
    assert not still_useful("bill_before", due, MX, at(2026, 12, 15, 9, 30), CONFIG)
