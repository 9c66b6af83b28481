"""Rules in the `rules` table, as rows. Read fresh on every reaction: a change applies to
the next one, with no restart and no cache to go stale.

The store keeps rules and knows nothing of what they mean: parsing a row into a `Rule`,
checking names and conflicts, matching a reaction and seeding the default rules happen in
`reactiond/engine/rule_book.py`, over these functions, in the caller's transaction (so a
check and the write it guards still commit together).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reactiond.store.interface import Params, Row, Transaction
from reactiond.store.queries import query


class RuleNotFound(Exception):
    def __init__(self, ref: str) -> None:
        self.ref = ref
        super().__init__(f"no rule {ref!r}; `reactiond rules list` shows names and ids")


def _q(name: str) -> str:
    return query("rules", name)


def rule_rows(tx: Transaction) -> list[Row]:
    return tx.execute(_q("list_rule_rows"))


def rule_row(tx: Transaction, ref: str | int) -> Row:
    """By id (a number) or by name; `RuleNotFound` otherwise."""
    text = str(ref).strip()
    if text.isascii() and text.isdigit() and len(text) <= 18:
        row = tx.execute_one(_q("rule_row_by_id"), {"id": int(text)})
    else:
        row = tx.execute_one(_q("rule_row_by_name"), {"name": text})
    if row is None:
        raise RuleNotFound(text)
    return row


def insert_rule(tx: Transaction, columns: Mapping[str, Any], now: float) -> Row:
    """`columns`: name, triggers, action, parser, config, conditions, priority, enabled,
    as stored (JSON text, 0/1)."""
    row = tx.execute_one(_q("insert_rule"), {**columns, "now": now})
    assert row is not None  # RETURNING always gives the inserted row
    return row


def update_rule(tx: Transaction, rule_id: int, columns: Mapping[str, Any], now: float) -> Row:
    row = tx.execute_one(_q("update_rule"), {**columns, "id": rule_id, "now": now})
    if row is None:
        raise RuleNotFound(str(rule_id))
    return row


def delete_rule(tx: Transaction, rule_id: int) -> None:
    tx.execute(_q("delete_rule"), {"id": rule_id})


def has_rules(tx: Transaction) -> bool:
    return tx.execute_one(_q("any_rule")) is not None


def enabled_rule_rows_naming(tx: Transaction, emoji: str) -> list[Row]:
    """The enabled rules whose triggers mention `emoji` (a superset of those it fires)."""
    return tx.execute(*enabled_rules_naming_read(emoji))


def enabled_rules_naming_read(emoji: str) -> tuple[str, Params]:
    """`enabled_rule_rows_naming` as a statement for a batch."""
    return _q("enabled_rules_naming"), {"pattern": f"%{emoji}%"}


def lock_for_seeding(tx: Transaction) -> None:
    """Until the transaction ends, no other process seeds the default rules (PostgreSQL:
    several processes may start at once on an empty database)."""
    tx.execute_one(_q("lock_rules_seeding"))


def state(tx: Transaction, key: str) -> str | None:
    """A value of the small key/value table of things done once (e.g. default rules)."""
    row = tx.execute_one(_q("app_state_value"), {"key": key})
    return None if row is None else str(row["value"])


def set_state_once(tx: Transaction, key: str, value: str, now: float) -> None:
    tx.execute(_q("set_app_state_once"), {"key": key, "value": value, "now": now})
