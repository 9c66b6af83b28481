"""What the driver or the server said, for a person: the first line of an error, and how a
PostgreSQL URL is written. Light on purpose: doctor and the CLI's copy and backup import it
without the store's pool."""

from __future__ import annotations

URL_FORM = (
    "write it as postgresql://user:password@host:port/database, with a password that holds"
    " @ / : or # percent-encoded (%40 %2F %3A %23)"
)


def first_line(exc: BaseException) -> str:
    """The first line of a driver error: what the server or libpq said."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
