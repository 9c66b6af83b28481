"""Reading and updating records: the functions behind `reactiond tasks|events|bills|notes`
and the records API. Records keep local wall-clock values with their zone; listings add
the instant shown in the reader's zone when asked for one."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from reactiond.engine.reminders import RecordKind as RemindedKind
from reactiond.engine.reminders import cancel_reminders
from reactiond.store.interface import Row, Store, Transaction
from reactiond.store.records_repo import log_event

RecordKind = Literal["tasks", "events", "bills", "notes"]
Record = dict[str, Any]  # one row, JSON-ready
REMINDED_KIND: dict[str, RemindedKind] = {"tasks": "task", "events": "event", "bills": "bill"}

TABLE: dict[str, str] = {
    "tasks": "tasks",
    "events": "calendar_events",
    "bills": "bills",
    "notes": "notes",
}
STATUSES: dict[str, tuple[str, ...]] = {
    "tasks": ("open", "done", "cancelled"),
    "events": ("scheduled", "cancelled"),
    "bills": ("pending", "paid", "cancelled"),
    "notes": ("active", "cancelled"),
}
# The local date column a date range filters on, and the columns free text searches.
WHEN: dict[str, str | None] = {
    "tasks": "due_local",
    "events": "start_local",
    "bills": "due_local",
    "notes": None,
}
TEXT: dict[str, tuple[str, ...]] = {
    "tasks": ("title",),
    "events": ("title", "location"),
    "bills": ("vendor",),
    "notes": ("title", "body"),
}
JSON_COLUMNS = ("tags", "attendees")


class RecordNotFound(Exception):
    def __init__(self, kind: str, record_id: int) -> None:
        super().__init__(f"no {kind[:-1]} {record_id}; `reactiond {kind} list` shows the ids")


class RecordStateError(Exception):
    """The change does not apply to the record's current status."""


class BadFilter(ValueError):
    pass


@dataclass(frozen=True)
class RecordFilter:
    status: str | None = None
    date_from: str | None = None  # YYYY-MM-DD, local to each record, inclusive
    date_to: str | None = None
    reactor: str | None = None  # phone number or JID
    chat: str | None = None  # chat JID
    text: str | None = None
    limit: int = 100
    offset: int = 0

    def check(self, kind: RecordKind) -> None:
        if self.status is not None and self.status not in STATUSES[kind]:
            raise BadFilter(
                f"unknown status {self.status!r} for {kind}: use {', '.join(STATUSES[kind])}"
            )
        for value in (self.date_from, self.date_to):
            if value is not None:
                try:
                    datetime.strptime(value, "%Y-%m-%d")
                except ValueError as exc:
                    raise BadFilter(f"date {value!r} is not YYYY-MM-DD") from exc
        if (self.date_from or self.date_to) and WHEN[kind] is None:
            raise BadFilter(f"{kind} have no date to filter on")
        if not 1 <= self.limit <= 10000 or self.offset < 0:
            raise BadFilter("limit must be 1–10000 and offset ≥ 0")


def _query(kind: RecordKind, f: RecordFilter) -> tuple[str, dict[str, Any]]:
    table = TABLE[kind]
    where = ["1 = 1"]
    params: dict[str, Any] = {"limit": f.limit, "offset": f.offset}
    if f.status:
        where.append("r.status = :status")
        params["status"] = f.status
    when = WHEN[kind]
    if when and f.date_from:
        where.append(f"substr(r.{when}, 1, 10) >= :date_from")
        params["date_from"] = f.date_from
    if when and f.date_to:
        where.append(f"substr(r.{when}, 1, 10) <= :date_to")
        params["date_to"] = f.date_to
    if f.chat:
        where.append("r.chat_jid = :chat")
        params["chat"] = f.chat
    if f.reactor:
        spec = f.reactor.strip().lstrip("+").replace(" ", "")
        where.append(
            "r.reactor_id IN (SELECT person_id FROM person_ids WHERE jid = :rjid"
            " OR jid LIKE :rphone)"
        )
        params["rjid"] = spec
        params["rphone"] = f"{spec}@%"
    if f.text:
        params["text"] = f"%{f.text.lower()}%"
        where.append("(" + " OR ".join(f"lower(r.{c}) LIKE :text" for c in TEXT[kind]) + ")")
    order = f"r.{when} IS NULL, r.{when}, r.id" if when else "r.id DESC"
    sql = (
        f"SELECT r.*, p.display_jid AS reactor_jid, p.name AS reactor_name FROM {table} r"
        f" LEFT JOIN people p ON p.id = r.reactor_id WHERE {' AND '.join(where)}"
        f" ORDER BY {order} LIMIT :limit OFFSET :offset"
    )
    return sql, params


def present(row: Row, reader_tz: str | None = None) -> Record:
    """A row as shown: JSON columns decoded, instants as aware times in the reader's zone
    (or the record's own)."""
    out: Record = dict(row)
    for col in JSON_COLUMNS:
        if isinstance(out.get(col), str):
            out[col] = json.loads(out[col])
    if "all_day" in out:
        out["all_day"] = bool(out["all_day"])
    zone = ZoneInfo(reader_tz or str(out.get("tz") or "UTC"))
    for col, shown in (("due_at", "due"), ("start_at", "start")):
        if col in out:
            at = out[col]
            local = out.get("due_local") if col == "due_at" else out.get("start_local")
            out[shown] = datetime.fromtimestamp(at, zone).isoformat() if at is not None else local
    if "due" not in out and "due_local" in out:
        out["due"] = out["due_local"]
    return out


async def list_records(
    store: Store, kind: RecordKind, f: RecordFilter, *, reader_tz: str | None = None
) -> list[Record]:
    f.check(kind)
    sql, params = _query(kind, f)
    rows = await store.read(lambda tx: tx.execute(sql, params))
    return [present(r, reader_tz) for r in rows]


async def get_record(
    store: Store, kind: RecordKind, record_id: int, *, reader_tz: str | None = None
) -> Record:
    table = TABLE[kind]
    row = await store.read(
        lambda tx: tx.execute_one(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
    )
    if row is None:
        raise RecordNotFound(kind, record_id)
    return present(row, reader_tz)


def _transition(
    tx: Transaction,
    kind: RecordKind,
    record_id: int,
    *,
    from_status: str,
    to_status: str,
    stamp: str,
    now: float,
) -> Row:
    table = TABLE[kind]
    row = tx.execute_one(
        f"UPDATE {table} SET status = :to, {stamp} = :now, updated_at = :now"
        f" WHERE id = :id AND status = :from RETURNING *",
        {"to": to_status, "now": now, "id": record_id, "from": from_status},
    )
    if row is None:
        current = tx.execute_one(f"SELECT status FROM {table} WHERE id = ?", (record_id,))
        if current is None:
            raise RecordNotFound(kind, record_id)
        raise RecordStateError(
            f"{kind[:-1]} {record_id} is {current['status']}, not {from_status}: nothing changed"
        )
    log_event(
        tx,
        "record.updated",
        {"kind": kind[:-1], "id": record_id, "status": to_status},
        now,
    )
    reminded = REMINDED_KIND.get(kind)
    if reminded is not None:
        # Done, paid or cancelled: its queued reminders go (they would be skipped anyway).
        cancel_reminders(tx, reminded, record_id, now)
    return row


async def mark_task_done(store: Store, task_id: int, now: float | None = None) -> Record:
    at = time.time() if now is None else now
    row = await store.write(
        lambda tx: _transition(
            tx, "tasks", task_id, from_status="open", to_status="done", stamp="done_at", now=at
        )
    )
    return present(row)


async def mark_bill_paid(store: Store, bill_id: int, now: float | None = None) -> Record:
    at = time.time() if now is None else now
    row = await store.write(
        lambda tx: _transition(
            tx, "bills", bill_id, from_status="pending", to_status="paid", stamp="paid_at", now=at
        )
    )
    return present(row)
