"""Actions: parsed data + a rule's defaults → the rows of the records to create."""

from __future__ import annotations

from reactiond.actions.base import EntityRow
from reactiond.actions.bill import bill_rows
from reactiond.actions.calendar import event_rows
from reactiond.actions.note import note_rows
from reactiond.actions.task import task_rows
from reactiond.nlp.result import BillData, CalendarData, NoteData, ParseResult, TaskData
from reactiond.rules.model import Rule


class ActionMismatch(Exception):
    """The parser returned data this rule's action cannot use (a programming error)."""


def entity_rows(rule: Rule, result: ParseResult, *, text: str, tz: str) -> list[EntityRow]:
    """The records this rule creates from a successful parse (empty on failure)."""
    data = result.data
    if not result.success or data is None:
        return []
    lang = result.language
    if rule.action == "create_task" and isinstance(data, TaskData):
        return task_rows(data, rule.config, tz=tz, language=lang)
    if rule.action == "create_calendar_event" and isinstance(data, CalendarData):
        return event_rows(data, rule.config, tz=tz, language=lang)
    if rule.action == "create_bill" and isinstance(data, BillData):
        return bill_rows(data, rule.config, tz=tz, language=lang)
    if rule.action == "create_note" and isinstance(data, NoteData):
        return note_rows(data, rule.config, text=text, language=lang)
    raise ActionMismatch(f"{rule.action} cannot use {type(data).__name__}")


__all__ = ["ActionMismatch", "EntityRow", "entity_rows"]
