"""The records a reaction creates (tasks, calendar events, bills, notes): listing with
filters, sorting and cursor pages, reading one, changing one. The CLI and the JSON API
both call these functions."""
