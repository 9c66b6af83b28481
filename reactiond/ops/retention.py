"""Retention: raw payloads, finished jobs and logs older than their configured age go.

Under a steady load the database then stays bounded: SQLite reuses the pages freed by
deletions, so the file stops growing once pruning keeps pace with ingest.

- `messages.raw`, `reactions.raw` (the full Evolution payloads, the bulk of the bytes)
  are blanked after `retention_raw_days`; the rows themselves are records' sources, kept.
- jobs `done`/`cancelled` with their attempts, and outbox rows `sent`/`cancelled`, after
  `retention_jobs_days`. Dead jobs are kept: they wait for a human (`queue retry`).
- `event_log` and `nlp_log` after `retention_logs_days`; besides, the event log (what the
  live stream replays) keeps at most `event_log_keep_rows` rows of at most
  `event_log_max_age_days` (`EventLogPruner`, hourly).
- reactions and messages that led to nothing after `retention_messages_days`: a reaction
  no action came from and whose job is gone, a message nobody acted or reacted on.
  Everything a record came from is kept for as long as the record.
- the bytes of pictures and documents (issue 23) after `retention_media_days`; what each
  file was (type, size, hash, pages, caption, the text read) stays with the message.

Each batch is found on a reader connection (the scan never holds the writer) and removed
in its own small write, so webhooks keep committing between batches; the removal runs in
the writer's thread (`Store.write_bulk`), not on the event loop (issue 17: loop p99 ≤ 5 ms
while retention catches up).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import structlog

from reactiond.part import Part
from reactiond.store import events, retention_repo
from reactiond.store.interface import Store, StoreUnavailable, Transaction
from reactiond.store.retention_repo import TARGETS, Target

if TYPE_CHECKING:
    from reactiond.settings import Settings

log = structlog.get_logger("reactiond.retention")
DAY = 86400.0


@dataclass(frozen=True)
class Policy:
    raw_days: float = 30.0
    jobs_days: float = 30.0
    logs_days: float = 90.0
    messages_days: float = 90.0
    media_days: float = 30.0
    batch: int = 500

    @classmethod
    def from_settings(cls, s: Settings) -> Policy:
        return cls(
            raw_days=s.retention_raw_days,
            jobs_days=s.retention_jobs_days,
            logs_days=s.retention_logs_days,
            messages_days=s.retention_messages_days,
            media_days=s.retention_media_days,
            batch=s.retention_batch,
        )

    def cutoff(self, age: str, now: float) -> float | None:
        """Rows older than this go; None = keep forever (age 0)."""
        days = {
            "raw": self.raw_days,
            "jobs": self.jobs_days,
            "logs": self.logs_days,
            "messages": self.messages_days,
            "media": self.media_days,
        }[age]
        return None if days <= 0 else now - days * DAY


async def prune(store: Store, policy: Policy, now: float) -> dict[str, int]:
    """Prune everything past its age, batch by batch; return rows touched per target."""
    done: dict[str, int] = {}
    for target in TARGETS:
        cutoff = policy.cutoff(target.age, now)
        if cutoff is None:
            continue
        total = 0
        after = retention_repo.START
        while True:
            found = await store.read(_finder(target, cutoff, policy.batch, after))
            ids, after = found.ids, found.after
            if not ids:
                break
            total += await store.write_bulk(_dropper(target, ids))
            if len(ids) < policy.batch:
                break
            await asyncio.sleep(0)  # let waiting webhooks through between batches
        if total:
            done[target.name] = total
    return done


def _finder(
    target: Target, cutoff: float, n: int, after: tuple[float, int]
) -> Callable[[Transaction], retention_repo.Found]:
    return lambda tx: retention_repo.find_expired(tx, target, cutoff, n, after)


def _dropper(target: Target, ids: list[int]) -> Callable[[Transaction], int]:
    return lambda tx: retention_repo.drop(tx, target, ids)


class RetentionService:
    """Prunes shortly after start, then every `retention_interval_seconds`."""

    # Run by one process at a time among those sharing a database (engine/held.py).
    ONE_PROCESS = "retention"

    def __init__(
        self,
        store: Store,
        settings: Callable[[], Settings],
        clock: Callable[[], float],
        *,
        first_delay: float = 60.0,
    ) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock
        self.first_delay = first_delay
        self.runs = 0
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def run_once(self) -> dict[str, int]:
        s = self.settings()
        pruned = await prune(self.store, Policy.from_settings(s), self.clock())
        self.runs += 1
        if pruned:
            log.info("retention_pruned", **pruned)
        return pruned

    async def _loop(self) -> None:
        await asyncio.sleep(self.first_delay)
        while True:
            try:
                await self.run_once()
            except StoreUnavailable as exc:
                log.warning("retention_skipped", why=exc.reason)
            except Exception:  # a bug here must not stop the next runs
                log.exception("retention_failed")
            await asyncio.sleep(self.settings().retention_interval_seconds)


EVENT_LOG_BATCH = 1000


class EventLogPruner:
    """Keeps the event log bounded: prunes at start and then hourly."""

    # Run by one process at a time among those sharing a database (engine/held.py).
    ONE_PROCESS = "event-log-pruner"

    def __init__(
        self,
        store: Store,
        *,
        keep_rows: int,
        max_age_seconds: float,
        clock: Callable[[], float],
        every: float = 3600.0,
    ) -> None:
        self.store = store
        self.keep_rows = keep_rows
        self.max_age_seconds = max_age_seconds
        self.clock = clock
        self.every = every
        self._task: asyncio.Task[None] | None = None

    async def prune_once(self) -> int:
        now = self.clock()
        dropped = 0
        while True:  # in batches, each its own small write: webhooks commit in between
            n = await self.store.write_bulk(
                lambda tx: events.prune(
                    tx,
                    keep_rows=self.keep_rows,
                    max_age_seconds=self.max_age_seconds,
                    now=now,
                    batch=EVENT_LOG_BATCH,
                )
            )
            dropped += n
            if n < EVENT_LOG_BATCH:
                break
            await asyncio.sleep(0)
        if dropped:
            log.info("event_log_pruned", rows=dropped)
        return dropped

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="reactiond-event-log-pruner")

    async def _run(self) -> None:
        while True:
            try:
                await self.prune_once()
            except StoreUnavailable as exc:
                log.warning("event_log_prune_failed", why=exc.reason)
            await asyncio.sleep(self.every)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


def retention_part(
    store: Store, settings: Callable[[], Settings], clock: Callable[[], float]
) -> Part:
    """Every periodic pruning, in one part: the event log's bound, then the retention
    policy (`settings` is a function: SIGHUP changes the ages live)."""
    s = settings()
    return Part(
        name="retention",
        services=(
            EventLogPruner(
                store,
                keep_rows=s.event_log_keep_rows,
                max_age_seconds=s.event_log_max_age_days * 86400,
                clock=clock,
            ),
            RetentionService(
                store, settings, clock, first_delay=min(60.0, s.retention_interval_seconds)
            ),
        ),
    )
