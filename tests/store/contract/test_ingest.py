"""Ingest: every event of one webhook request stored once, with its jobs, in one
transaction; redeliveries are no-ops; people are one person whatever identity they use."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from reactiond.domain import Reaction
from reactiond.engine.rule_book import seed_default_rules
from reactiond.store import people_repo, reaction_reads
from reactiond.store.interface import JobPriority, Row, Store
from tests.fixtures import INSTANCE, fixture, with_ids
from tests.store.contract.conftest import MakeStore
from tests.store.contract.support import NOW, ingest

MESSAGE_ID = "A7C31E9B05D24F68B1E0C9D8F7A6B5C4"  # messages.upsert.text-extended-normalized.en


async def test_a_message_is_stored_once_however_often_it_is_delivered(store: Store) -> None:
    payload = fixture("messages.upsert.text-conversation.es")
    first = await ingest(store, payload)
    again = await ingest(store, payload)
    assert (first.stored, again.stored, again.duplicates) == (1, 0, 1)
    message_id = payload["data"]["key"]["id"]
    message = await store.read(
        lambda tx: reaction_reads.message_with_author(tx, INSTANCE, message_id)
    )
    assert message is not None and message["text"] == payload["data"]["message"]["conversation"]


async def test_a_reaction_and_its_job_are_stored_together_once(store: Store) -> None:
    payload = fixture("messages.upsert.reaction-add")
    first = await ingest(store, payload)
    again = await ingest(store, payload)
    assert (first.jobs_enqueued, again.jobs_enqueued, again.duplicates) == (1, 0, 1)
    [job] = await store.list_jobs(kind="reaction")
    reaction = await store.read(
        lambda tx: reaction_reads.reaction_with_reactor(tx, int(job.payload["reaction"]))
    )
    assert reaction is not None and reaction["emoji"] == "✅"


async def test_ignored_events_are_counted(store: Store) -> None:
    await ingest(store, fixture("connection.update.open"))
    await ingest(store, fixture("connection.update.open"))
    assert (await store.queue_stats(NOW)).events_ignored == {"connection.update": 2}


async def test_an_edit_replaces_the_stored_text(store: Store) -> None:
    await ingest(store, fixture("messages.upsert.text-extended-normalized.en"))
    await ingest(store, fixture("messages.edited.text-edit"))
    message = await store.read(
        lambda tx: reaction_reads.message_with_author(tx, INSTANCE, MESSAGE_ID)
    )
    assert message is not None and message["text"] == "Review presentation by Thursday"


async def test_a_person_seen_by_phone_and_by_lid_is_one_person(store: Store) -> None:
    await ingest(store, fixture("messages.upsert.text-conversation.es"))
    await ingest(store, fixture("messages.upsert.text-lid"))
    await ingest(store, fixture("messages.upsert.reaction-lid"))
    people = await store.read(people_repo.list_people)
    lucia = [p for p in people if "5215587654321@s.whatsapp.net" in p.identities]
    assert len(lucia) == 1
    assert any(i.endswith("@lid") for i in lucia[0].identities)


async def test_identities_first_seen_apart_are_merged_when_seen_together(store: Store) -> None:
    lid_only = fixture("messages.upsert.text-lid")
    del lid_only["data"]["key"]["remoteJidAlt"]
    phone_only = with_ids(fixture("messages.upsert.text-conversation.es"), "x")
    del phone_only["data"]["key"]["remoteJidAlt"]
    await ingest(store, lid_only)
    await ingest(store, phone_only)
    assert len(await store.read(people_repo.list_people)) == 2
    await ingest(store, fixture("messages.upsert.text-lid"))  # carries both identities
    [person] = await store.read(people_repo.list_people)
    assert person.jid == "5215587654321@s.whatsapp.net"


async def test_a_known_sender_who_changes_their_name_is_renamed(store: Store) -> None:
    renamed = with_ids(fixture("messages.upsert.text-conversation.es"), "later")
    renamed["data"]["pushName"] = "Lucía H."
    await ingest(store, fixture("messages.upsert.text-conversation.es"))
    await ingest(store, renamed)
    assert [p.name for p in await store.read(people_repo.list_people)] == ["Lucía H."]


async def test_a_reaction_job_takes_the_priority_the_store_was_given(
    make_store: MakeStore,
) -> None:
    """The store reads the enabled rules naming the emoji as the priority names it, and
    the priority decides from them."""
    seen: list[tuple[str, list[str]]] = []

    def decide(rule_rows: Sequence[Row], reaction: Reaction) -> int:
        seen.append((reaction.emoji, sorted(str(r["name"]) for r in rule_rows)))
        return 40

    store = await make_store(job_priority=JobPriority(emoji_key=lambda e: e, decide=decide))
    await store.write(lambda tx: seed_default_rules(tx, NOW))
    await ingest(store, fixture("messages.upsert.reaction-add"))
    [job] = await store.list_jobs(kind="reaction")
    assert (job.priority, seen) == (40, [("✅", ["task"])])


async def test_an_emoji_no_rule_could_name_asks_no_priority(make_store: MakeStore) -> None:
    def decide(rule_rows: Sequence[Row], reaction: Reaction) -> int:
        raise AssertionError("not asked")

    store = await make_store(job_priority=JobPriority(emoji_key=lambda e: "", decide=decide))
    await ingest(store, fixture("messages.upsert.reaction-add"))
    [job] = await store.list_jobs(kind="reaction")
    assert job.priority == 0


async def test_without_a_priority_every_reaction_job_is_ordinary(store: Store) -> None:
    await ingest(store, fixture("messages.upsert.reaction-add"))
    [job] = await store.list_jobs(kind="reaction")
    assert job.priority == 0


async def test_a_failing_priority_stores_nothing_of_the_request(make_store: MakeStore) -> None:
    def broken(rule_rows: Sequence[Row], reaction: Reaction) -> int:
        raise RuntimeError("boom")

    store = await make_store(job_priority=JobPriority(emoji_key=lambda e: e, decide=broken))
    with pytest.raises(RuntimeError):
        await ingest(store, fixture("messages.upsert.reaction-add"))
    assert await store.list_jobs() == []
    assert await store.read(people_repo.list_people) == []


async def test_concurrent_requests_are_each_stored_once(store: Store) -> None:
    payload = fixture("messages.upsert.reaction-add")
    await asyncio.gather(*(ingest(store, with_ids(payload, str(i))) for i in range(50)))
    await asyncio.gather(*(ingest(store, with_ids(payload, str(i))) for i in range(50)))
    assert len(await store.list_jobs(kind="reaction", limit=500)) == 50


async def test_a_reaction_removal_is_kept_and_queued_too(store: Store) -> None:
    outcome = await ingest(store, fixture("messages.upsert.reaction-remove"))
    assert outcome.jobs_enqueued == 1


async def test_a_person_known_by_lid_gets_their_phone_jid_when_it_appears(store: Store) -> None:
    lid_only = fixture("messages.upsert.text-lid")
    del lid_only["data"]["key"]["remoteJidAlt"]
    await ingest(store, lid_only)
    await ingest(store, with_ids(fixture("messages.upsert.text-lid"), "both"))
    assert [p.jid for p in await store.read(people_repo.list_people)] == [
        "5215587654321@s.whatsapp.net"
    ]


async def test_a_known_sender_seen_with_a_new_identity_gains_it(store: Store) -> None:
    phone_only = fixture("messages.upsert.text-conversation.es")
    del phone_only["data"]["key"]["remoteJidAlt"]
    await ingest(store, phone_only)
    await ingest(store, with_ids(fixture("messages.upsert.text-conversation.es"), "with-lid"))
    [person] = await store.read(people_repo.list_people)
    assert len(person.identities) == 2
