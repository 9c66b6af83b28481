"""The owner's display name is kept from their own (fromMe) payloads, except Evolution's
placeholder "Você", and never given to a contact when the owner is unknown."""

from __future__ import annotations

import time
from typing import Any

from reactiond.evolution.inbound import Translation, translate
from reactiond.store import people_repo
from reactiond.store.interface import Store
from tests.fixtures import INSTANCE, fixture, with_ids

OWNER = "5215512345678@s.whatsapp.net"
CONTACT = "5215587654321@s.whatsapp.net"


async def ingest(store: Store, payload: dict[str, Any]) -> None:
    t = translate(payload, instance_from_url=INSTANCE)
    assert isinstance(t, Translation)
    await store.ingest(t.instance, t.event, t.events, time.time())


async def name_of(store: Store, jid: str) -> str | None:
    people = await store.read(people_repo.list_people)
    [person] = [p for p in people if jid in p.identities]
    return person.name


async def test_the_owners_reaction_names_the_owner(store: Store) -> None:
    await ingest(store, fixture("messages.upsert.reaction-add"))
    assert await name_of(store, OWNER) == "Ana Torres"


async def test_the_placeholder_voce_does_not_replace_the_owners_name(store: Store) -> None:
    await ingest(store, fixture("messages.upsert.reaction-add"))
    again = with_ids(fixture("messages.upsert.reaction-add"), "2")
    again["data"]["pushName"] = "Você"
    await ingest(store, again)
    assert await name_of(store, OWNER) == "Ana Torres"


async def test_without_the_owner_known_the_contact_is_not_given_the_owners_name(
    store: Store,
) -> None:
    await ingest(store, fixture("messages.upsert.text-conversation.es"))
    before = await name_of(store, CONTACT)
    payload = fixture("messages.upsert.reaction-add")
    del payload["sender"]
    await ingest(store, payload)
    assert await name_of(store, CONTACT) == before != "Ana Torres"
