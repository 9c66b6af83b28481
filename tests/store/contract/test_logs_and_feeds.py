"""The event log (what the live stream shows), its wake-ups, analytics over the action
and parse logs, the health snapshot, calendar feeds, and retention."""

from __future__ import annotations

import json

from reactiond.store import analytics_repo, events, feeds_repo, records_repo, retention_repo
from reactiond.store.interface import Store
from reactiond.store.snapshot import instances_seen, probe_write, take_snapshot
from tests.fixtures import fixture
from tests.store.contract.support import NOW, a_record, ingest


async def test_an_event_wakes_its_subscribers_after_commit(store: Store) -> None:
    woken: list[str] = []
    store.subscribe(events.TOPIC, lambda: woken.append("event"))
    assert await store.read(events.last_event_id) == 0
    first = await store.write(lambda tx: events.log_event(tx, "record.created", {"id": 1}, NOW))
    second = await store.write(lambda tx: events.log_event(tx, "record.updated", {"id": 1}, NOW))
    assert woken == ["event", "event"]
    assert await store.read(events.last_event_id) == second
    assert await store.read(events.oldest_event_id) == first
    [after] = await store.read(lambda tx: events.events_after(tx, first))
    assert (after.type, after.data) == ("record.updated", {"id": 1})


async def test_a_job_enqueued_wakes_the_jobs_topic(store: Store) -> None:
    from reactiond.domain import NewJob
    from reactiond.store.interface import JOBS_TOPIC

    woken: list[str] = []
    store.subscribe(JOBS_TOPIC, lambda: woken.append("jobs"))
    await store.enqueue(NewJob("reaction", {}), NOW)
    await ingest(store, fixture("messages.upsert.reaction-add"))
    await ingest(store, fixture("connection.update.open"))  # no job: no wake-up
    assert woken == ["jobs", "jobs"]


async def test_analytics_count_parses_and_actions_in_a_window(store: Store) -> None:
    await a_record(store, "a", "tasks", title="x")
    for success in (True, False):
        await store.write(
            lambda tx, ok=success: records_repo.insert_nlp_log(
                tx, None, "task", "es", ok, 0.5, None, 100, NOW
            )
        )
    [parses] = await store.read(lambda tx: analytics_repo.parse_figures(tx, NOW - 1, NOW + 1))
    assert (parses["parser"], parses["total"], parses["ok"]) == ("task", 2, 1)
    [group] = await store.read(lambda tx: analytics_repo.action_groups(tx, NOW - 1, NOW + 1))
    assert (group["emoji"], group["n"], group["ok"]) == ("✅", 1, 1)
    [top] = await store.read(lambda tx: analytics_repo.top_reactors(tx, NOW - 1, NOW + 1, 5))
    assert top["n"] == 1
    times = await store.read(lambda tx: analytics_repo.action_times(tx, NOW - 1, NOW + 1))
    assert times == [(NOW, 1)]
    assert await store.read(lambda tx: analytics_repo.parse_figures(tx, NOW + 1, NOW + 2)) == []


async def test_the_snapshot_counts_jobs_replies_and_webhooks(store: Store) -> None:
    await ingest(store, fixture("messages.upsert.reaction-add"), now=NOW)
    await store.write(lambda tx: probe_write(tx, NOW))  # leaves nothing behind
    snap = await store.read(lambda tx: take_snapshot(tx, NOW + 10))
    assert snap.jobs_by_status["queued"] == 1 and snap.queue_depth == 1
    assert snap.oldest_queued_age_s == 10
    assert snap.last_webhook_at == NOW
    assert await store.read(lambda tx: instances_seen(tx, 5)) == ["reactiond-demo"]
    assert await store.read(events.last_event_id) == 0


async def test_a_feed_is_found_by_its_token_until_revoked(store: Store) -> None:
    feed = await store.write(lambda tx: feeds_repo.insert_feed(tx, "h1", "casa", "{}", NOW))
    found = await store.read(lambda tx: feeds_repo.live_feed_by_token(tx, "h1"))
    assert found is not None and found["name"] == "casa"
    await store.write(lambda tx: feeds_repo.set_feed_token(tx, int(feed["id"]), "h2"))
    assert await store.read(lambda tx: feeds_repo.live_feed_by_token(tx, "h1")) is None
    await store.write(lambda tx: feeds_repo.revoke_feed(tx, int(feed["id"]), NOW))
    assert await store.read(lambda tx: feeds_repo.live_feed_by_token(tx, "h2")) is None
    [kept] = await store.read(feeds_repo.list_feeds)
    assert kept["revoked_at"] == NOW
    assert await store.read(lambda tx: feeds_repo.feed_by_id(tx, int(feed["id"]))) is not None


async def test_retention_finds_and_drops_only_what_is_old(store: Store) -> None:
    for at in (NOW - 100, NOW - 100, NOW):
        await store.write(lambda tx, t=at: events.log_event(tx, "x", {}, t))
    target = next(t for t in retention_repo.TARGETS if t.name == "event_log")
    old = await store.read(lambda tx: retention_repo.find_expired(tx, target, NOW - 50, 1))
    assert len(old.ids) == 1  # at most a batch
    old = await store.read(lambda tx: retention_repo.find_expired(tx, target, NOW - 50, 10))
    assert await store.write(lambda tx: retention_repo.drop(tx, target, old.ids)) == 2
    assert [e.created_at for e in await store.read(lambda tx: events.events_after(tx, 0))] == [NOW]


async def test_retention_drops_every_kind_it_knows(store: Store) -> None:
    await ingest(store, fixture("messages.upsert.text-conversation.es"), now=NOW - 100)
    for target in retention_repo.TARGETS:
        found = await store.read(lambda tx, t=target: retention_repo.find_expired(tx, t, NOW, 100))
        await store.write(lambda tx, t=target, i=found.ids: retention_repo.drop(tx, t, i))
    for target in retention_repo.TARGETS:
        left = await store.read(lambda tx, t=target: retention_repo.find_expired(tx, t, NOW, 100))
        assert left.ids == [], target.name
    by_status = await store.read(lambda tx: take_snapshot(tx, NOW).outbox_by_status)
    assert not any(by_status.values()), json.dumps(by_status)


async def test_the_snapshot_counts_follow_every_change_of_status(store: Store) -> None:
    """Health's counts are kept as rows change (SQLite: triggers on one row per status;
    PostgreSQL: per-session rows added up): they match what happened, zeros included."""
    from reactiond.domain import NewJob
    from reactiond.store import outbox

    for n in range(3):
        await store.enqueue(NewJob("reaction", {"n": n}), NOW)
    job = await store.claim_next_job(["reaction"], "w1", 30.0, NOW)
    assert job is not None
    await store.complete_job(job, "w1", NOW)
    await store.claim_next_job(["reaction"], "w1", 30.0, NOW)
    for n in range(2):
        await store.write(
            lambda tx, k=n: outbox.queue_text(
                tx, dedupe_key=f"k{k}", instance="i", destination="d", text="hola", now=NOW
            )
        )
    [head] = await store.read(lambda tx: outbox.due_heads(tx, NOW, busy=(), limit=5))
    await store.write(lambda tx: outbox.mark_sent(tx, head, "m1", NOW))
    await store.write(
        lambda tx: records_repo.insert_nlp_log(tx, None, "task", "es", True, 0.9, None, 10, NOW)
    )
    snap = await store.read(lambda tx: take_snapshot(tx, NOW))
    assert snap.jobs_by_status == {"queued": 1, "running": 1, "done": 1, "dead": 0, "cancelled": 0}
    assert snap.outbox_by_status == {
        "pending": 1,
        "sending": 0,
        "sent": 1,
        "dead": 0,
        "cancelled": 0,
    }
    assert snap.nlp_results == {("task", "es", "success"): 1}
