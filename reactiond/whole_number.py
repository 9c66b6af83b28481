"""A whole number written in a URL, a form or a cookie: ids, limits, expiry times.

`int()` is the wrong reader for them: it takes other scripts' digits and " 5" and "1_0",
and `str.isdigit()` passes "²" and "①", which `int()` then refuses with a ValueError;
past 4,300 digits `int()` refuses any text (CPython's guard against quadratic
conversion). Each of those, met in a path such as `/api/tasks/<5,000 nines>`, was a 500.
"""

from __future__ import annotations

MAX_ID = 2**63 - 1  # SQLite's and PostgreSQL's ids are signed 64-bit
_MAX_DIGITS = len(str(MAX_ID))


def whole_number(text: str | None, most: int = MAX_ID) -> int | None:
    """`text` as a number from 0 to `most` written in ASCII digits only, else None."""
    if not text or len(text) > _MAX_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= most else None
