"""The `feeds` table: calendar subscription URLs, stored by their token's hash; and the
`calendar_components` table: each record's rendered component, by version (issue 17).

`reactiond/exports/feeds.py` issues the tokens and decides what a feed shows.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class RenderedComponent:
    """One record's calendar component as rendered from one version of it."""

    record_table: str
    record_id: int
    version: float
    renderer: str
    body: bytes


def save_components(tx: Transaction, rendered: list[RenderedComponent]) -> None:
    """Keep rendered components for the next calendar or feed (one row per record)."""
    sql = _q("save_component")
    for c in rendered:
        tx.execute(
            sql,
            {
                "record_table": c.record_table,
                "record_id": c.record_id,
                "version": c.version,
                "renderer": c.renderer,
                "body": c.body,
            },
        )
