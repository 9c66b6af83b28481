"""A findMessages record read through the webhook translation."""

from __future__ import annotations

from reactiond.engine.fetch_message import message_of
from tests.fixtures import INSTANCE, fixture


def test_record_becomes_the_message_with_its_author_and_send_time() -> None:
    data = fixture("messages.upsert.text-conversation.es")["data"]
    message = message_of(data, INSTANCE, data["key"]["id"], "5215512345678@s.whatsapp.net")
    assert message is not None
    assert (message.text, message.sent_at, message.from_me) == (
        "Pagar luz CFE $890 vence 15 enero",
        1736871000,
        False,
    )


def test_owners_own_message_is_read_as_from_me() -> None:
    data = fixture("messages.upsert.text-conversation.es")["data"]
    data["key"]["fromMe"] = True
    message = message_of(data, INSTANCE, data["key"]["id"], "5215512345678@s.whatsapp.net")
    assert message is not None and message.from_me


def test_record_that_is_a_reaction_is_not_a_message() -> None:
    data = fixture("messages.upsert.reaction-add")["data"]
    assert message_of(data, INSTANCE, data["key"]["id"], None) is None


def test_record_with_another_id_is_not_the_message() -> None:
    data = fixture("messages.upsert.text-conversation.es")["data"]
    assert message_of(data, INSTANCE, "SOMEONE-ELSE", None) is None


def test_record_without_a_timestamp_is_not_a_message() -> None:
    data = fixture("messages.upsert.text-conversation.es")["data"]
    del data["messageTimestamp"]
    assert message_of(data, INSTANCE, data["key"]["id"], None) is None
