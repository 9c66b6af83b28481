from __future__ import annotations

import json
from pathlib import Path

import pytest

from reactiond.domain import Reaction
from reactiond.evolution.inbound import Translation, translate
from reactiond.replies.routing import (
    ReplyContext,
    evolution_number,
    may_react,
    reply_target,
)

_ROOT = Path(__file__).resolve().parents[3]
FIXTURES = next(
    (
        p / "shared/fixtures/evolution"
        for p in (_ROOT.parent, _ROOT.parent.parent)
        if (p / "shared/fixtures/evolution").is_dir()
    ),
    _ROOT.parent / "shared/fixtures/evolution",
)
OWNER = "5215512345678"


def reaction(name: str) -> Reaction:
    payload = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    result = translate(payload, instance_from_url="reactiond-demo")
    assert isinstance(result, Translation)
    [event] = result.events
    assert isinstance(event, Reaction)
    return event


def test_the_owners_reaction_is_answered_in_their_own_chat_by_default() -> None:
    ctx = ReplyContext.of(reaction("messages.upsert.reaction-add.json"))
    target = reply_target(None, ctx)
    assert target is not None
    assert target.destination == OWNER
    assert target.quoted is None


def test_a_contacts_reaction_is_answered_privately_by_default() -> None:
    ctx = ReplyContext.of(reaction("messages.upsert.reaction-by-contact-on-own-message.json"))
    target = reply_target(None, ctx)
    assert target is not None and target.destination == "14155550123"


def test_a_group_participants_reaction_goes_to_them_not_the_group() -> None:
    ctx = ReplyContext.of(reaction("messages.upsert.reaction-group-other-participant.json"))
    target = reply_target(None, ctx)
    assert target is not None and target.destination == "5511912345678"


def test_chat_mode_answers_in_the_chat_quoting_the_message() -> None:
    r = reaction("messages.upsert.reaction-group.json")
    target = reply_target("chat", ReplyContext.of(r))
    assert target is not None
    assert target.destination == "120363041234567890@g.us"
    assert target.quoted is not None
    assert target.quoted["key"]["id"] == r.target_message_id
    assert target.quoted["key"]["participant"] == r.target_participant


def test_none_mode_sends_nothing() -> None:
    assert (
        reply_target("none", ReplyContext.of(reaction("messages.upsert.reaction-add.json"))) is None
    )


def test_self_mode_for_a_contact_goes_to_the_owner() -> None:
    ctx = ReplyContext.of(reaction("messages.upsert.reaction-by-contact-on-own-message.json"))
    target = reply_target("self", ctx)
    assert target is not None and target.destination == OWNER


def test_never_react_on_a_message_the_owner_reacted_to() -> None:
    assert not may_react(ReplyContext.of(reaction("messages.upsert.reaction-add.json")))
    assert may_react(
        ReplyContext.of(reaction("messages.upsert.reaction-by-contact-on-own-message.json"))
    )


@pytest.mark.parametrize(
    ("jid", "number"),
    [
        ("5215512345678@s.whatsapp.net", "5215512345678"),
        ("5215512345678:12@s.whatsapp.net", "5215512345678"),
        ("120363041234567890@g.us", "120363041234567890@g.us"),
        ("123456789012345@lid", "123456789012345@lid"),
    ],
)
def test_evolution_number_keeps_what_evolution_needs(jid: str, number: str) -> None:
    assert evolution_number(jid) == number
