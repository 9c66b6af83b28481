"""The web pages' sessions, as every web process of one database sees them (issue 18).

Several `reactiond run --role web` processes on one PostgreSQL database (behind a load
balancer), or one SQLite daemon started again, must agree on three things that one
process's memory cannot hold:

- which sessions were logged out (`end_session`, `session_ended`): a logout on one
  process ends the cookie on every one, and after a restart;
- how many wrong tokens an address posted to the login form (`count_wrong_login`,
  `login_tries`): a guesser gets LOGIN_TRIES per window, not that many per process;
- the house's signing key (`web_key`, `offer_web_key`): one per database, made by the
  first process to ask, so that a login form or an open-mode cookie one process signed
  reads on every other.

What to decide from the rows (is the address blocked, is the cookie good) is the pages'
(`web/pages/session.py`), as plain values. Expired rows go on write: a logout forgets
the sessions whose cookies expired, a wrong login the windows that passed, each through
an index on its time.
"""

from __future__ import annotations

from dataclasses import dataclass

from reactiond.store.interface import Row, Transaction
from reactiond.store.queries import query


@dataclass(frozen=True)
class LoginTries:
    """Wrong tokens from one address in its current window, which began at `first_at`."""

    address: str
    first_at: float
    tries: int


def session_ended(tx: Transaction, nonce: str) -> bool:
    return tx.execute_one(query("web_sessions", "session_ended"), {"nonce": nonce}) is not None


def end_session(tx: Transaction, nonce: str, expires_at: int, now: float) -> None:
    """The session `nonce` is over, everywhere, until its cookie expires (`expires_at`);
    the ended sessions whose cookies expired by `now` are forgotten."""
    tx.execute(query("web_sessions", "forget_expired_sessions"), {"now": now})
    tx.execute(
        query("web_sessions", "end_session"), {"nonce": nonce, "expires_at": int(expires_at)}
    )


def login_tries(tx: Transaction, address: str) -> LoginTries | None:
    row = tx.execute_one(query("web_sessions", "login_tries"), {"address": address})
    return None if row is None else _tries(row)


def count_wrong_login(tx: Transaction, address: str, now: float, window: float) -> LoginTries:
    """One more wrong token from `address`, in a window of `window` seconds that begins
    with the first wrong one; windows that passed are forgotten."""
    stale = now - window
    tx.execute(query("web_sessions", "forget_old_login_tries"), {"stale": stale})
    row = tx.execute_one(
        query("web_sessions", "count_wrong_login"),
        {"address": address, "now": now, "stale": stale},
    )
    assert row is not None  # an upsert with RETURNING always gives its row
    return _tries(row)


def _tries(row: Row) -> LoginTries:
    return LoginTries(str(row["address"]), float(row["first_at"]), int(row["tries"]))


def web_key(tx: Transaction, name: str) -> str | None:
    """The house's key `name` (hex), or None before a process made it."""
    row = tx.execute_one(query("web_sessions", "web_key"), {"name": name})
    return None if row is None else str(row["secret"])


def offer_web_key(tx: Transaction, name: str, secret: str, now: float) -> str:
    """Make the key `name` with `secret` unless a process made it first; the key that
    holds either way. Processes starting at once each offer theirs: one wins, every one
    reads it back."""
    tx.execute(query("web_sessions", "offer_web_key"), {"name": name, "secret": secret, "now": now})
    found = web_key(tx, name)
    assert found is not None  # just written, or there before
    return found
