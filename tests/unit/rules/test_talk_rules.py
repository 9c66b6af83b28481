"""The talk rules (rules/talk.py): validated once whatever the door, who may talk in a
direct chat, and the refusals said in the CLI's languages."""

from __future__ import annotations

import pytest

from reactiond.cli.click import say
from reactiond.rules.talk import (
    TalkRules,
    TalkRulesInvalid,
    changed,
    dumps,
    loads,
    parse_talk_rules,
    switched,
    with_asker,
)

LUCIA = frozenset({"5215587654321@s.whatsapp.net", "123456789@lid"})


def test_the_defaults_answer_the_owner_only() -> None:
    r = TalkRules()
    assert (r.questions, r.contacts, r.askers, r.digest, r.corrections, r.ticks, r.edits) == (
        True, False, (), True, True, True, True,
    )  # fmt: skip
    assert not r.may_talk(LUCIA)
    assert r.ingest_askers() == ()


def test_an_asker_by_number_or_jid_may_talk() -> None:
    by_number = with_asker(TalkRules(), "+52 1 55-8765-4321", allowed=True)
    assert by_number.askers == ("5215587654321",)
    assert by_number.may_talk(LUCIA)
    assert not by_number.may_talk(frozenset({"5215500000000@s.whatsapp.net"}))
    by_lid = with_asker(TalkRules(), "123456789@lid", allowed=True)
    assert by_lid.may_talk(LUCIA)
    assert with_asker(by_number, "5215587654321", allowed=False).askers == ()


def test_contacts_on_lets_anyone_talk() -> None:
    r = switched(TalkRules(), "contacts", True)
    assert r.may_talk(frozenset({"5215500000000@s.whatsapp.net"}))
    assert r.ingest_askers() is None


def test_refusals_name_the_field_and_why() -> None:
    with pytest.raises(TalkRulesInvalid) as bad_bool:
        changed(TalkRules(), {"questions": "maybe"})
    assert bad_bool.value.problems == [("questions", "must be true or false")]
    with pytest.raises(TalkRulesInvalid) as unknown:
        parse_talk_rules({"gossip": True})
    assert unknown.value.problems[0][0] == "gossip"
    assert "questions, contacts, digest, corrections, ticks, edits, askers" in str(unknown.value)
    with pytest.raises(TalkRulesInvalid) as not_a_switch:
        switched(TalkRules(), "askers", True)
    assert "not something to turn on or off" in str(not_a_switch.value)
    with pytest.raises(TalkRulesInvalid) as not_a_person:
        with_asker(TalkRules(), "Lucía", allowed=True)
    assert "neither a phone number" in str(not_a_person.value)
    with pytest.raises(TalkRulesInvalid):
        changed(TalkRules(), ["questions"])


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "gossip: no es algo que se active o desactive; usa uno de questions"),
        ("pt", "gossip: não é algo que se ative ou desative; use um de questions"),
        ("fr", "gossip: ne s'active ni ne se désactive ; utilisez l'un de questions"),
    ],
)
def test_the_cli_says_a_refusal_in_its_language(language: str, expected: str) -> None:
    with pytest.raises(TalkRulesInvalid) as exc:
        switched(TalkRules(), "gossip", False)
    assert say(str(exc.value), language).startswith(expected)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "questions: debe ser true o false"),
        ("pt", "questions: deve ser true ou false"),
        ("fr", "questions: doit être true ou false"),
    ],
)
def test_a_wrong_value_is_said_in_the_cli_language(language: str, expected: str) -> None:
    with pytest.raises(TalkRulesInvalid) as exc:
        changed(TalkRules(), {"questions": "maybe"})
    assert say(str(exc.value), language) == expected


def test_stored_rules_round_trip_and_a_bad_store_falls_back() -> None:
    r = with_asker(switched(TalkRules(), "ticks", False), "5215587654321", allowed=True)
    assert loads(dumps(r), TalkRules()) == r
    fallback = TalkRules(questions=False)
    assert loads(None, fallback) is fallback
    assert loads("{not json", fallback) is fallback
    assert loads('{"questions": "maybe"}', fallback) is fallback
