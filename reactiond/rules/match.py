"""Which rules a reaction fires, and which rules would fight over the same reaction.

Pure: the facts about the reaction (who, where, which emoji) come in as values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reactiond.rules.emoji import normalise_emoji
from reactiond.rules.model import Conditions, Rule


class RuleConflict(Exception):
    """Two enabled rules would both fire for the same reaction."""

    def __init__(self, rule: Rule, other: Rule, emoji: str) -> None:
        self.rule = rule
        self.other = other
        self.emoji = emoji
        super().__init__(
            f"rule '{rule.name}' conflicts with rule '{other.name}'"
            f"{'' if other.id is None else f' (id {other.id})'}: both fire on {emoji} for the"
            " same reactors and chats; disable one, give them different emoji, or narrow"
            " their conditions"
        )


@dataclass(frozen=True)
class ReactionFacts:
    emoji: str  # as received; normalised here
    reactor_jids: frozenset[str]
    reactor_is_owner: bool
    chat_jid: str
    is_group: bool


def matching_rules(rules: Iterable[Rule], facts: ReactionFacts) -> list[Rule]:
    """The enabled rules this reaction fires, highest job priority first."""
    emoji = normalise_emoji(facts.emoji)
    if not emoji:
        return []
    hits = [
        r
        for r in rules
        if r.enabled and emoji in r.triggers and conditions_allow(r.conditions, facts)
    ]
    return sorted(hits, key=lambda r: (-r.priority, r.id or 0))


def rules_for_emoji(rules: Iterable[Rule], emoji: str) -> list[Rule]:
    """Enabled rules triggered by this emoji whoever reacted (for `rules test`)."""
    e = normalise_emoji(emoji)
    return [r for r in rules if r.enabled and e in r.triggers]


def conditions_allow(c: Conditions, facts: ReactionFacts) -> bool:
    if c.chats == "direct" and facts.is_group:
        return False
    if c.chats == "groups" and not facts.is_group:
        return False
    if c.chat_jids and facts.chat_jid not in c.chat_jids:
        return False
    if c.from_owner is not None and c.from_owner != facts.reactor_is_owner:
        return False
    if c.reactors and not any(_is(spec, facts.reactor_jids) for spec in c.reactors):
        return False
    return not any(_is(spec, facts.reactor_jids) for spec in c.exclude_reactors)


def _is(spec: str, jids: frozenset[str]) -> bool:
    """A phone number matches the phone part of a JID; a JID matches itself."""
    if "@" in spec:
        return spec in jids
    return any(j.split("@", 1)[0].split(":", 1)[0] == spec for j in jids)


def find_conflict(rule: Rule, others: Sequence[Rule]) -> RuleConflict | None:
    """The first other enabled rule that shares a trigger and could fire on the same
    reaction; None when `rule` is disabled or stands alone."""
    if not rule.enabled:
        return None
    for other in others:
        if not other.enabled or (rule.id is not None and other.id == rule.id):
            continue
        shared = [t for t in rule.triggers if t in other.triggers]
        if shared and conditions_overlap(rule.conditions, other.conditions):
            return RuleConflict(rule, other, shared[0])
    return None


def conditions_overlap(a: Conditions, b: Conditions) -> bool:
    """Could one reaction satisfy both? Conservative: True unless provably disjoint."""
    if {a.chats, b.chats} == {"direct", "groups"}:
        return False
    if a.chat_jids and b.chat_jids and not set(a.chat_jids) & set(b.chat_jids):
        return False
    if a.from_owner is not None and b.from_owner is not None and a.from_owner != b.from_owner:
        return False
    if a.reactors and b.reactors and not set(a.reactors) & set(b.reactors):
        return False
    if a.reactors and set(a.reactors) <= set(b.exclude_reactors):
        return False
    return not (b.reactors and set(b.reactors) <= set(a.exclude_reactors))
