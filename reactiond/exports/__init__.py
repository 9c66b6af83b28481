"""Records out of reactiond: CSV for spreadsheets, iCalendar for calendar apps. Pure:
records in, bytes out; the web layer and the CLI fetch the records."""
