"""The daily digest (issue 20 §5): at a person's chosen local time, what is due today and
overdue, in their language; skipped when there is nothing to say.

Each digest is a durable delayed job (`digest`) keyed by person, day and time, so a
restart finds it where it was and a redelivery or a second worker cannot queue it
twice; the day is marked sent in the same transaction as the reply is queued
(`mark_digest_day`), so it goes out once a day whatever runs it. Each run queues the
next day's. A time changed meanwhile leaves the old job to find it moved and stop."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import structlog

from reactiond.conversation.digest import next_digest
from reactiond.domain import Job, NewJob
from reactiond.engine.conversation_context import language
from reactiond.engine.questions import digest_text
from reactiond.engine.worker import Effects
from reactiond.store import conversation_repo as talk
from reactiond.store import outbox
from reactiond.store.interface import Store, Transaction

log = structlog.get_logger("reactiond.digest")
KIND = talk.DIGEST


def digest_job(d: talk.Digest, now: float) -> NewJob:
    at, day = next_digest(d.hour, d.minute, d.tz, now)
    return NewJob(
        kind=KIND,
        payload={"person": d.person_id, "day": day.isoformat(), "hour": d.hour, "minute": d.minute},
        dedupe_key=f"digest:{d.person_id}:{day.isoformat()}:{d.hour:02d}{d.minute:02d}",
        run_at=at,
        max_attempts=5,
    )


def schedule_digest(tx: Transaction, d: talk.Digest, now: float) -> None:
    """Turn a person's digest on (or move it), and queue its next run."""
    talk.set_digest(tx, d, now)
    if d.enabled:
        tx.enqueue(digest_job(d, now), now)


class DigestHandler:
    def __init__(
        self, store: Store, *, cap: int = 10, clock: Callable[[], float] = time.time
    ) -> None:
        self.store = store
        self.cap = cap
        self.clock = clock

    async def __call__(self, job: Job) -> Effects | None:
        p = job.payload
        person = int(p["person"])
        day = str(p["day"])
        d = await self.store.read(lambda tx: talk.get_digest(tx, person))
        bound = log.bind(job_id=job.id, person_id=person, day=day)
        if d is None or not d.enabled:
            bound.info("digest_skipped", why="turned off")
            return None
        if (d.hour, d.minute) != (int(p["hour"]), int(p["minute"])):
            bound.info("digest_skipped", why="moved to another time")
            return None
        now = self.clock()
        cap = self.cap
        lang = language(d.language)
        today = date.fromisoformat(day)
        if datetime.fromtimestamp(now, ZoneInfo(d.tz)).date() > today:
            bound.info("digest_skipped", why="its day is over (the daemon was down)")

            def next_only(tx: Transaction) -> None:
                tx.enqueue(digest_job(d, now), now)

            return next_only
        person_filter = None if d.everyone else person

        def effects(tx: Transaction) -> None:
            # The next day's first, so that a day with nothing to say still goes on.
            tx.enqueue(digest_job(d, max(now, job.run_at + 60)), now)
            if not talk.mark_digest_day(tx, person, day, now):
                bound.info("digest_skipped", why="already sent today")
                return
            text = digest_text(tx, person=person_filter, today=today, tz=d.tz, lang=lang, cap=cap)
            if text is None:
                bound.info("digest_skipped", why="nothing due")
                return
            outbox.queue_text(
                tx,
                dedupe_key=f"digest:{person}:{day}",
                instance=d.instance,
                destination=d.destination,
                text=text,
                language=lang,
                now=now,
            )
            bound.info("digest_queued")

        return effects
