"""A reaction's trace by its WhatsApp id: the instance is asked for only when the id was
seen on several, as for a message's trace."""

from __future__ import annotations

import pytest

from reactiond.evolution.inbound import Translation, translate
from reactiond.records.errors import RecordNotFound
from reactiond.records.trace import AmbiguousMessage, read_any_reaction_trace
from reactiond.store.sqlite.store import SqliteStore
from tests.fixtures import fixture

PAYLOAD = fixture("messages.upsert.reaction-add")
WHATSAPP_ID = PAYLOAD["data"]["key"]["id"]


async def test_a_whatsapp_id_on_two_instances_needs_one_named(store: SqliteStore) -> None:
    for instance in ("casa", "trabajo"):
        t = translate({**PAYLOAD, "instance": instance}, instance_from_url=instance)
        assert isinstance(t, Translation)
        await store.ingest(t.instance, t.event, t.events, 1_800_000_000.0)
    with pytest.raises(AmbiguousMessage) as asked:
        await store.read(lambda tx: read_any_reaction_trace(tx, WHATSAPP_ID))
    assert asked.value.instances == ["casa", "trabajo"]
    assert str(asked.value).startswith(f"reaction {WHATSAPP_ID!r} was seen on several")
    trace = await store.read(lambda tx: read_any_reaction_trace(tx, WHATSAPP_ID, "trabajo"))
    assert trace.instance == "trabajo" and trace.focus_reaction is not None
    # Its number finds it too, and names the instance it is on.
    number = str(trace.focus_reaction)
    again = await store.read(lambda tx: read_any_reaction_trace(tx, number))
    assert again == trace
    with pytest.raises(RecordNotFound):
        await store.read(lambda tx: read_any_reaction_trace(tx, number, "otra"))
