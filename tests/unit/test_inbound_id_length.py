"""An id longer than any WhatsApp or Evolution gives (a 500,000-character message id was
accepted and stored) refuses the payload, naming the field; every id of the fixtures, and
any up to `MAX_ID_CHARS`, still passes exactly as it came."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from reactiond.domain import PersonIds
from reactiond.evolution.inbound import MAX_ID_CHARS, IdTooLong, Translation, translate
from tests.fixtures import INSTANCE, fixture, fixture_names

# (fixture, path to one id in it, the event field it becomes)
PLACES: list[tuple[str, tuple[str | int, ...], str]] = [
    ("messages.upsert.text-conversation.es", ("data", "key", "id"), "message_id"),
    ("messages.upsert.text-conversation.es", ("data", "key", "remoteJid"), "chat_jid"),
    ("messages.upsert.text-conversation.es", ("instance",), "instance"),
    ("messages.upsert.reaction-add.json", ("data", "key", "id"), "reaction_id"),
    (
        "messages.upsert.reaction-add.json",
        ("data", "message", "reactionMessage", "key", "id"),
        "target_message_id",
    ),
    ("messages.upsert.reaction-lid.json", ("data", "key", "remoteJidAlt"), "reactor"),
    ("messages.upsert.group-text.pt", ("data", "key", "participant"), "author"),
    (
        "messages.upsert.text-extended.v2.0",
        ("data", "contextInfo", "stanzaId"),
        "quoted_message_id",
    ),
]
# An id's characters: letters, digits, marks, punctuation, symbols (no space, no control)
ID_CHARS = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S"))
JID_FIELDS = ("remoteJid", "remoteJidAlt", "participant")


def id_of(path: tuple[str | int, ...], length: int, stem: str) -> str:
    """An id `length` characters long: a LID for a JID's place, else `stem` repeated."""
    if path[-1] in JID_FIELDS:
        return "1" * max(1, length - len("@lid")) + "@lid"
    return (stem * length)[:length]


def with_id(name: str, path: tuple[str | int, ...], value: str) -> dict[str, Any]:
    payload: dict[str, Any] = copy.deepcopy(fixture(name.removesuffix(".json")))
    node: Any = payload
    for step in path[:-1]:
        node = node[step]
    assert isinstance(node[path[-1]], str), (name, path)  # the place holds an id now
    node[path[-1]] = value
    return payload


def ids_in(result: Translation) -> set[str]:
    found = {result.instance}
    for event in result.events:
        for value in vars(event).values():
            if isinstance(value, str):
                found.add(value)
            elif isinstance(value, PersonIds):
                found |= value.jids
    return found


def test_every_fixture_passes_the_bound() -> None:
    for name in fixture_names():
        result = translate(fixture(name), instance_from_url=INSTANCE)
        assert not isinstance(result, IdTooLong), (name, result)


@given(
    place=st.sampled_from(PLACES),
    length=st.integers(len("1@lid"), MAX_ID_CHARS),
    stem=st.text(ID_CHARS, min_size=1, max_size=8),
)
def test_an_id_up_to_the_bound_is_kept_exactly(
    place: tuple[str, tuple[str | int, ...], str], length: int, stem: str
) -> None:
    name, path, _ = place
    value = id_of(path, length, stem)
    result = translate(with_id(name, path, value), instance_from_url=INSTANCE)
    assert isinstance(result, Translation), result
    assert value in ids_in(result)


@given(place=st.sampled_from(PLACES), length=st.integers(MAX_ID_CHARS + 1, 600_000))
def test_an_id_past_the_bound_is_refused_naming_its_field(
    place: tuple[str, tuple[str | int, ...], str], length: int
) -> None:
    name, path, field = place
    result = translate(with_id(name, path, id_of(path, length, "A")), instance_from_url=INSTANCE)
    assert isinstance(result, IdTooLong), result
    assert (result.field, result.length) == (field, length)
    assert result.reason == f"{field} is {length} characters long; an id is at most {MAX_ID_CHARS}"
