"""Rows for records the reminder tests need, written the way the records part writes them
(people → reaction → action → record), without going through a reaction job."""

from __future__ import annotations

from typing import Any

from reactiond.store.interface import Transaction

TABLES = {"task": "tasks", "event": "calendar_events", "bill": "bills", "note": "notes"}


def seed_record(tx: Transaction, kind: str, now: float, **values: Any) -> int:
    person = tx.execute_one(
        "INSERT INTO people (display_jid, created_at) VALUES ('5215512345678@s.whatsapp.net', ?)"
        " RETURNING id",
        (now,),
    )
    assert person is not None
    pid = person["id"]
    n = int(now * 1000)
    reaction = tx.execute_one(
        "INSERT INTO reactions (instance, reaction_id, target_message_id, target_chat_jid,"
        " target_from_me, chat_jid, is_group, reactor_id, reactor_from_me, emoji, sent_at_ms,"
        " received_at) VALUES ('reactiond-demo', ?, 'MSG', 'c@s.whatsapp.net', 0,"
        " 'c@s.whatsapp.net', 0, ?, 1, '✅', ?, ?) RETURNING id",
        (f"R{n}", pid, n, now),
    )
    assert reaction is not None
    action = tx.execute_one(
        "INSERT INTO actions (rule_name, action, instance, chat_jid, message_id, reactor_id,"
        " reaction_row_id, emoji, outcome, created_at) VALUES ('test', 'create', 'reactiond-demo',"
        " 'c@s.whatsapp.net', ?, ?, ?, '✅', 'created', ?) RETURNING id",
        (f"MSG{n}", pid, reaction["id"], now),
    )
    assert action is not None
    common = {
        "action_id": action["id"],
        "tz": "America/Mexico_City",
        "language": "es",
        "instance": "reactiond-demo",
        "chat_jid": "c@s.whatsapp.net",
        "message_id": f"MSG{n}",
        "reactor_id": pid,
        "emoji": "✅",
        "created_at": now,
        "updated_at": now,
    }
    if kind == "bill":
        common["position"] = 0
    if kind == "note":
        del common["tz"]
    if kind == "event":
        common.setdefault("all_day", 0)
    row = {**common, **values}
    columns = ", ".join(row)
    marks = ", ".join(f":{c}" for c in row)
    created = tx.execute_one(
        f"INSERT INTO {TABLES[kind]} ({columns}) VALUES ({marks}) RETURNING id", row
    )
    assert created is not None
    return int(created["id"])
