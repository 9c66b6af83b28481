"""LID identities in every Evolution version's key shape (issue 13 §2), as a property:
whichever fields carry the phone JID and the LID, and in whichever order, the author is
known by every identity given and a 1:1 chat is named by the phone JID when any field
gives it."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from reactiond.domain import Message
from reactiond.evolution.inbound import Translation, translate
from tests.fixtures import INSTANCE, fixture

PHONE = "5215587654321@s.whatsapp.net"
LID = "190000000000002@lid"
GROUP = "120363041234567890@g.us"


def translated(payload: dict[str, Any]) -> Message:
    t = translate(payload, instance_from_url=INSTANCE)
    assert isinstance(t, Translation)
    [m] = t.events
    assert isinstance(m, Message)
    return m


# Where the *other* identity may be given beside `remoteJid` / `participant`.
ONE_TO_ONE_ALTS = ("remoteJidAlt", "senderPn", "senderLid")
GROUP_ALTS = ("participantAlt", "participantPn", "participantLid")


@given(
    first=st.sampled_from([PHONE, LID]),
    alts=st.lists(st.sampled_from(ONE_TO_ONE_ALTS), unique=True, max_size=3),
    mode=st.sampled_from([None, "lid", "pn"]),
)
def test_a_1to1_message_names_its_chat_by_the_phone_whenever_given(
    first: str, alts: list[str], mode: str | None
) -> None:
    p = copy.deepcopy(fixture("versions/2.3.6.text-remotejid-lid"))
    key = p["data"]["key"] = {"remoteJid": first, "fromMe": False, "id": "X1"}
    other = LID if first == PHONE else PHONE
    for field in alts:
        key[field] = other if field != "senderLid" else LID
        if field == "senderPn":
            key[field] = PHONE
    if mode:
        key["addressingMode"] = mode
    m = translated(p)
    given_ids = {first} | {key[f] for f in alts}
    assert m.author.jids == frozenset(given_ids)
    assert m.chat_jid == (PHONE if PHONE in given_ids else first)
    assert m.chat_alt_jid in (None, LID)


@given(
    first=st.sampled_from([PHONE, LID]),
    alts=st.lists(st.sampled_from(GROUP_ALTS), unique=True, max_size=3),
)
def test_a_group_author_is_known_by_every_identity_given(first: str, alts: list[str]) -> None:
    p = copy.deepcopy(fixture("versions/2.3.0.group-text-participantpn"))
    key = p["data"]["key"] = {"remoteJid": GROUP, "fromMe": False, "id": "G1", "participant": first}
    other = LID if first == PHONE else PHONE
    for field in alts:
        key[field] = {"participantPn": PHONE, "participantLid": LID}.get(field, other)
    m = translated(p)
    assert m.author.jids == frozenset({first} | {key[f] for f in alts})
    assert m.chat_jid == GROUP


def test_the_quoted_message_is_found_in_message_context_info_too() -> None:
    p = copy.deepcopy(fixture("versions/2.4.0-rc2.text-swapped-pn"))
    p["data"]["message"]["messageContextInfo"]["stanzaId"] = "QUOTED-1"
    assert translated(p).quoted_message_id == "QUOTED-1"
    p["data"]["contextInfo"]["stanzaId"] = "QUOTED-2"  # the top level wins when both say
    assert translated(p).quoted_message_id == "QUOTED-2"
