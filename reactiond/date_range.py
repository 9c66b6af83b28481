"""The dates reactiond accepts: from 1900-01-01 to 2999-12-31.

Python's `datetime` stops at year 9999 and starts at year 1, and a record is more than its
date: a reminder the day before, an end time an hour (or 31 days) after, a conversion to
a reader's zone up to 14 hours away (Pacific/Kiritimati). A record due 9999-12-31T23:30
overflowed in each of those and made every calendar export and feed answer 500. Keeping
dates inside these bounds leaves room on both sides for all of it.

Everywhere a date comes in (a parsed message, a PATCH, a query filter, a message's
timestamp) it is checked against this range; outside it is refused with `RANGE_TEXT`.
Pure.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
RANGE_TEXT = f"dates from {EARLIEST.isoformat()} to {LATEST.isoformat()}"
# The same bounds as Unix seconds (UTC), for timestamps carried by messages.
EARLIEST_SECONDS = datetime(EARLIEST.year, 1, 1, tzinfo=UTC).timestamp()
LATEST_SECONDS = datetime(LATEST.year + 1, 1, 1, tzinfo=UTC).timestamp()


def in_range(value: date | datetime) -> bool:
    """Whether a local date or date-time lies within the accepted range."""
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST <= day <= LATEST


def seconds_in_range(seconds: float) -> bool:
    return EARLIEST_SECONDS <= seconds < LATEST_SECONDS
