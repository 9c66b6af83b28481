"""What the driver or the server said, for a person: the first line of an error, and how a
PostgreSQL URL is written. Light on purpose: doctor and the CLI's copy and backup import it
without the store's pool."""

from __future__ import annotations

import re

import psycopg
from psycopg.conninfo import conninfo_to_dict

URL_FORM = (
    "write it as postgresql://user:password@host:port/database, with a password that holds"
    " @ / : or # percent-encoded (%40 %2F %3A %23)"
)


def first_line(exc: BaseException) -> str:
    """The first line of a driver error: what the server or libpq said."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# What libpq and the server say when the server answered but would not let the URL in.
# At connect there is no SQLSTATE to go by (libpq's message is all), and the server's words
# are English unless its lc_messages says otherwise: then the caller's general advice stands.
_MISSING_DATABASE = re.compile(r'database "([^"]+)" does not exist')
_LOGIN_REFUSED = re.compile(
    r"password authentication failed|no password supplied|authentication failed for user"
    r'|no pg_hba\.conf entry|is not permitted to log in|role "[^"]+" does not exist'
)


def refused(exc: BaseException, url: str, url_name: str) -> tuple[str, str] | None:
    """(what happened, what to do) when PostgreSQL answered but refused this URL's user, or
    has no such database; None for anything else (a server down, an unknown host). The
    advice names `url_name`, where the URL came from (REACTIOND_DATABASE_URL, the --to
    URL): the fix is in it, not in the server."""
    said = first_line(exc)
    missing = _MISSING_DATABASE.search(said)
    if missing:
        try:
            user = conninfo_to_dict(url).get("user") or "reactiond"
        except psycopg.ProgrammingError:  # libpq read the URL already; this is only advice
            user = "reactiond"
        name = missing.group(1)
        return (
            f'PostgreSQL has no database "{name}"',
            f"create it (sudo -u postgres createdb --owner {user} {name}) or fix the database"
            f" name in {url_name}",
        )
    if _LOGIN_REFUSED.search(said):
        return (
            f"PostgreSQL refused the login ({said})",
            f"check the user name and password in {url_name}",
        )
    return None
