"""Calendar feeds: a secret URL per feed (`/feeds/<token>.ics`) that calendar apps poll.

Only the token's SHA-256 is stored; the token itself is shown once, when the feed is
created or rotated (rotating is also how to get a URL again: the old one stops working).
A feed may be narrowed to one reactor and one kind. Revoking is immediate.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

from reactiond.exports.selection import CalendarSelection, parse_calendar_filters
from reactiond.records.errors import InvalidChange, RecordNotFound
from reactiond.records.kinds import RecordKind
from reactiond.records.model import iso_utc
from reactiond.store import feeds_repo
from reactiond.store.interface import Row, Transaction

TOKEN_PREFIX = "rdf_"
WINDOW_DAYS = "window_days"  # in a feed's filter: its own window, days back


@dataclass(frozen=True)
class Feed:
    id: int
    name: str
    filter: dict[str, str]
    created_at: float
    revoked_at: float | None

    @property
    def selection(self) -> CalendarSelection:
        return parse_calendar_filters({k: v for k, v in self.filter.items() if k != WINDOW_DAYS})

    @property
    def window_days(self) -> int | None:
        """The feed's own window (days back; 0: every record), or None: the setting's."""
        raw = self.filter.get(WINDOW_DAYS)
        return int(raw) if raw is not None and raw.isdigit() else None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "filter": self.filter,
            "created_at": iso_utc(self.created_at),
            "revoked_at": iso_utc(self.revoked_at),
        }


@dataclass(frozen=True)
class IssuedFeed:
    """A feed with its token: exists only in the answer to create and rotate."""

    feed: Feed
    token: str

    def url(self, base_url: str) -> str:
        return f"{base_url.rstrip('/')}/feeds/{self.token}.ics"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def _feed(row: Row) -> Feed:
    return Feed(
        id=int(row["id"]),
        name=str(row["name"]),
        filter=json.loads(row["filter"]),
        created_at=float(row["created_at"]),
        revoked_at=row["revoked_at"],
    )


def feed_filter(
    reactor: str | None, kind: str | None, window_days: int | None = None
) -> dict[str, str]:
    """The stored filter, checked with the calendar export's own rules."""
    raw = {k: v for k, v in (("reactor", reactor), ("kind", kind)) if v}
    selection = parse_calendar_filters(raw)
    out: dict[str, str] = {}
    if selection.reactor:
        out["reactor"] = selection.reactor
    if len(selection.kinds) == 1:
        out["kind"] = RecordKind(selection.kinds[0]).value
    if window_days is not None:
        if window_days < 0:
            raise InvalidChange(
                f"a window of {window_days} days is not one",
                "give the days back the feed shows, e.g. 90, or 0 for every record",
            )
        out[WINDOW_DAYS] = str(window_days)
    return out


def create_feed(tx: Transaction, name: str, filter_: dict[str, str], now: float) -> IssuedFeed:
    if not name.strip():
        raise InvalidChange("a feed needs a name", "name it after who subscribes, e.g. 'Ana'")
    token = new_token()
    row = feeds_repo.insert_feed(
        tx, token_hash(token), name.strip(), json.dumps(filter_, sort_keys=True), now
    )
    return IssuedFeed(_feed(row), token)


def list_feeds(tx: Transaction) -> list[Feed]:
    return [_feed(r) for r in feeds_repo.list_feeds(tx)]


def no_feed(feed_id: int | str) -> RecordNotFound:
    return RecordNotFound(f"no feed {feed_id}", "`reactiond feeds list` shows the ids")


def _live(tx: Transaction, feed_id: int) -> Row:
    row = feeds_repo.feed_by_id(tx, feed_id)
    if row is None:
        raise no_feed(feed_id)
    if row["revoked_at"] is not None:
        raise InvalidChange(f"feed {feed_id} is revoked", "create a new one")
    return row


def rotate_feed(tx: Transaction, feed_id: int) -> IssuedFeed:
    """A new token for the feed; the old URL stops working at once."""
    _live(tx, feed_id)
    token = new_token()
    row = feeds_repo.set_feed_token(tx, feed_id, token_hash(token))
    assert row is not None
    return IssuedFeed(_feed(row), token)


def revoke_feed(tx: Transaction, feed_id: int, now: float) -> Feed:
    _live(tx, feed_id)
    row = feeds_repo.revoke_feed(tx, feed_id, now)
    assert row is not None
    return _feed(row)


def feed_for_token(tx: Transaction, token: str) -> Feed | None:
    """The live feed a URL's token opens, or None (unknown or revoked: told apart to no one)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = feeds_repo.live_feed_by_token(tx, token_hash(token))
    return _feed(row) if row is not None else None
