"""Reminders: durable delayed jobs of kind `reminder` in the jobs table.

- `plan_reminders` (pure) says when a record deserves a reminder: a bill with reminders
  on, N days before its due date and on the day, at a morning hour in its zone; a task
  with a due *time*, and an event, `lead_minutes` before; an all-day event on its
  morning. Moments already past are not planned.
- `schedule_reminders(tx, …)` queues them in the caller's transaction (the one creating
  the record), one job each, with a dedupe key: a replay schedules nothing twice.
- The `reminder` job handler writes the reminder text into the outbox, in the same
  transaction as the job's completion: it fires once. At that moment it re-reads the
  record: done, paid or cancelled → skipped (and `cancel_reminders` drops the queued
  jobs eagerly when a record is closed). A reminder that comes due while the daemon was
  down runs at start if it is still useful (the bill is not past due, the task or event
  has not started); else it is skipped and logged.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

import structlog

from reactiond.domain import Job, NewJob
from reactiond.nlp.result import LANGUAGES, BillItem, CalendarData, Language, TaskData
from reactiond.replies import bill_reminder, event_reminder, task_reminder
from reactiond.settings import Settings
from reactiond.store import outbox, reminders_repo
from reactiond.store.interface import Row, Store, Transaction
from reactiond.store.records_query import record_row

log = structlog.get_logger("reactiond.reminders")

KIND = "reminder"
RecordKind = Literal["task", "event", "bill"]
Purpose = Literal["bill_before", "bill_due", "task_due", "event_start"]
ACTIVE_STATUS: dict[RecordKind, str] = {"task": "open", "event": "scheduled", "bill": "pending"}
TABLE: dict[RecordKind, str] = {"task": "tasks", "event": "calendar_events", "bill": "bills"}


@dataclass(frozen=True)
class ReminderConfig:
    bill_days_before: int = 3
    morning_hour: int = 9
    lead_minutes: int = 30

    @classmethod
    def from_settings(cls, s: Settings) -> ReminderConfig:
        return cls(
            bill_days_before=s.reminder_bill_days_before,
            morning_hour=s.reminder_morning_hour,
            lead_minutes=s.reminder_lead_minutes,
        )


@dataclass(frozen=True)
class Remindable:
    """A record as far as reminders care. `when` is the due date/time (task, bill) or the
    start (event), a naive local wall-clock value in `tz`, as the records store it."""

    kind: RecordKind
    id: int
    when: date | datetime
    tz: str
    enabled: bool = True  # bills: the rule's `reminders` setting


@dataclass(frozen=True)
class ReminderAt:
    kind: RecordKind
    record_id: int
    purpose: Purpose
    at: float  # unix seconds

    @property
    def dedupe_key(self) -> str:
        return f"reminder:{self.kind}:{self.record_id}:{self.purpose}:{int(self.at)}"


@dataclass(frozen=True)
class ReplyTo:
    """Where a record's reminders go: where its confirmation went."""

    instance: str
    destination: str
    language: Language


def _instant(local: datetime, tz: str) -> float:
    return local.replace(tzinfo=ZoneInfo(tz)).timestamp()


def _morning(day: date, config: ReminderConfig, tz: str) -> float:
    return _instant(datetime(day.year, day.month, day.day, config.morning_hour), tz)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def plan_reminders(record: Remindable, config: ReminderConfig, now: float) -> list[ReminderAt]:
    """When to remind about `record`, from `now` on (pure)."""
    planned: list[tuple[Purpose, float]] = []
    if record.kind == "bill":
        if not record.enabled:
            return []
        due = _day(record.when)
        if config.bill_days_before > 0:
            before = due - timedelta(days=config.bill_days_before)
            planned.append(("bill_before", _morning(before, config, record.tz)))
        planned.append(("bill_due", _morning(due, config, record.tz)))
    elif record.kind == "task":
        if not isinstance(record.when, datetime):
            return []  # a task due on a day, with no time: nothing to be early for
        lead = timedelta(minutes=config.lead_minutes)
        planned.append(("task_due", _instant(record.when - lead, record.tz)))
    elif isinstance(record.when, datetime):
        lead = timedelta(minutes=config.lead_minutes)
        planned.append(("event_start", _instant(record.when - lead, record.tz)))
    else:
        planned.append(("event_start", _morning(record.when, config, record.tz)))
    return [ReminderAt(record.kind, record.id, p, at) for p, at in planned if at > now]


def still_useful(
    purpose: Purpose, when: date | datetime, tz: str, now: float, config: ReminderConfig
) -> bool:
    """Whether a reminder firing at `now` (maybe late, after downtime) still helps."""
    if purpose in ("bill_before", "bill_due"):
        due = _day(when)
        today = datetime.fromtimestamp(now, ZoneInfo(tz)).date()
        if today > due:
            return False  # past due: a reminder would only nag
        # A "days before" reminder this late would repeat the one due this morning.
        return purpose == "bill_due" or now < _morning(due, config, tz)
    if isinstance(when, datetime):
        return now < _instant(when, tz)  # the task is not yet due, the event not started
    return datetime.fromtimestamp(now, ZoneInfo(tz)).date() <= when


def schedule_reminders(
    tx: Transaction,
    record: Remindable,
    reply_to: ReplyTo,
    config: ReminderConfig,
    now: float,
) -> int:
    """Queue `record`'s reminders in the caller's transaction; returns how many."""
    queued = 0
    for reminder in plan_reminders(record, config, now):
        job = NewJob(
            kind=KIND,
            payload={
                "record_kind": reminder.kind,
                "record_id": reminder.record_id,
                "purpose": reminder.purpose,
                "at": reminder.at,
                "instance": reply_to.instance,
                "destination": reply_to.destination,
                "language": reply_to.language,
                # The settings it was planned with, to plan again if the date moves.
                "config": dataclasses.asdict(config),
            },
            dedupe_key=reminder.dedupe_key,
            run_at=reminder.at,
            max_attempts=5,
        )
        if tx.enqueue(job, now) is not None:
            queued += 1
    return queued


KIND_OF_TABLE: dict[str, RecordKind] = {
    "tasks": "task",
    "calendar_events": "event",
    "bills": "bill",
}


def schedule_for_records(
    tx: Transaction,
    created: Sequence[tuple[str, int]],
    values: Sequence[Mapping[str, Any]],
    reply_to: ReplyTo,
    config: ReminderConfig,
    now: float,
    *,
    bill_reminders: bool,
) -> int:
    """`schedule_reminders` for freshly inserted record rows: `created` is (table, id) per
    row, `values` the columns written (due_local / start_local, tz). Notes get none."""
    queued = 0
    for (table, record_id), row in zip(created, values, strict=True):
        kind = KIND_OF_TABLE.get(table)
        local = row.get("start_local") if kind == "event" else row.get("due_local")
        if kind is None or not local:
            continue
        record = Remindable(
            kind,
            record_id,
            _parse_local(str(local)),
            str(row["tz"]),
            enabled=bill_reminders if kind == "bill" else True,
        )
        queued += schedule_reminders(tx, record, reply_to, config, now)
    return queued


def cancel_reminders(tx: Transaction, kind: RecordKind, record_id: int, now: float) -> int:
    """Drop the queued reminders of a record that was done, paid or cancelled."""
    return reminders_repo.cancel_queued(tx, KIND, _key_prefix(kind, record_id), now)


def _key_prefix(kind: RecordKind, record_id: int) -> str:
    return f"reminder:{kind}:{record_id}:"


def follow_record_change(
    tx: Transaction,
    kind: RecordKind,
    record_id: int,
    now: float,
    config: ReminderConfig | None = None,
) -> int:
    """After a record changed (status, due date or start): closed → its queued reminders
    are cancelled; still active → they are planned again from its current date, to the same
    destination and with the settings they were planned with (also when it is reopened).
    A record that had none yet (a task due on a day that now has a time, a bill given its
    first due date) gets them as at its creation: to where its confirmation went, with
    `config` (the daemon's settings) and its rule's bill settings. Returns how many are
    queued afterwards."""
    # Cancelled ones count too: a task marked done and then reopened gets its reminder back.
    planned = reminders_repo.last_planned_payload(tx, KIND, _key_prefix(kind, record_id))
    cancel_reminders(tx, kind, record_id, now)
    row = _load(tx, kind, record_id)
    if row is None or row["status"] != ACTIVE_STATUS[kind]:
        return 0
    local = row["start_local"] if kind == "event" else row["due_local"]
    if not local:
        return 0
    if planned is not None:
        payload: dict[str, Any] = json.loads(planned)
        config = ReminderConfig(**payload.get("config", {}))
        reply_to = ReplyTo(
            str(payload["instance"]), str(payload["destination"]), payload["language"]
        )
    else:
        first = _first_plan(tx, kind, row, config or ReminderConfig())
        if first is None:
            return 0
        reply_to, config = first
    record = Remindable(kind, record_id, _parse_local(str(local)), str(row["tz"]))
    return schedule_reminders(tx, record, reply_to, config, now)


def _first_plan(
    tx: Transaction, kind: RecordKind, row: Row, config: ReminderConfig
) -> tuple[ReplyTo, ReminderConfig] | None:
    """Where and how a record's first reminders go, as `reactions.apply` decides at its
    creation: to its confirmation's chat (no confirmation: the rule replies nowhere, so no
    reminders), and for a bill only if its rule turns reminders on, with the rule's lead."""
    confirmation = reminders_repo.confirmation_route(tx, f"action:{row['action_id']}")
    if confirmation is None:
        return None
    if kind == "bill":
        rule = reminders_repo.rule_config(tx, row["rule_id"])
        rule_config: dict[str, Any] = json.loads(rule) if rule is not None else {}
        if not rule_config.get("reminders"):
            return None
        days = rule_config.get("remind_days_before")
        if isinstance(days, int):
            config = dataclasses.replace(config, bill_days_before=days)
    language = confirmation["language"] or row["language"]
    lang: Language = next((code for code in LANGUAGES if code == language), "en")
    reply_to = ReplyTo(str(confirmation["instance"]), str(confirmation["destination"]), lang)
    return reply_to, config


# -- firing ------------------------------------------------------------------------------


def _parse_local(value: str) -> date | datetime:
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def _load(tx: Transaction, kind: RecordKind, record_id: int) -> Row | None:
    return record_row(tx, TABLE[kind], record_id)


def reminder_text(
    kind: RecordKind, row: Row, lang: Language, now: float
) -> tuple[str, date | datetime] | None:
    """The reminder's words and the moment it is about; None if the row lacks a date."""
    tz = str(row["tz"])
    now_local = datetime.fromtimestamp(now, ZoneInfo(tz)).replace(tzinfo=None)
    if kind == "bill":
        if not row["due_local"]:
            return None
        due = _day(_parse_local(str(row["due_local"])))
        item = BillItem(row["vendor"], Decimal(str(row["amount"])), str(row["currency"]), due)
        days_left = (due - now_local.date()).days
        text = bill_reminder(item, days_left=days_left, lang=lang, now=now_local, tz=tz)
        return text, due
    if kind == "task":
        if not row["due_local"]:
            return None
        due_value = _parse_local(str(row["due_local"]))
        data = TaskData(title=str(row["title"]), due=due_value)
        return task_reminder(data, lang=lang, tz=tz, now=now_local), due_value
    start = _parse_local(str(row["start_local"]))
    title = str(row["title"] or "") or None  # "" is how an untitled event is stored
    event = CalendarData(title=title, start=start, location=row["location"])
    return event_reminder(event, lang=lang, tz=tz, now=now_local), start


Moot = Literal["deleted", "closed", "no_date", "too_late"]


def _when(kind: RecordKind, row: Row) -> date | datetime | None:
    local = row["start_local"] if kind == "event" else row["due_local"]
    return _parse_local(str(local)) if local else None


def why_moot(
    kind: RecordKind, row: Row | None, purpose: Purpose, now: float, config: ReminderConfig
) -> Moot | None:
    """Why a reminder firing at `now` would remind of nothing: its record deleted, closed
    (done, paid, cancelled), without a date, or past the moment it helps; None when it
    would remind. The handler skips such a reminder; a retry of its job is refused."""
    if row is None:
        return "deleted"
    if row["status"] != ACTIVE_STATUS[kind]:
        return "closed"
    when = _when(kind, row)
    if when is None:
        return "no_date"
    if not still_useful(purpose, when, str(row["tz"]), now, config):
        return "too_late"
    return None


class RetryRefused(Exception):
    """A job whose retry would do nothing: `error` says why, `hint` what to do (English,
    as the API says it; `reasons.py` says it in the reader's language)."""

    def __init__(self, job_id: int, error: str, hint: str) -> None:
        super().__init__(f"{error}; {hint}")
        self.job_id = job_id
        self.error = error
        self.hint = hint


_KIND_WORD: dict[RecordKind, str] = {"task": "task", "event": "event", "bill": "bill"}
# How a closed record is reopened, where a command does it (else the generic words).
_REOPEN_HINT: dict[RecordKind, str] = {
    "task": "`reactiond tasks reopen {id}` reopens the task and its reminders are planned again",
}


def retry_refusal(
    tx: Transaction, job: Job, now: float, config: ReminderConfig
) -> RetryRefused | None:
    """Whether retrying `job` (a `reminder`) would remind of nothing, read as its handler
    would read it now: the refusal to give, else None."""
    p: dict[str, Any] = job.payload
    kind: RecordKind = p["record_kind"]
    record_id = int(p["record_id"])
    row = _load(tx, kind, record_id)
    moot = why_moot(kind, row, p["purpose"], now, config)
    if moot is None:
        return None
    noun = _KIND_WORD[kind]
    about = f"job {job.id} is a reminder of {noun} {record_id}"
    error, hint = {
        "deleted": (
            f"{about}, which was deleted: it would remind of nothing",
            "nothing to retry: a new record gets reminders of its own",
        ),
        "closed": (
            f"{about}, which is {row['status'] if row is not None else ''}: it would remind"
            " of nothing",
            _REOPEN_HINT.get(kind, "reopen the {noun} and its reminders are planned again").format(
                noun=noun, id=record_id
            ),
        ),
        "no_date": (
            f"{about}, which has no date any more: it would remind of nothing",
            f"give the {noun} a date and its reminders are planned again",
        ),
        "too_late": (
            f"{about}, whose moment has passed: it would only nag",
            f"nothing to retry: move the {noun}'s date and its reminders are planned again",
        ),
    }[moot]
    return RetryRefused(job.id, error, hint)


class ReminderHandler:
    """The `reminder` job: re-read the record, decide, write the reminder reply."""

    def __init__(
        self,
        store: Store,
        config: ReminderConfig,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self.skipped = 0

    async def __call__(self, job: Job) -> Callable[[Transaction], None] | None:
        p: dict[str, Any] = job.payload
        kind: RecordKind = p["record_kind"]
        purpose: Purpose = p["purpose"]
        bound = log.bind(job_id=job.id, record_kind=kind, record_id=p["record_id"], purpose=purpose)
        row = await self.store.read(functools.partial(_load, kind=kind, record_id=p["record_id"]))
        now = self.clock()
        moot = why_moot(kind, row, purpose, now, self.config)
        if moot == "too_late":
            late = round(now - float(p["at"]))
            self._skip(bound, "too late to be useful", late_seconds=late)
            return None
        if moot is not None or row is None:
            self._skip(bound, _SKIPPED[moot or "deleted"](row))
            return None
        lang: Language = next((code for code in LANGUAGES if code == p.get("language")), "en")
        built = reminder_text(kind, row, lang, now)
        if built is None:
            self._skip(bound, "record has no date any more")
            return None
        text, _when_said = built
        bound.info("reminder_due", late_seconds=round(max(0.0, now - float(p["at"]))))
        key = job.dedupe_key or f"reminder-job:{job.id}"

        def effects(tx: Transaction) -> None:
            outbox.queue_text(
                tx,
                dedupe_key=key,
                instance=str(p["instance"]),
                destination=str(p["destination"]),
                text=text,
                language=lang,
                now=now,
            )

        return effects

    def _skip(self, bound: structlog.typing.FilteringBoundLogger, why: str, **extra: Any) -> None:
        self.skipped += 1
        bound.info("reminder_skipped", why=why, **extra)
        return None


# What the log says of a skipped reminder, by why it is moot.
_SKIPPED: dict[Moot, Callable[[Row | None], str]] = {
    "deleted": lambda row: "record deleted",
    "closed": lambda row: f"record is {row['status'] if row is not None else '?'}",
    "no_date": lambda row: "record has no date any more",
    "too_late": lambda row: "too late to be useful",
}


async def retry_job(store: Store, job_id: int, now: float, config: ReminderConfig) -> Job | None:
    """`Store.retry_job`, but a reminder that would remind of nothing is refused
    (`RetryRefused`) and stays as it is: the CLI, the API and the pages retry through here."""
    job = await store.get_job(job_id)
    if job is not None and job.kind == KIND and job.status.value in ("dead", "cancelled"):
        refused = await store.read(lambda tx: retry_refusal(tx, job, now, config))
        if refused is not None:
            raise refused
    return await store.retry_job(job_id, now)
