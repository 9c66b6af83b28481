"""The `feeds` table: calendar subscription URLs, stored by their token's hash.

`reactiond/exports/feeds.py` issues the tokens and decides what a feed shows.
"""

from __future__ import annotations

from reactiond.store.interface import Row, Transaction
from reactiond.store.queries import query


def _q(name: str) -> str:
    return query("feeds", name)


def insert_feed(tx: Transaction, token_hash: str, name: str, filter_json: str, now: float) -> Row:
    row = tx.execute_one(
        _q("insert_feed"),
        {"token_hash": token_hash, "name": name, "filter": filter_json, "now": now},
    )
    assert row is not None  # RETURNING always gives the inserted row
    return row


def list_feeds(tx: Transaction) -> list[Row]:
    return tx.execute(_q("list_feeds"))


def feed_by_id(tx: Transaction, feed_id: int) -> Row | None:
    return tx.execute_one(_q("feed_by_id"), {"id": feed_id})


def set_feed_token(tx: Transaction, feed_id: int, token_hash: str) -> Row | None:
    return tx.execute_one(_q("set_feed_token"), {"id": feed_id, "token_hash": token_hash})


def revoke_feed(tx: Transaction, feed_id: int, now: float) -> Row | None:
    return tx.execute_one(_q("revoke_feed"), {"id": feed_id, "now": now})


def live_feed_by_token(tx: Transaction, token_hash: str) -> Row | None:
    return tx.execute_one(_q("live_feed_by_token"), {"token_hash": token_hash})
