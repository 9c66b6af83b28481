"""Time zone names as people type them. IANA names are case-sensitive ("Europe/Madrid"),
and "europe/madrid" is what a phone keyboard or a quick note gives: it names the same
zone, so it is taken, spelt as the database spells it."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones


@cache
def _by_folded() -> dict[str, str]:
    # read once per process, when the first zone is typed (it lists the tz database)
    return {name.casefold(): name for name in available_timezones()}


def canonical_zone(name: str) -> str:
    """`name` spelt as the IANA database spells it when it names a zone whatever its case;
    otherwise `name` without its surrounding spaces, for the caller to refuse as before."""
    text = name.strip()
    return _by_folded().get(text.casefold(), text)
