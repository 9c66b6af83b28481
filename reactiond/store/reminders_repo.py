"""The reads and writes behind reminders (`reactiond/engine/reminders.py` plans them):
cancelling a record's queued reminder jobs, the last plan made for a record, and where a
record's confirmation went."""

from __future__ import annotations

from typing import Any

from reactiond.store.interface import Row, Transaction
from reactiond.store.queries import query


def _q(name: str) -> str:
    return query("reminders", name)


def cancel_queued(tx: Transaction, kind: str, key_prefix: str, now: float) -> int:
    """Cancel the queued jobs of `kind` whose dedupe key starts with `key_prefix`."""
    rows = tx.execute(
        _q("cancel_queued_reminders"), {"now": now, "kind": kind, "prefix": f"{key_prefix}%"}
    )
    return len(rows)


def last_planned_payload(tx: Transaction, kind: str, key_prefix: str) -> str | None:
    """The payload (JSON) of the newest queued or cancelled job of `kind` under the key
    prefix: how the record's reminders were last planned."""
    row = tx.execute_one(_q("last_planned_reminder"), {"kind": kind, "prefix": f"{key_prefix}%"})
    return None if row is None else str(row["payload"])


def confirmation_route(tx: Transaction, dedupe_key: str) -> Row | None:
    """Instance, destination and language of the text reply queued under `dedupe_key`."""
    return tx.execute_one(_q("confirmation_route"), {"key": dedupe_key})


def rule_config(tx: Transaction, rule_id: Any) -> str | None:
    """A rule's config (JSON), or None when the rule is gone."""
    row = tx.execute_one(_q("rule_config"), {"id": rule_id})
    return None if row is None else str(row["config"])
