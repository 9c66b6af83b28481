"""What reactiond says back in WhatsApp, in es, en, pt and fr: pure functions, no I/O."""

from reactiond.replies.answer import answer
from reactiond.replies.formatting import LOCALES, locale_for
from reactiond.replies.texts import (
    bill_label,
    bill_reminder,
    cancelled,
    cannot_see_message,
    confirmation,
    event_reminder,
    example,
    parse_help,
    summary,
    task_reminder,
)
from reactiond.replies.unread import dropped_dates, dropped_phrases

__all__ = [
    "LOCALES",
    "answer",
    "bill_label",
    "bill_reminder",
    "cancelled",
    "cannot_see_message",
    "confirmation",
    "dropped_dates",
    "dropped_phrases",
    "event_reminder",
    "example",
    "locale_for",
    "parse_help",
    "summary",
    "task_reminder",
]
