"""Done by reaction (issue 20 §3): what an emoji put on one of reactiond's own messages (a
confirmation, a reminder) means for the record it announced. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from reactiond.rules.emoji import normalise_emoji

Tick = Literal["done", "cancel", "undo", "none"]

# Not 👍: people thumb a confirmation up to say "got it", not "done".
DONE_EMOJI = frozenset({"✅", "✔", "☑", "💸", "💰"})
CANCEL_EMOJI = frozenset({"❌", "✖", "🚫"})
# The status a record goes to when done, per table; events and notes have no "done".
DONE_STATUS = {"tasks": "done", "bills": "paid"}
OPEN_STATUS = {
    "tasks": "open",
    "bills": "pending",
    "calendar_events": "scheduled",
    "notes": "active",
}


def tick_of(emoji: str, rule_triggers: Iterable[str] = ()) -> Tick:
    """✅ (or the rule's own emoji) marks done, ❌ cancels, a removed reaction undoes."""
    e = normalise_emoji(emoji)
    if not e:
        return "undo"
    if e in DONE_EMOJI or e in {normalise_emoji(t) for t in rule_triggers}:
        return "done"
    if e in CANCEL_EMOJI:
        return "cancel"
    return "none"


def new_status(table: str, status: str, tick: Tick) -> str | None:
    """The record's status after `tick`, or None when the tick changes nothing (a done
    task ticked again, a note ticked done)."""
    if status != OPEN_STATUS.get(table):
        return None
    if tick == "done":
        return DONE_STATUS.get(table)
    if tick == "cancel":
        return "cancelled"
    return None
