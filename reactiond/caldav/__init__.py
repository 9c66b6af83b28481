"""CalDAV push (issue 22): records go to the calendars people already look at.

`targets` (which calendars, for whom, which kinds), `components` (a record as one
iCalendar object, with the ICS export's UID), `client` (the requests, through the `caldav`
library, and what their failures mean), `push` (the job that makes the server's copy match
the record), `checks` (what `doctor` and `calendars test` say).
"""
