from __future__ import annotations

import pytest

from reactiond.rules.defaults import default_rules
from reactiond.rules.model import RuleInvalid, parse_rule


def fields(exc: pytest.ExceptionInfo[RuleInvalid]) -> list[str]:
    return [f for f, _ in exc.value.problems]


def test_parser_defaults_to_the_actions_own() -> None:
    assert parse_rule({"name": "b", "triggers": "💳", "action": "create_bill"}).parser == "bill"


def test_triggers_are_stored_normalised() -> None:
    rule = parse_rule({"name": "ok", "triggers": ["✔️", "👍🏽"], "action": "create_task"})
    assert rule.triggers == ("✔", "👍")


def test_parser_that_cannot_feed_the_action_is_refused() -> None:
    with pytest.raises(RuleInvalid, match="parser 'note' cannot feed create_bill: use 'bill'"):
        parse_rule({"name": "b", "triggers": "💳", "action": "create_bill", "parser": "note"})


def test_word_as_trigger_is_refused_naming_the_field() -> None:
    with pytest.raises(RuleInvalid) as exc:
        parse_rule({"name": "b", "triggers": ["check"], "action": "create_task"})
    assert fields(exc) == ["triggers"]


def test_no_trigger_is_refused() -> None:
    with pytest.raises(RuleInvalid) as exc:
        parse_rule({"name": "b", "triggers": [], "action": "create_task"})
    assert fields(exc) == ["triggers"]


def test_unknown_action_is_refused() -> None:
    with pytest.raises(RuleInvalid) as exc:
        parse_rule({"name": "b", "triggers": "✅", "action": "send_email"})
    assert fields(exc) == ["action"]


def test_unknown_field_is_refused() -> None:
    with pytest.raises(RuleInvalid) as exc:
        parse_rule({"name": "b", "triggers": "✅", "action": "create_task", "colour": "red"})
    assert fields(exc) == ["colour"]


def test_bad_currency_is_refused_with_the_reason() -> None:
    with pytest.raises(RuleInvalid, match="ISO 4217"):
        parse_rule(
            {"name": "b", "triggers": "💳", "action": "create_bill", "config": {"currency": "$"}}
        )


def test_reactor_that_is_neither_number_nor_jid_is_refused() -> None:
    with pytest.raises(RuleInvalid) as exc:
        parse_rule(
            {
                "name": "b",
                "triggers": "✅",
                "action": "create_task",
                "conditions": {"reactors": ["Ana"]},
            }
        )
    assert fields(exc) == ["conditions.reactors"]


def test_default_rules_are_valid_and_round_trip() -> None:
    for rule in default_rules():
        assert parse_rule(rule.public()) == rule


def test_urgent_default_is_high_priority() -> None:
    urgent = next(r for r in default_rules() if r.triggers == ("🔴",))
    assert urgent.config.priority == "high"
    assert urgent.priority > 0


@pytest.mark.parametrize("code", ["XYZ", "ABC", "EUX"])
def test_three_letters_that_are_no_currency_are_refused(code: str) -> None:
    with pytest.raises(RuleInvalid, match=f"{code} is not an ISO 4217 currency"):
        parse_rule(
            {"name": "b", "triggers": "💳", "action": "create_bill", "config": {"currency": code}}
        )


@pytest.mark.parametrize("code", ["MXN", "usd", "BRL", "EUR"])
def test_real_currencies_are_accepted_upper_case(code: str) -> None:
    rule = parse_rule(
        {"name": "b", "triggers": "💳", "action": "create_bill", "config": {"currency": code}}
    )
    assert rule.config.currency == code.upper()
