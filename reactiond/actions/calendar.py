"""create_calendar_event: an event; a date without a time is an all-day event."""

from __future__ import annotations

import json
from datetime import datetime

from reactiond.actions.base import EntityRow, instant, local_text
from reactiond.nlp.result import CalendarData
from reactiond.rules.model import RuleConfig


def event_rows(
    data: CalendarData, config: RuleConfig, *, tz: str, language: str
) -> list[EntityRow]:
    timed = isinstance(data.start, datetime)
    return [
        EntityRow(
            "calendar_events",
            {
                # The column is NOT NULL: an untitled event ("mañana a las 10") is stored
                # as "", and read back as None (engine/reminders.py).
                "title": data.title or "",
                "start_local": local_text(data.start),
                "start_at": instant(data.start, tz),
                "all_day": int(not timed),
                "tz": tz,
                "duration_minutes": data.duration_minutes
                or (config.duration_minutes if timed else None),
                "location": data.location,
                "platform": data.platform,
                "attendees": json.dumps(list(data.attendees), ensure_ascii=False),
                "recurrence": data.recurrence,
                "language": language,
            },
        )
    ]
