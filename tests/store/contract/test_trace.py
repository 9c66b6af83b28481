"""The reads behind the trace of one message: its reactions, actions and records."""

from __future__ import annotations

from reactiond.domain import EntityRow
from reactiond.evolution.inbound import Translation, translate
from reactiond.store import reaction_reads, trace_repo
from reactiond.store.interface import Store
from tests.fixtures import INSTANCE, fixture
from tests.store.contract.support import NOW, a_reaction, ingest, write_action


async def test_a_message_s_trace_finds_its_reaction_action_and_records(store: Store) -> None:
    reaction = await a_reaction(store, "t")
    row = EntityRow("tasks", {"title": "x", "tz": "UTC", "language": "es"})
    action_id, created = await store.write(lambda tx: write_action(tx, reaction, [row]))
    target = await store.read(lambda tx: trace_repo.reaction_target(tx, reaction))
    assert target is not None
    instance, message_id = target
    reactions = await store.read(
        lambda tx: trace_repo.reactions_on_message(tx, instance, message_id)
    )
    actions = await store.read(lambda tx: trace_repo.actions_on_message(tx, instance, message_id))
    records = await store.read(
        lambda tx: trace_repo.record_ids_of_message(tx, "tasks", instance, message_id)
    )
    assert len(reactions) == 1 and [int(a["id"]) for a in actions] == [action_id]
    assert records == [(created[0][1], action_id)]
    recent = await store.read(lambda tx: trace_repo.recent_reactions(tx, 5))
    assert len(recent) == 1
    assert await store.read(lambda tx: reaction_reads.reaction_with_reactor(tx, reaction))


async def test_a_message_s_trace_reads_its_text_and_delivery_status(store: Store) -> None:
    text = fixture("messages.upsert.text-conversation.es")
    status = fixture("messages.update.status-read")
    status["data"]["keyId"] = message_id = text["data"]["key"]["id"]
    await ingest(store, text)
    await ingest(store, status)
    row = await store.read(lambda tx: trace_repo.message(tx, INSTANCE, message_id))
    assert row is not None
    assert (row["text"], row["status"]) == (text["data"]["message"]["conversation"], "READ")


async def test_a_reaction_is_found_by_its_whatsapp_id_on_each_instance(store: Store) -> None:
    payload = fixture("messages.upsert.reaction-add")
    whatsapp_id = payload["data"]["key"]["id"]
    for instance in ("trabajo", "casa"):
        t = translate({**payload, "instance": instance}, instance_from_url=instance)
        assert isinstance(t, Translation)
        await store.ingest(t.instance, t.event, t.events, NOW)
    both = await store.read(lambda tx: trace_repo.reactions_by_whatsapp_id(tx, whatsapp_id))
    assert [instance for _, instance in both] == ["casa", "trabajo"]
    one = await store.read(
        lambda tx: trace_repo.reactions_by_whatsapp_id(tx, whatsapp_id, "trabajo")
    )
    assert one == [both[1]]
    for target in await store.read(lambda tx: [trace_repo.reaction_target(tx, i) for i, _ in one]):
        assert target == ("trabajo", payload["data"]["message"]["reactionMessage"]["key"]["id"])
    assert await store.read(lambda tx: trace_repo.reactions_by_whatsapp_id(tx, "NOPE")) == []
