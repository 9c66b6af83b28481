"""Evolution payload → domain events, for every shape the contract lists."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reactiond.domain import (
    EventIgnored,
    Message,
    MessageDeleted,
    MessageEdited,
    MessageKind,
    MessageStatusChanged,
    Reaction,
)
from reactiond.evolution.inbound import (
    PayloadRejected,
    Translation,
    normalise_event_name,
    translate,
)
from tests.fixtures import INSTANCE, fixture, fixture_names

OWNER = "5215512345678@s.whatsapp.net"


def one(payload: dict[str, Any], event_from_url: str | None = None) -> Any:
    result = translate(payload, instance_from_url=INSTANCE, event_from_url=event_from_url)
    assert isinstance(result, Translation), result
    assert len(result.events) == 1
    return result.events[0]


def test_plain_conversation_text_is_a_text_message() -> None:
    m = one(fixture("messages.upsert.text-conversation.es"))
    assert isinstance(m, Message)
    assert m.text == "Pagar luz CFE $890 vence 15 enero"
    assert m.kind is MessageKind.TEXT
    assert m.message_id == "3A5F1C2B7D9E4A6B8C01"
    assert m.sent_at == 1736871000
    assert not m.from_me and not m.is_group
    assert m.owner_jid == OWNER


def test_raw_extended_text_of_evolution_2_0_is_read() -> None:
    m = one(fixture("messages.upsert.text-extended.v2.0"))
    assert m.text == "Review presentation by Friday"
    assert m.quoted_message_id == "3EB0A1B2C3D4E5F6A7B8C9"


def test_normalised_extended_text_keeps_the_quote_from_top_level_context() -> None:
    m = one(fixture("messages.upsert.text-extended-normalized.en"))
    assert m.text == "Review presentation by Friday"


def test_both_extended_text_shapes_yield_the_same_message_text_and_id() -> None:
    old = one(fixture("messages.upsert.text-extended.v2.0"))
    new = one(fixture("messages.upsert.text-extended-normalized.en"))
    assert (old.message_id, old.text, old.sent_at) == (new.message_id, new.text, new.sent_at)


def test_image_caption_is_the_text_of_a_media_message() -> None:
    m = one(fixture("messages.upsert.image-caption"))
    assert m.kind is MessageKind.MEDIA
    assert m.text == "Recibo de luz: pagar antes del 15 enero"


def test_voice_note_is_kept_without_text() -> None:
    m = one(fixture("messages.upsert.audio-ptt"))
    assert m.kind is MessageKind.AUDIO
    assert m.text is None


def test_ephemeral_wrapper_is_unwrapped() -> None:
    m = one(fixture("messages.upsert.ephemeral-wrapped"))
    assert m.text == "Send the budget draft tomorrow"


def test_view_once_wrapper_is_unwrapped() -> None:
    p = fixture("messages.upsert.text-conversation.es")
    p["data"]["message"] = {"viewOnceMessageV2": {"message": {"imageMessage": {"caption": "hi"}}}}
    assert one(p).text == "hi"


def test_group_message_keeps_its_participant_as_author() -> None:
    m = one(fixture("messages.upsert.group-text.pt"))
    assert m.is_group
    assert m.chat_jid == "120363041234567890@g.us"
    assert m.author.jids == {"5511987654321@s.whatsapp.net", "190000000000004@lid"}


def test_lid_addressed_author_is_known_by_both_identities() -> None:
    m = one(fixture("messages.upsert.text-lid"))
    assert m.author.jids == {"190000000000002@lid", "5215587654321@s.whatsapp.net"}
    assert m.author.display_jid == "5215587654321@s.whatsapp.net"


def test_reaction_add_is_the_owners_own_and_points_at_its_target() -> None:
    r = one(fixture("messages.upsert.reaction-add"))
    assert isinstance(r, Reaction)
    assert r.emoji == "✅"
    assert r.target_message_id == "3A5F1C2B7D9E4A6B8C01"
    assert r.reactor.from_me
    assert r.reactor.jids == {OWNER}
    assert r.sent_at_ms == 404 * 2**32 + 1704812853


def test_reaction_change_is_a_new_reaction_on_the_same_target() -> None:
    add = one(fixture("messages.upsert.reaction-add"))
    change = one(fixture("messages.upsert.reaction-change"))
    assert change.reaction_id != add.reaction_id
    assert change.target_message_id == add.target_message_id
    assert change.emoji == "✔️"
    assert change.sent_at_ms > add.sent_at_ms


def test_reaction_with_empty_text_is_a_removal() -> None:
    r = one(fixture("messages.upsert.reaction-remove"))
    assert r.is_removal


def test_reaction_without_text_key_is_a_removal() -> None:
    p = fixture("messages.upsert.reaction-add")
    del p["data"]["message"]["reactionMessage"]["text"]
    assert one(p).is_removal


def test_reaction_by_a_contact_is_theirs() -> None:
    r = one(fixture("messages.upsert.reaction-by-contact-on-own-message"))
    assert not r.reactor.from_me
    assert r.reactor.jids == {"14155550123@s.whatsapp.net", "190000000000003@lid"}
    assert r.target_from_me


def test_group_reaction_by_another_participant_is_keyed_on_that_participant() -> None:
    r = one(fixture("messages.upsert.reaction-group-other-participant"))
    assert r.is_group
    assert r.reactor.jids == {"5511912345678@s.whatsapp.net", "190000000000005@lid"}
    assert r.target_participant == "5511987654321@s.whatsapp.net"


def test_lid_reaction_reactor_carries_the_phone_identity_too() -> None:
    r = one(fixture("messages.upsert.reaction-lid"))
    assert "5215587654321@s.whatsapp.net" in r.reactor.jids


def test_real_edit_becomes_an_edit_of_the_target_message() -> None:
    e = one(fixture("messages.edited.text-edit"))
    assert isinstance(e, MessageEdited)
    assert e.message_id == "A7C31E9B05D24F68B1E0C9D8F7A6B5C4"
    assert e.text == "Review presentation by Thursday"
    assert e.edited_at_ms == 1736872400215


def test_other_protocol_messages_on_the_edit_event_are_ignored() -> None:
    p = fixture("messages.edited.text-edit")
    p["data"]["type"] = "REVOKE"
    assert isinstance(one(p), EventIgnored)


def test_status_update_names_the_message_and_status() -> None:
    s = one(fixture("messages.update.status-read"))
    assert isinstance(s, MessageStatusChanged)
    assert (s.message_id, s.status) == ("3EB0F1E2D3C4B5A6978812", "READ")


def test_delete_for_everyone_names_the_deleted_message() -> None:
    d = one(fixture("messages.delete.revoke"))
    assert isinstance(d, MessageDeleted)
    assert d.message_id == "3A5F1C2B7D9E4A6B8C01"


def test_send_message_echo_is_kept_as_the_owners_message() -> None:
    m = one(fixture("send.message.text-confirmation"))
    assert isinstance(m, Message)
    assert m.from_me
    assert m.author_name is None  # Evolution's literal "Você" is not a name


def test_unsubscribed_event_is_ignored_not_rejected() -> None:
    assert isinstance(one(fixture("connection.update.open")), EventIgnored)


def test_timestamp_as_decimal_string_is_read() -> None:
    p = fixture("messages.upsert.text-conversation.es")
    p["data"]["messageTimestamp"] = "1736871000"
    assert one(p).sent_at == 1736871000


def test_timestamp_as_low_high_long_is_read() -> None:
    p = fixture("messages.upsert.text-conversation.es")
    p["data"]["messageTimestamp"] = {"low": 1736871000, "high": 0, "unsigned": True}
    assert one(p).sent_at == 1736871000


def test_event_in_the_url_by_events_form_is_accepted() -> None:
    m = one(fixture("messages.upsert.text-conversation.es"), event_from_url="messages-upsert")
    assert isinstance(m, Message)


def test_event_in_the_url_that_contradicts_the_body_is_rejected() -> None:
    result = translate(
        fixture("messages.upsert.text-conversation.es"),
        instance_from_url=INSTANCE,
        event_from_url="messages-delete",
    )
    assert isinstance(result, PayloadRejected)
    assert "messages-delete" in result.reason


def test_event_names_are_normalised_across_their_three_spellings() -> None:
    assert normalise_event_name("MESSAGES_UPSERT") == "messages.upsert"
    assert normalise_event_name("messages-upsert") == "messages.upsert"


def test_message_without_key_is_rejected_with_the_reason() -> None:
    p = fixture("messages.upsert.text-conversation.es")
    del p["data"]["key"]
    result = translate(p, instance_from_url=INSTANCE)
    assert isinstance(result, PayloadRejected)
    assert "key" in result.reason


def test_array_body_is_rejected() -> None:
    result = translate([1, 2], instance_from_url=INSTANCE)
    assert isinstance(result, PayloadRejected)
    assert "array" in result.reason


def test_every_fixture_translates_without_rejection() -> None:
    names = [n for n in fixture_names() if not n.startswith("outbound")]
    assert len(names) >= 20
    for name in names:
        result = translate(fixture(name), instance_from_url=INSTANCE)
        assert isinstance(result, Translation), (name, result)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=30,
)


@given(json_values)
@settings(max_examples=400)
def test_translate_never_raises_on_arbitrary_json(value: Any) -> None:
    result = translate(value, instance_from_url=INSTANCE)
    assert isinstance(result, Translation | PayloadRejected)


def _mutations(draw_path: list[str | int], value: Any, payload: Any) -> Any:
    target = payload
    for step in draw_path[:-1]:
        target = target[step]
    target[draw_path[-1]] = value
    return payload


def _paths(obj: Any, prefix: list[str | int]) -> list[list[str | int]]:
    out = [prefix] if prefix else []
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.extend(_paths(v, [*prefix, k]))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out.extend(_paths(v, [*prefix, i]))
    return out


FIXTURES = [fixture(n) for n in fixture_names("messages.")]


@given(st.data(), json_values)
@settings(max_examples=400)
def test_translate_never_raises_when_any_field_of_a_real_payload_is_replaced(
    data: st.DataObject, value: Any
) -> None:
    payload = json.loads(json.dumps(data.draw(st.sampled_from(FIXTURES))))
    path = data.draw(st.sampled_from(_paths(payload, [])))
    mutated = _mutations(path, value, payload)
    result = translate(mutated, instance_from_url=INSTANCE)
    assert isinstance(result, Translation | PayloadRejected)
