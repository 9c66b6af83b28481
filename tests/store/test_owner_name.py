"""The owner's display name is kept from their own (fromMe) payloads, except Evolution's
placeholder "Você", and never given to a contact when the owner is unknown."""

from __future__ import annotations

import time
from typing import Any

from reactiond.evolution.inbound import Translation, translate
from reactiond.store.sqlite.store import SqliteStore
from tests.fixtures import INSTANCE, fixture, with_ids

OWNER = "5215512345678@s.whatsapp.net"
CONTACT = "5215587654321@s.whatsapp.net"


async def ingest(store: SqliteStore, payload: dict[str, Any]) -> None:
    t = translate(payload, instance_from_url=INSTANCE)
    assert isinstance(t, Translation)
    await store.ingest(t.instance, t.event, t.events, time.time())


async def name_of(store: SqliteStore, jid: str) -> str | None:
    row = await store.read(
        lambda tx: tx.execute_one(
            "SELECT p.name FROM people p JOIN person_ids i ON i.person_id = p.id WHERE i.jid = ?",
            (jid,),
        )
    )
    assert row is not None, jid
    name: str | None = row["name"]
    return name


async def test_the_owners_reaction_names_the_owner(store: SqliteStore) -> None:
    await ingest(store, fixture("messages.upsert.reaction-add"))
    assert await name_of(store, OWNER) == "Ana Torres"


async def test_the_placeholder_voce_does_not_replace_the_owners_name(store: SqliteStore) -> None:
    await ingest(store, fixture("messages.upsert.reaction-add"))
    again = with_ids(fixture("messages.upsert.reaction-add"), "2")
    again["data"]["pushName"] = "Você"
    await ingest(store, again)
    assert await name_of(store, OWNER) == "Ana Torres"


async def test_without_the_owner_known_the_contact_is_not_given_the_owners_name(
    store: SqliteStore,
) -> None:
    await ingest(store, fixture("messages.upsert.text-conversation.es"))
    before = await name_of(store, CONTACT)
    payload = fixture("messages.upsert.reaction-add")
    del payload["sender"]
    await ingest(store, payload)
    assert await name_of(store, CONTACT) == before != "Ana Torres"
