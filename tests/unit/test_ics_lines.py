"""The calendar's content lines, written without icalendar's object model, read back
with icalendar: any title (commas, semicolons, backslashes, newlines, any script, any
length) comes back as it was, and no line is longer than 75 octets (RFC 5545 §3.1)."""

from __future__ import annotations

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from reactiond.exports.icsfile import CALENDAR_TAIL, calendar_head, line, text

TITLES = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(',;\\\n:"é😀'),
    min_size=1,
    max_size=300,
)


@given(TITLES)
def test_a_summary_reads_back_as_it_was_written(title: str) -> None:
    body = (
        calendar_head("Cal, with; odd\\ name", ["America/Mexico_City"])
        + b"BEGIN:VEVENT\r\n"
        + line("UID", "event-1@reactiond")
        + line("SUMMARY", text(title))
        + line("DTSTART;VALUE=DATE", "20260115")
        + line("DTSTAMP", "20260101T000000Z")
        + b"END:VEVENT\r\n"
        + CALENDAR_TAIL
    )
    assert all(len(raw) <= 75 for raw in body.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(body)
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == title.replace("\r\n", "\n").replace("\r", "\n")
    assert str(cal["X-WR-CALNAME"]) == "Cal, with; odd\\ name"


def test_control_characters_no_line_may_hold_are_dropped() -> None:
    assert text("a\x00b\x1bc\td") == "abc\td"
