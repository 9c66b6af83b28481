"""Every payload shape in `versions/` (Evolution 2.2 → 2.4, CONTRACT.md §9) goes through
the real webhook into the right person, chat and record (issue 13 §2, §3). Each case
names what must be true; docs/evolution-versions.md is the same table in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from tests import store_reads
from tests.e2e.records.conftest import Conversation, reaction
from tests.fixtures import EVOLUTION, INSTANCE, fixture

LUCIA = ("5215587654321@s.whatsapp.net", "190000000000002@lid")
MIKE = ("14155550123@s.whatsapp.net", "190000000000003@lid")
MARTIN = ("5491155550000@s.whatsapp.net", "190000000000004@lid")
GROUP = "120363041234567890@g.us"
T0 = 1_764_590_000_000


@dataclass(frozen=True)
class Case:
    before: tuple[str, ...] = ()  # fixtures delivered first (the reacted-to message)
    owner_reacts: str | None = None  # the owner reacts with this emoji to the fixture
    person: tuple[str, ...] = ()  # identities that must be one person (the author/reactor)
    chat: str | None = None  # the chat the message and the record are filed under
    record: str | None = None  # the table that must hold one record
    message: dict[str, Any] = field(default_factory=dict)  # columns of the message row
    read_first: str | None = None  # this message was READ before the fixture arrives


CASES: dict[str, Case] = {
    "2.3.0.text-senderpn": Case(owner_reacts="✅", person=LUCIA, chat=LUCIA[0], record="tasks"),
    "2.3.0.group-text-participantpn": Case(
        owner_reacts="✅", person=MARTIN, chat=GROUP, record="tasks"
    ),
    "2.3.6.text-remotejid-lid": Case(
        owner_reacts="✅", person=LUCIA, chat=LUCIA[0], record="tasks"
    ),
    "2.3.7.text-from-lid-contact": Case(
        owner_reacts="✅", person=LUCIA[:1], chat=LUCIA[0], record="tasks"
    ),
    "2.3.7.reaction-inner-key-lid": Case(
        before=("versions/2.3.6.text-remotejid-lid", "versions/2.3.7.text-from-lid-contact"),
        person=LUCIA,
        chat=LUCIA[0],
        record="bills",
    ),
    "2.3.x.group-reaction-participant-lid-only": Case(
        before=("versions/2.3.0.group-text-participantpn",),
        person=MARTIN,
        chat=GROUP,
        record="calendar_events",
    ),
    "2.4.0-rc2.text-swapped-pn": Case(owner_reacts="✅", person=MIKE, chat=MIKE[0], record="tasks"),
    "2.3.7.update-carrying-edit": Case(
        before=("messages.upsert.text-extended-normalized.en",),
        read_first="A7C31E9B05D24F68B1E0C9D8F7A6B5C4",
        message={"text": "Review presentation by Thursday", "status": "READ"},
    ),
}


def test_every_webhook_shape_in_versions_has_a_case() -> None:
    shapes = {p.stem for p in (EVOLUTION / "versions").glob("*.json") if "event" in fixture(str(p))}
    assert shapes == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
async def test_each_version_lands_in_the_right_person_chat_and_record(
    chat: Conversation, name: str
) -> None:
    case = CASES[name]
    for earlier in case.before:
        await chat.post(fixture(earlier))
    if case.read_first:
        receipt = fixture("messages.update.status-read")
        receipt["data"]["keyId"] = case.read_first
        await chat.post(receipt)
    payload = fixture(f"versions/{name}")
    await chat.post(payload)
    if case.owner_reacts:
        await chat.post(reaction(payload, case.owner_reacts, f"R-{name}", sent_ms=T0))
    await chat.settle()

    data = payload["data"]
    if case.person:
        owners = [p for p in await chat.people() if set(case.person) & set(p.identities)]
        assert len(owners) == 1, f"{case.person} are {len(owners)} people"
        assert len(owners[0].identities) >= len(case.person)
    message_id = data.get("keyId") or data["key"]["id"]
    if "reactionMessage" in (data.get("message") or {}):
        message_id = data["message"]["reactionMessage"]["key"]["id"]
    if case.chat:
        stored = await store_reads.message(chat.daemon.store, INSTANCE, message_id)
        assert stored is not None and stored["chat_jid"] == case.chat
    if case.record:
        records = [r for r in await chat.records(case.record) if r["message_id"] == message_id]
        assert len(records) == 1, await store_reads.actions_on(
            chat.daemon.store, INSTANCE, message_id
        )
        assert records[0]["chat_jid"] == case.chat
        if not case.owner_reacts and not data["key"].get("fromMe"):
            # The fixture's own reactor made it: filed under the one person.
            [mine] = [p for p in await chat.people() if case.person[0] in p.identities]
            assert records[0]["reactor_id"] == mine.id
    if case.message:
        row = await store_reads.message(chat.daemon.store, INSTANCE, message_id)
        assert row is not None
        assert {k: row[k] for k in case.message} == case.message


async def martin_reacts_by_lid_only(chat: Conversation) -> None:
    """Martín's group text gives both his identities (2.3.0 participantPn); his 📅 then
    arrives with a `participant` @lid and no alternate at all (#2326, #2337)."""
    await chat.post(fixture("versions/2.3.0.group-text-participantpn"))
    await chat.post(fixture("versions/2.3.x.group-reaction-participant-lid-only"))
    await chat.settle()


async def test_a_phone_number_filter_finds_records_made_by_a_lid_reaction(
    chat: Conversation,
) -> None:
    await martin_reacts_by_lid_only(chat)
    status, body = await chat.api("GET", "/api/calendar-events?reactor=%2B54%2091155550000")
    assert status == 200, body
    assert len(body["items"]) == 1
    assert body["items"][0]["source"]["reactor"]["jid"] == MARTIN[0]


async def test_a_rule_for_a_phone_number_fires_for_that_persons_lid_reaction(
    chat: Conversation,
) -> None:
    status, body = await chat.api(
        "PATCH", "/api/rules/calendar", {"conditions": {"reactors": ["5491155550000"]}}
    )
    assert status == 200, body
    await martin_reacts_by_lid_only(chat)
    assert len(await chat.records("calendar_events")) == 1


async def test_a_chat_filter_by_phone_finds_a_chat_that_arrived_as_lid(
    chat: Conversation,
) -> None:
    payload = fixture("versions/2.3.6.text-remotejid-lid")  # remoteJid @lid, phone in alt
    await chat.post(payload)
    await chat.post(reaction(payload, "✅", "R-LIDCHAT", sent_ms=T0))
    await chat.settle()
    status, body = await chat.api("GET", f"/api/tasks?chat={LUCIA[0]}")
    assert status == 200 and len(body["items"]) == 1, body
