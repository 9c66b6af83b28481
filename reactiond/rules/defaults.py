"""The rules a fresh install starts with: one emoji per kind of record."""

from __future__ import annotations

from reactiond.rules.model import HIGH_PRIORITY, Conditions, Rule, RuleConfig


def default_rules() -> list[Rule]:
    return [
        Rule(name="task", triggers=("✅",), action="create_task"),
        Rule(name="calendar", triggers=("📅",), action="create_calendar_event"),
        Rule(
            name="bill", triggers=("💳",), action="create_bill", config=RuleConfig(reminders=True)
        ),
        Rule(name="note", triggers=("📝",), action="create_note"),
        Rule(
            name="urgent task",
            triggers=("🔴",),
            action="create_task",
            config=RuleConfig(priority="high", tags=("urgent",)),
            conditions=Conditions(),
            priority=HIGH_PRIORITY,
        ),
    ]
