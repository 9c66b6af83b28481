"""Records shown in the reader's zone: the `?tz=` of the records API and the CLI's `--tz`.

A record keeps its own zone (`tz`, the author's); a reader elsewhere may ask to see its
times on their own wall clock. Due dates and starts with a time, and the instants
(`created_at`, `updated_at`, `done_at`, `paid_at`), are shown as aware date-times in the
reader's zone; a due date without a time is a day, and stays that day.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reactiond.records.errors import InvalidFilter

# The query parameter that names the reader's zone (`?tz=Europe/Madrid`).
READER_ZONE = "tz"
# Aware values of a record's JSON form that name a moment.
TIME_FIELDS = ("due", "start", "created_at", "updated_at", "done_at", "paid_at")
ZONE_HINT = "use an IANA name such as America/Mexico_City or Europe/Madrid"


def reader_zone(name: str | None) -> ZoneInfo | None:
    """The zone named by an IANA name; None when none was asked for. Raises
    `InvalidFilter` (HTTP 400, one CLI line) for anything else."""
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    # ValueError: not a relative key ("", "/etc/…", "../…", NUL); OSError: a name the
    # file system refuses (too long).
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise InvalidFilter(f"unknown time zone {name[:64]!r}", ZONE_HINT) from exc


def in_zone(item: dict[str, Any], zone: ZoneInfo | None) -> dict[str, Any]:
    """A record's JSON form with its times on the reader's wall clock (in place)."""
    if zone is None:
        return item
    for key in TIME_FIELDS:
        value = item.get(key)
        if isinstance(value, str) and "T" in value:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:  # a naive value has no instant to move
                # A date at the calendar's edge, stored before reactiond.date_range, is
                # shown in its own zone rather than failing the whole list.
                with suppress(OverflowError):
                    item[key] = moment.astimezone(zone).isoformat()
    return item
