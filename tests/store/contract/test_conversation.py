"""Talking to reactiond (issue 20) as the store keeps it: the daily digest once a day,
what a chat message changed (chat_changes, and "untouched" after an edit), and the open
records a question reads."""

from __future__ import annotations

from reactiond.store import conversation_repo as talk
from reactiond.store.interface import Store
from tests.fixtures import fixture
from tests.store.contract.support import NOW, a_record, ingest


async def a_person(store: Store) -> int:
    await ingest(store, fixture("messages.upsert.text-conversation.es"), NOW)
    found = await store.read(lambda tx: talk.message(tx, "reactiond-demo", "3A5F1C2B7D9E4A6B8C01"))
    assert found is not None
    return int(found["author_id"])


async def test_a_digest_is_set_read_and_marked_once_a_day(store: Store) -> None:
    person = await a_person(store)
    d = talk.Digest(person, "reactiond-demo", "5215587654321", 8, 0, "UTC", "es", True)
    await store.write(lambda tx: talk.set_digest(tx, d, NOW))
    got = await store.read(lambda tx: talk.get_digest(tx, person))
    assert got is not None and (got.hour, got.minute, got.enabled) == (8, 0, True)
    assert await store.write(lambda tx: talk.mark_digest_day(tx, person, "2027-01-15", NOW))
    assert not await store.write(lambda tx: talk.mark_digest_day(tx, person, "2027-01-15", NOW))
    assert await store.write(lambda tx: talk.mark_digest_day(tx, person, "2027-01-16", NOW))
    assert [x.person_id for x in await store.read(talk.list_digests)] == [person]


async def test_an_edits_change_is_the_records_last_and_questions_read_open_ones(
    store: Store,
) -> None:
    task = await a_record(
        store, "T", "tasks", title="Llamar", due_local="2027-01-15T10:00", due_at=None
    )
    change = talk.ChatChange("edit", "reactiond-demo", "M", None, "task", task, None, {}, NOW + 5)
    await store.write(lambda tx: talk.add_chat_change(tx, change))
    assert await store.read(lambda tx: talk.last_edit_change(tx, "task", task)) == NOW + 5
    assert len(await store.read(lambda tx: talk.chat_changes_of(tx, "task", task))) == 1
    due = await store.read(lambda tx: talk.open_tasks_due(tx, None, "2027-01-15", "2027-01-16", 10))
    assert [r["id"] for r in due] == [task]
    later = await store.read(lambda tx: talk.open_tasks_due(tx, None, "2027-01-16", None, 10))
    assert later == []


async def test_talk_rules_and_who_may_ask_are_kept(store: Store) -> None:
    assert await store.read(talk.talk_rules) is None
    assert await store.read(talk.askers) == ()  # nobody but the owner, until told
    await store.write(lambda tx: talk.set_talk_rules(tx, '{"questions": false}', NOW))
    await store.write(lambda tx: talk.set_askers(tx, ("5215587654321", "1234@lid"), NOW))
    assert await store.read(talk.talk_rules) == '{"questions": false}'
    assert await store.read(talk.askers) == ("5215587654321", "1234@lid")
    await store.write(lambda tx: talk.set_askers(tx, None, NOW))
    assert await store.read(talk.askers) is None  # anyone


async def test_a_flood_counts_only_messages_to_reactiond(store: Store) -> None:
    owner = "5215512345678@s.whatsapp.net"
    for i, chat in enumerate((owner, owner, "5215587654321@s.whatsapp.net", owner)):
        p = fixture("messages.upsert.text-conversation.es")
        p["data"]["key"].update(id=f"FLOOD-{i}", remoteJid=chat, fromMe=True)
        p["data"]["key"].pop("remoteJidAlt", None)
        await ingest(store, p, NOW + i)
    last = await store.read(lambda tx: talk.message(tx, "reactiond-demo", "FLOOD-3"))
    assert last is not None
    n = await store.read(
        lambda tx: talk.recent_messages_of(tx, int(last["author_id"]), NOW - 1, int(last["id"]))
    )
    assert n == 2  # the two earlier ones in the owner's own chat, not the one to Lucía
