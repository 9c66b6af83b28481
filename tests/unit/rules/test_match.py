from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reactiond.rules.defaults import default_rules
from reactiond.rules.match import (
    ReactionFacts,
    conditions_allow,
    conditions_overlap,
    find_conflict,
    matching_rules,
)
from reactiond.rules.model import Conditions, Rule

ANA = frozenset({"5215512345678@s.whatsapp.net"})
CARLA = frozenset({"5511912345678@s.whatsapp.net", "190000000000005@lid"})
GROUP = "120363041234567890@g.us"


def facts(
    emoji: str, *, who: frozenset[str] = ANA, owner: bool = True, group: bool = False
) -> ReactionFacts:
    chat = GROUP if group else "5215587654321@s.whatsapp.net"
    return ReactionFacts(emoji, who, owner, chat, group)


def rule(name: str, trigger: str = "✅", **conditions: object) -> Rule:
    return Rule.model_validate(
        {"name": name, "triggers": [trigger], "action": "create_task", "conditions": conditions}
    )


def test_skin_toned_reaction_matches_the_bare_rule() -> None:
    thumbs = rule("like", "👍")
    assert matching_rules([thumbs], facts("👍🏽")) == [thumbs]


def test_check_with_selector_matches_a_plain_check_rule() -> None:
    check = rule("check", "✔")
    assert matching_rules([check], facts("✔️")) == [check]


def test_unknown_emoji_matches_nothing() -> None:
    assert matching_rules(default_rules(), facts("🔥")) == []


def test_removal_matches_nothing() -> None:
    assert matching_rules(default_rules(), facts("")) == []


def test_disabled_rule_does_not_match() -> None:
    off = rule("off").model_copy(update={"enabled": False})
    assert matching_rules([off], facts("✅")) == []


def test_groups_only_rule_ignores_direct_chats() -> None:
    r = rule("g", chats="groups")
    assert matching_rules([r], facts("✅")) == []
    assert matching_rules([r], facts("✅", group=True)) == [r]


def test_reactor_given_as_phone_number_matches_their_jid() -> None:
    c = Conditions(reactors=("+55 11 91234-5678",))
    assert conditions_allow(c, facts("✅", who=CARLA, owner=False))
    assert not conditions_allow(c, facts("✅"))


def test_excluded_reactor_does_not_match() -> None:
    c = Conditions(exclude_reactors=("5215512345678",))
    assert not conditions_allow(c, facts("✅"))


def test_owner_only_rule_ignores_others() -> None:
    c = Conditions(from_owner=True)
    assert not conditions_allow(c, facts("✅", who=CARLA, owner=False))


def test_same_trigger_same_conditions_conflict_naming_the_other() -> None:
    a, b = rule("a"), rule("b").model_copy(update={"id": 7})
    conflict = find_conflict(a, [b])
    assert conflict is not None
    assert "'b' (id 7)" in str(conflict)


def test_disjoint_chat_kinds_do_not_conflict() -> None:
    assert find_conflict(rule("a", chats="direct"), [rule("b", chats="groups")]) is None


def test_disjoint_reactors_do_not_conflict() -> None:
    assert find_conflict(rule("a", reactors=["111111"]), [rule("b", reactors=["222222"])]) is None


def test_disabled_rule_never_conflicts() -> None:
    off = rule("b").model_copy(update={"enabled": False})
    assert find_conflict(rule("a"), [off]) is None


def test_default_rules_do_not_conflict() -> None:
    rules = default_rules()
    for i, r in enumerate(rules):
        assert find_conflict(r, rules[:i] + rules[i + 1 :]) is None


conditions = st.builds(
    Conditions,
    reactors=st.lists(st.sampled_from(["111111", "222222", "333333"]), max_size=2).map(tuple),
    exclude_reactors=st.lists(st.sampled_from(["111111", "222222"]), max_size=1).map(tuple),
    chats=st.sampled_from(["any", "direct", "groups"]),
    from_owner=st.sampled_from([None, True, False]),
)
reactions = st.builds(
    ReactionFacts,
    emoji=st.just("✅"),
    reactor_jids=st.sampled_from(["111111", "222222", "333333", "444444"]).map(
        lambda n: frozenset({f"{n}@s.whatsapp.net"})
    ),
    reactor_is_owner=st.booleans(),
    chat_jid=st.just("x@s.whatsapp.net"),
    is_group=st.booleans(),
)


@given(conditions, conditions, reactions)
def test_rules_that_do_not_overlap_never_both_fire(
    a: Conditions, b: Conditions, f: ReactionFacts
) -> None:
    if conditions_allow(a, f) and conditions_allow(b, f):
        assert conditions_overlap(a, b)
