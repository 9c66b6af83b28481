"""The `caldav_push` job: make one target's copy of one record match the record.

The job carries only (target, kind, id); it reads the record as it is when it runs, so
any number of jobs for one record end in the same state and a retry repeats nothing.
Every write is conditional: a create only if nothing is there (`If-None-Match: *`), a
change or a removal only if the server still holds what reactiond wrote (`If-Match`).
When the server's copy changed in between (an edit on the phone), the server's version
wins: the conflict is recorded on the resource and in the event log (the record's trace),
and nothing more is written there until an operator says which version to keep
(`reactiond calendars resolve`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

import structlog
from icalendar import Calendar, Component

from reactiond.caldav.client import (
    Accounts,
    CalDavClient,
    Changed,
    Refused,
    Stored,
    Unauthorized,
    Unreachable,
)
from reactiond.caldav.components import (
    CalendarObject,
    Record,
    alarm_moments,
    calendar_object,
    resource_name,
)
from reactiond.caldav.credentials import CredentialsMissing, read_password
from reactiond.domain import Job
from reactiond.engine import rule_book
from reactiond.engine.reminders import ReminderConfig
from reactiond.engine.worker import Effects, GiveUp, RetryLater, Wait
from reactiond.records.kinds import SPECS, RecordKind
from reactiond.records.model import Bill, Note
from reactiond.records.query import get_record
from reactiond.store import caldav_repo
from reactiond.store.caldav_repo import ResourceRow, TargetRow
from reactiond.store.events import log_event
from reactiond.store.interface import Store, Transaction

log = structlog.get_logger("reactiond.caldav")

KIND_SPEC = {
    "event": SPECS[RecordKind.CALENDAR_EVENTS],
    "task": SPECS[RecordKind.TASKS],
    "bill": SPECS[RecordKind.BILLS],
}
# A refused password is not fixed by retrying every few seconds: the job waits this long
# between tries, which are not failures and use up none of its attempts (and `reactiond
# calendars test NAME` runs it at once when fixed).
CREDENTIALS_WAIT = 600.0

Step = Literal["create", "update", "remove", "nothing", "held"]


def object_for(
    tx: Transaction, target: TargetRow, record: Record, reminders: ReminderConfig
) -> CalendarObject | None:
    """The object `record` is on `target`, its VALARMs at the moments the chat reminders
    come (for a bill, only when its rule has reminders on, as in the chat)."""
    bill_reminders = False
    if isinstance(record, Bill) and record.source.rule_id is not None:
        try:
            rule = rule_book.get_rule(tx, record.source.rule_id)
        except rule_book.RuleNotFound:
            rule = None
        bill_reminders = rule is not None and bool(rule.config.reminders)
    alarms = alarm_moments(record, reminders, bill_reminders=bill_reminders)
    return calendar_object(record, bills_as=target.bills_as, alarms=alarms)


def next_step(resource: ResourceRow | None, obj: CalendarObject | None, on_cancel: str) -> Step:
    """What to do on the server, from what is there and what the record is now. Pure."""
    state = resource.state if resource is not None else "removed"
    if state == "conflict":
        return "held"  # the server's version wins until an operator decides
    gone = obj is None or (obj.cancelled and on_cancel == "delete")
    if gone:
        return "remove" if state == "present" else "nothing"
    assert obj is not None
    if state == "removed":
        return "create"
    assert resource is not None
    return "nothing" if resource.body_hash == obj.body_hash else "update"


def written_by_us(body: str, obj: CalendarObject) -> bool:
    """Whether the server's object is the one we wrote (a write that succeeded before a
    crash or a lost answer): the same UID, and every property reactiond writes with the
    same value (a server may add its own). Not LAST-MODIFIED alone: it has whole seconds,
    and a record changed twice in one second would pass a phone's edit for ours."""
    try:
        theirs = _component(Calendar.from_ical(body), obj)
        ours = _component(Calendar.from_ical(obj.body), obj)
    except ValueError:
        return False
    if theirs is None or ours is None:
        return False
    return all(_ical(theirs.get(name)) == _ical(value) for name, value in ours.items())


def _component(cal: Calendar, obj: CalendarObject) -> Component | None:
    for comp in cal.walk(obj.component):
        if str(comp.get("uid")) == obj.uid:
            return comp
    return None


def _ical(value: object) -> list[bytes] | None:
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    return [v.to_ical() if hasattr(v, "to_ical") else str(v).encode() for v in values]


@dataclass
class PushHandler:
    store: Store
    clock: Callable[[], float] = time.time
    reminders: ReminderConfig = field(default_factory=ReminderConfig)
    accounts: Accounts = field(default_factory=Accounts)
    _locks: dict[tuple[int, str, int], asyncio.Lock] | None = None

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        self.accounts.close()

    async def __call__(self, job: Job) -> Effects | None:
        target_id = int(job.payload["target"])
        kind = str(job.payload["kind"])
        record_id = int(job.payload["id"])
        if self._locks is None:
            self._locks = {}
        # Two jobs of one record never write at once (concurrency > 1): the second would
        # read a create's "already there" as somebody else's edit.
        key = (target_id, kind, record_id)
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                return await self._push(target_id, kind, record_id)
        finally:
            if not lock.locked():  # nobody else waits on it: no lock kept per record
                self._locks.pop(key, None)

    async def _push(self, target_id: int, kind: str, record_id: int) -> Effects | None:
        spec = KIND_SPEC.get(kind)
        if spec is None:
            raise GiveUp(f"a {kind!r} is not pushed to calendars")

        def read(
            tx: Transaction,
        ) -> tuple[TargetRow | None, CalendarObject | None, ResourceRow | None] | None:
            target = caldav_repo.target_by_id(tx, target_id)
            record = get_record(tx, spec, record_id)
            if target is None or record is None or isinstance(record, Note):
                return None  # the target was removed (or the record never existed)
            return (
                target,
                object_for(tx, target, record, self.reminders),
                caldav_repo.get_resource(tx, target_id, kind, record_id),
            )

        found = await self.store.read(read)
        if found is None:
            return None
        target, obj, resource = found
        assert target is not None
        step = next_step(resource, obj, target.on_cancel)
        bound = log.bind(calendar=target.name, kind=kind, record_id=record_id, step=step)
        if step in ("nothing", "held"):
            bound.debug("calendar_push_skipped")
            return None
        try:
            password = read_password(target.password_file, target.password_env)
        except CredentialsMissing as exc:
            raise Wait(
                f"calendar {target.name}: {exc.reason}; fix it, then"
                f" `reactiond calendars test {target.name}`",
                at=self.clock() + CREDENTIALS_WAIT,
            ) from exc
        href = (
            resource.href
            if resource is not None
            else target.collection_url.rstrip("/") + "/" + resource_name(kind, record_id)
        )
        try:
            async with self.accounts.client(
                target.collection_url, target.username, password
            ) as client:
                effects = await self._apply(
                    client, target, kind, record_id, href, step, obj, resource
                )
        except Unauthorized as exc:
            raise Wait(
                f"calendar {target.name}: the server refused the credentials ({exc.reason});"
                f" fix them, then `reactiond calendars test {target.name}`",
                at=self.clock() + CREDENTIALS_WAIT,
            ) from exc
        except Unreachable as exc:
            raise RetryLater(f"calendar {target.name} unreachable: {exc.reason}") from exc
        except Refused as exc:
            raise GiveUp(
                f"calendar {target.name} refused the {kind} ({exc.reason}); check it with"
                f" `reactiond calendars test {target.name}`"
            ) from exc
        bound.info("calendar_pushed")
        return effects

    async def _apply(
        self,
        client: CalDavClient,
        target: TargetRow,
        kind: str,
        record_id: int,
        href: str,
        step: Step,
        obj: CalendarObject | None,
        resource: ResourceRow | None,
    ) -> Effects:
        now = self.clock()
        base = ResourceRow(
            target_id=target.id,
            kind=kind,
            record_id=record_id,
            href=href,
            etag=None,
            body_hash=None,
            state="present",
            conflict=None,
            updated_at=now,
        )
        try:
            if step == "remove":
                await client.delete(href, etag=resource.etag if resource else None)
                return _save(replace(base, state="removed", updated_at=self.clock()))
            assert obj is not None
            etag = resource.etag if step == "update" and resource is not None else None
            try:
                stored = await client.put(href, obj.body, etag=etag)
            except Changed:
                # The server's copy is not the one we know: ours after all (the answer to
                # an earlier try was lost, or the daemon stopped before recording it), or
                # somebody else's.
                there = await client.get(href)
                if there is None or not written_by_us(there.body, obj):
                    raise
                stored = Stored(there.etag)  # adopt what we wrote
            done = self.clock()  # when the server had it
            return _save(replace(base, etag=stored.etag, body_hash=obj.body_hash, updated_at=done))
        except Changed as exc:
            what = (
                f"changed on the server since reactiond wrote it ({exc.reason}); the"
                f" server's version is kept: `reactiond calendars resolve {target.name}"
                f" {kind}:{record_id} --keep reactiond` to overwrite it"
            )
            log.warning("calendar_conflict", calendar=target.name, kind=kind, record_id=record_id)
            conflict = replace(
                base,
                etag=resource.etag if resource else None,
                body_hash=resource.body_hash if resource else None,
                state="conflict",
                conflict=what,
            )

            def effects(tx: Transaction) -> None:
                caldav_repo.put_resource(tx, conflict)
                log_event(
                    tx,
                    "calendar.conflict",
                    {"calendar": target.name, "kind": kind, "id": record_id, "href": href},
                    now,
                )

            return effects


def _save(row: ResourceRow) -> Effects:
    def effects(tx: Transaction) -> None:
        caldav_repo.put_resource(tx, row)

    return effects
