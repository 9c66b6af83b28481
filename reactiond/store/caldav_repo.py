"""The `caldav_targets` and `caldav_resources` tables, and the push jobs that follow records.

`reactiond/caldav/` decides what goes where and speaks to the servers; this module only
reads and writes the rows. `follow_record` is called wherever a record's change is logged
(the event log), so every way a record changes (a reaction, PATCH, done/paid, undo) queues
its push in the same transaction as the change: nothing is lost between the two.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reactiond.domain import NewJob
from reactiond.store.interface import Row, Transaction
from reactiond.store.queries import query

PUSH_JOB = "caldav_push"
# Kinds a calendar can hold (a note has no date): the ICS export's UID prefixes.
PUSHED_KINDS = ("event", "task", "bill")
# A calendar server can be down for a while (a reboot, an upgrade): more tries than a
# reaction job gets, spread by the queue's exponential backoff.
PUSH_MAX_ATTEMPTS = 12


def _q(name: str) -> str:
    return query("caldav", name)


@dataclass(frozen=True)
class TargetRow:
    id: int
    name: str
    url: str
    collection_url: str
    username: str
    password_file: str | None
    password_env: str | None
    kinds: tuple[str, ...]
    bills_as: str
    on_cancel: str
    person_id: int | None
    rule_id: int | None
    created_at: float


@dataclass(frozen=True)
class NewTarget:
    name: str
    url: str
    collection_url: str
    username: str
    password_file: str | None
    password_env: str | None
    kinds: tuple[str, ...]
    bills_as: str
    on_cancel: str
    person_id: int | None
    rule_id: int | None


@dataclass(frozen=True)
class ResourceRow:
    target_id: int
    kind: str
    record_id: int
    href: str
    etag: str | None
    body_hash: str | None
    state: str  # present | removed | conflict
    conflict: str | None
    updated_at: float


def _target(row: Row) -> TargetRow:
    return TargetRow(
        id=int(row["id"]),
        name=str(row["name"]),
        url=str(row["url"]),
        collection_url=str(row["collection_url"]),
        username=str(row["username"]),
        password_file=row["password_file"],
        password_env=row["password_env"],
        kinds=tuple(json.loads(row["kinds"])),
        bills_as=str(row["bills_as"]),
        on_cancel=str(row["on_cancel"]),
        person_id=row["person_id"],
        rule_id=row["rule_id"],
        created_at=float(row["created_at"]),
    )


def _resource(row: Row) -> ResourceRow:
    return ResourceRow(
        target_id=int(row["target_id"]),
        kind=str(row["kind"]),
        record_id=int(row["record_id"]),
        href=str(row["href"]),
        etag=row["etag"],
        body_hash=row["body_hash"],
        state=str(row["state"]),
        conflict=row["conflict"],
        updated_at=float(row["updated_at"]),
    )


def insert_target(tx: Transaction, t: NewTarget, now: float) -> TargetRow | None:
    """The stored target; None when one with that name exists."""
    row = tx.execute_one(
        _q("insert_target"),
        {
            "name": t.name,
            "url": t.url,
            "collection_url": t.collection_url,
            "username": t.username,
            "password_file": t.password_file,
            "password_env": t.password_env,
            "kinds": json.dumps(list(t.kinds)),
            "bills_as": t.bills_as,
            "on_cancel": t.on_cancel,
            "person_id": t.person_id,
            "rule_id": t.rule_id,
            "now": now,
        },
    )
    return _target(row) if row is not None else None


def update_target(
    tx: Transaction, target_id: int, t: NewTarget, *, forget_pushed: bool
) -> TargetRow | None:
    """Change a target (its name stays). `forget_pushed` (its calendar changed): what was
    pushed to the old calendar stays there, and is no longer followed."""
    row = tx.execute_one(
        _q("update_target"),
        {
            "id": target_id,
            "url": t.url,
            "collection_url": t.collection_url,
            "username": t.username,
            "password_file": t.password_file,
            "password_env": t.password_env,
            "kinds": json.dumps(list(t.kinds)),
            "bills_as": t.bills_as,
            "on_cancel": t.on_cancel,
            "person_id": t.person_id,
            "rule_id": t.rule_id,
        },
    )
    if row is not None and forget_pushed:
        tx.execute(_q("delete_target_resources"), {"id": target_id})
    return _target(row) if row is not None else None


def list_targets(tx: Transaction) -> list[TargetRow]:
    return [_target(r) for r in tx.execute(_q("list_targets"))]


def target_by_name(tx: Transaction, name: str) -> TargetRow | None:
    row = tx.execute_one(_q("target_by_name"), {"name": name})
    return _target(row) if row is not None else None


def target_by_id(tx: Transaction, target_id: int) -> TargetRow | None:
    row = tx.execute_one(_q("target_by_id"), {"id": target_id})
    return _target(row) if row is not None else None


def delete_target(tx: Transaction, name: str) -> bool:
    """Forget a target and what was pushed to it (the server keeps its copies)."""
    target = target_by_name(tx, name)
    if target is None:
        return False
    tx.execute(_q("delete_target_resources"), {"id": target.id})
    tx.execute(_q("delete_target"), {"name": name})
    return True


def get_resource(tx: Transaction, target_id: int, kind: str, record_id: int) -> ResourceRow | None:
    row = tx.execute_one(
        _q("get_resource"), {"target_id": target_id, "kind": kind, "record_id": record_id}
    )
    return _resource(row) if row is not None else None


def put_resource(tx: Transaction, r: ResourceRow) -> None:
    tx.execute(
        _q("put_resource"),
        {
            "target_id": r.target_id,
            "kind": r.kind,
            "record_id": r.record_id,
            "href": r.href,
            "etag": r.etag,
            "body_hash": r.body_hash,
            "state": r.state,
            "conflict": r.conflict,
            "now": r.updated_at,
        },
    )


def resources_of_target(tx: Transaction, target_id: int) -> list[ResourceRow]:
    return [_resource(r) for r in tx.execute(_q("resources_of_target"), {"target_id": target_id})]


def conflicts_of_target(tx: Transaction, target_id: int) -> list[ResourceRow]:
    return [_resource(r) for r in tx.execute(_q("conflicts_of_target"), {"target_id": target_id})]


def push_job(target_id: int, kind: str, record_id: int, now: float) -> NewJob:
    """One push of one record to one target. The handler pushes the record as it is when
    the job runs, so a second job for the same record is a cheap no-op; the key (with the
    change's time) keeps two writes of one change from queueing two jobs."""
    return NewJob(
        kind=PUSH_JOB,
        payload={"target": target_id, "kind": kind, "id": record_id},
        dedupe_key=f"{PUSH_JOB}:{target_id}:{kind}:{record_id}:{now!r}",
        max_attempts=PUSH_MAX_ATTEMPTS,
    )


def follow_record(tx: Transaction, event: str, data: Mapping[str, Any], now: float) -> int:
    """Queue a push to every target a changed record goes to; how many were queued.
    `event` and `data` are the event log's (`record.created`, `{"kind": "task", "id": 3}`)."""
    kind = data.get("kind")
    if not event.startswith("record.") or kind not in PUSHED_KINDS:
        return 0
    record_id = int(data["id"])
    queued = 0
    for row in tx.execute(_q(f"targets_for_{kind}"), {"id": record_id}):
        if tx.enqueue(push_job(int(row["id"]), str(kind), record_id, now), now) is not None:
            queued += 1
    return queued


def queue_record(tx: Transaction, target_id: int, kind: str, record_id: int, now: float) -> bool:
    """Queue one push by hand (`calendars push`, the conflict's resolution)."""
    return tx.enqueue(push_job(target_id, kind, record_id, now), now) is not None


def waiting_push_jobs(tx: Transaction, target_id: int) -> list[int]:
    """Push jobs of this target that wait after a failure, or were given up on."""
    rows = tx.execute(_q("push_jobs_of_target"), {"prefix": f"{PUSH_JOB}:{target_id}:%"})
    return [int(r["id"]) for r in rows]


def run_push_job_now(tx: Transaction, job_id: int, now: float) -> bool:
    return bool(tx.execute(_q("run_push_job_now"), {"id": job_id, "now": now}))


@dataclass(frozen=True)
class PushTrouble:
    """What a person should know about one target: pushes waiting after a failure, pushes
    given up on, records in conflict, and the newest error."""

    name: str
    waiting: int
    dead: int
    conflicts: int
    last_error: str | None

    @property
    def troubled(self) -> bool:
        return bool(self.waiting or self.dead or self.conflicts)


def push_trouble(tx: Transaction) -> list[PushTrouble]:
    """Every target, with its troubles (all nought when all is well)."""
    found = []
    for target in list_targets(tx):
        prefix = {"prefix": f"{PUSH_JOB}:{target.id}:%"}
        counts = tx.execute_one(_q("push_jobs_in_trouble"), prefix)
        waiting = int((counts or {}).get("waiting") or 0)
        dead = int((counts or {}).get("dead") or 0)
        conflicts = len(conflicts_of_target(tx, target.id))
        error = None
        if waiting or dead:
            newest = tx.execute_one(_q("newest_push_error"), prefix)
            error = str(newest["last_error"]) if newest is not None else None
        found.append(PushTrouble(target.name, waiting, dead, conflicts, error))
    return found


def queue_all_records(tx: Transaction, target: TargetRow, now: float) -> int:
    """A push for every record the target takes that is not cancelled; how many queued."""
    queries = {"event": "open_events_for_target", "task": "open_tasks_for_target",
               "bill": "open_bills_for_target"}  # fmt: skip
    queued = 0
    for kind in target.kinds:
        for row in tx.execute(_q(queries[kind]), {"target_id": target.id}):
            queued += queue_record(tx, target.id, kind, int(row["id"]), now)
    return queued
