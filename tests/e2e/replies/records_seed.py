"""Rows for records the reminder tests need, written the way the records part writes them
(people → reaction → action → record), without going through a reaction job."""

from __future__ import annotations

from typing import Any

from reactiond.domain import RecordTable
from reactiond.store.interface import Transaction
from tests import store_writes

TABLES: dict[str, RecordTable] = {
    "task": "tasks",
    "event": "calendar_events",
    "bill": "bills",
    "note": "notes",
}


def seed_record(tx: Transaction, kind: str, now: float, **values: Any) -> int:
    jid = "5215512345678@s.whatsapp.net"
    n = int(now * 1000)
    src = store_writes.reaction_source(
        tx,
        person_id=store_writes.person(tx, jid, None, now),
        instance="reactiond-demo",
        reaction_id=f"R{n}",
        message_id=f"MSG{n}",
        chat="c@s.whatsapp.net",
        emoji="✅",
        sent_at_ms=n,
        now=now,
    )
    common: dict[str, Any] = {"tz": "America/Mexico_City", "language": "es"}
    if kind == "bill":
        common["position"] = 0
    if kind == "note":
        del common["tz"]
    if kind == "event":
        common.setdefault("all_day", 0)
    return store_writes.record(
        tx, src, TABLES[kind], {**common, **values}, action="create", now=now
    )
