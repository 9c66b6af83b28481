"""What a reaction's job reads around the reaction (store/reaction_reads.py
`around_reaction`): its reactor's identities, the message, later reactions, the pace,
the rules and earlier actions, read together; and whether the message carries a file,
so that a reaction to a text message reads no media."""

from __future__ import annotations

import copy
from typing import Any

from reactiond.store import reaction_reads
from reactiond.store.interface import Store
from tests.fixtures import fixture
from tests.media_payloads import image_message
from tests.store.contract.support import NOW, ingest


def reaction_to(message_id: str, reaction_id: str) -> dict[str, Any]:
    payload = copy.deepcopy(fixture("messages.upsert.reaction-add"))
    payload["data"]["key"]["id"] = reaction_id
    payload["data"]["message"]["reactionMessage"]["key"]["id"] = message_id
    return payload


async def around(store: Store) -> reaction_reads.AroundReaction:
    [job] = await store.list_jobs(kind="reaction")
    row_id = int(job.payload["reaction"])

    def read(tx: Any) -> reaction_reads.AroundReaction:
        reaction = reaction_reads.reaction_with_reactor(tx, row_id)
        assert reaction is not None
        return reaction_reads.around_reaction(tx, reaction, since=0.0)

    return await store.read(read)


async def test_a_reaction_to_a_text_message_reads_it_and_no_file(store: Store) -> None:
    text = fixture("messages.upsert.text-conversation.es")
    await ingest(store, text, now=NOW)
    await ingest(store, reaction_to(text["data"]["key"]["id"], "R-TEXT"), now=NOW)
    found = await around(store)
    assert found.message is not None
    assert found.message["text"] == text["data"]["message"]["conversation"]
    assert not found.message["has_media"]
    assert found.identities  # the reactor's own JID at least
    assert (found.newer_exists, found.recent, found.live_actions) == (False, 0, [])  # none before


async def test_a_reaction_to_a_picture_knows_a_file_came_with_it(store: Store) -> None:
    await ingest(store, image_message("IMG-R", caption="luz"), now=NOW)
    await ingest(store, reaction_to("IMG-R", "R-IMG"), now=NOW)
    found = await around(store)
    assert found.message is not None and found.message["has_media"]


async def test_an_unseen_message_is_none_and_the_rest_is_still_read(store: Store) -> None:
    await ingest(store, reaction_to("NEVER-STORED", "R-UNSEEN"), now=NOW)
    found = await around(store)
    assert found.message is None
    assert found.identities and found.recent == 0


async def test_a_message_deleted_before_the_reaction_is_read_deleted(store: Store) -> None:
    text = fixture("messages.upsert.text-conversation.es")
    message_id = text["data"]["key"]["id"]
    await ingest(store, text, now=NOW)
    revoke = copy.deepcopy(fixture("messages.delete.revoke"))
    revoke["data"]["id"] = message_id
    await ingest(store, revoke, now=NOW + 1)
    await ingest(store, reaction_to(message_id, "R-DELETED"), now=NOW + 2)
    found = await around(store)
    assert found.message is not None and found.message["deleted_at"] == NOW + 1
    assert found.talk_rules is None  # none stored: the defaults follow deletions
