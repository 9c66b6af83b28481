"""The daily digest goes out once a day (issue 20 §5), however many runs of it there are
(a redelivered job, a second worker, a time moved and moved back): the day is marked in
the transaction that queues the text."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from reactiond.domain import Job, JobStatus
from reactiond.engine.digest import DigestHandler, digest_job
from reactiond.evolution.inbound import Translation, translate
from reactiond.store import conversation_repo as talk
from reactiond.store import outbox
from reactiond.store.interface import Transaction
from reactiond.store.sqlite.store import SqliteStore
from tests import store_reads, store_writes
from tests.fixtures import INSTANCE, fixture

MX = "America/Mexico_City"


async def owner(store: SqliteStore) -> int:
    p = fixture("messages.upsert.text-conversation.es")
    p["data"]["key"].update(remoteJid="5215512345678@s.whatsapp.net", fromMe=True)
    t = translate(p, instance_from_url=INSTANCE)
    assert isinstance(t, Translation)
    await store.ingest(t.instance, t.event, t.events, time.time())
    row = await store_reads.message(store, INSTANCE, p["data"]["key"]["id"])
    assert row is not None
    return int(row["author_id"])


def as_job(d: talk.Digest, now: float, job_id: int) -> Job:
    new = digest_job(d, now)
    at = float(new.run_at or now)
    return Job(job_id, new.kind, new.payload, 0, JobStatus.RUNNING, 1, 5, at, "w", None, None,
               now, now, new.dedupe_key)  # fmt: skip


async def test_a_day_with_nothing_due_is_spent_and_tomorrows_queued(store: SqliteStore) -> None:
    person = await owner(store)
    d = talk.Digest(person, INSTANCE, "5215512345678", 8, 0, MX, "es", True, everyone=True)
    now = time.time()
    await store.write(lambda tx: talk.set_digest(tx, d, now))
    job = as_job(d, now, 1)
    day = datetime.fromisoformat(job.payload["day"]).date()
    at_eight = datetime(day.year, day.month, day.day, 8, 1, tzinfo=ZoneInfo(MX)).timestamp()
    handler = DigestHandler(store, clock=lambda: at_eight)
    for _ in range(2):
        effects = await handler(job)
        assert effects is not None
        await store.write(effects)
    marked = await store.read(lambda tx: talk.get_digest(tx, person))
    assert marked is not None and marked.last_day == day.isoformat()
    # nothing was due, so nothing was said; the day is spent all the same
    assert await store.read(outbox.counts) == {}
    tomorrow = [j for j in await store_reads.jobs(store, "digest") if j.status == "queued"]
    assert [j.dedupe_key for j in tomorrow] == [
        f"digest:{person}:{(day + timedelta(days=1)).isoformat()}:0800"
    ]


async def test_a_days_digest_is_queued_once_whatever_runs_it(store: SqliteStore) -> None:
    person = await owner(store)
    d = talk.Digest(person, INSTANCE, "5215512345678", 8, 0, MX, "es", True, everyone=True)
    now = time.time()

    def seed(tx: Transaction) -> None:
        talk.set_digest(tx, d, now)
        src = store_writes.reaction_source(
            tx, person_id=person, instance=INSTANCE, reaction_id="R1", message_id="M1",
            chat="c", emoji="✅", sent_at_ms=1, now=1,
        )  # fmt: skip
        task = {"title": "Llamar", "due_local": "2000-01-01", "tz": MX, "language": "es"}
        store_writes.record(tx, src, "tasks", task, action="create_task", now=1)

    await store.write(seed)
    job = as_job(d, now, 1)
    day = datetime.fromisoformat(job.payload["day"]).date()
    at_eight = datetime(day.year, day.month, day.day, 8, 1, tzinfo=ZoneInfo(MX)).timestamp()
    handlers = [DigestHandler(store, clock=lambda: at_eight) for _ in range(2)]
    planned = [await h(job) for h in handlers]  # two workers read before either writes
    for effects in planned:
        assert effects is not None
        await store.write(effects)
    assert await store.read(outbox.counts) == {"pending": 1}
