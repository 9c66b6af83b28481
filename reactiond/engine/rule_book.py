"""Rules as the engine, the rule service and the CLI use them: parsed `Rule`s over the
store's rule rows (`reactiond/store/rules_repo.py`), in the caller's transaction.

What a rule means stays out of the store: parsing a row, refusing a taken name or a
conflict, seeding the default rules on the first start, and the job priority of a
reaction (the highest among the rules it fires), which the store's ingest asks for
through the `JobPriority` it was built with, inside the webhook's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import structlog

from reactiond.domain import Reaction
from reactiond.records.stored_rules import list_rules, rule_from_row
from reactiond.rules.defaults import default_rules
from reactiond.rules.emoji import normalise_emoji
from reactiond.rules.match import ReactionFacts, find_conflict, matching_rules
from reactiond.rules.model import Rule, RuleInvalid, parse_rule
from reactiond.store import rules_repo as rows
from reactiond.store.interface import JobPriority, Row, Transaction
from reactiond.store.rules_repo import RuleNotFound

__all__ = [
    "RuleNotFound",
    "add_rule",
    "delete_rule",
    "get_rule",
    "list_rules",
    "patch_rule",
    "reaction_job_priority",
    "replace_rule",
    "rule_from_row",
    "seed_default_rules",
]

DEFAULTS_SEEDED = "default_rules_seeded"
log = structlog.get_logger("reactiond.rules")


def get_rule(tx: Transaction, ref: str | int) -> Rule:
    """By id (a number) or by name; `RuleNotFound` otherwise."""
    return rule_from_row(rows.rule_row(tx, ref))


def _columns(rule: Rule) -> dict[str, Any]:
    return {
        "name": rule.name,
        "triggers": json.dumps(list(rule.triggers), ensure_ascii=False),
        "action": rule.action,
        "parser": rule.parser_name,
        "config": json.dumps(rule.config.model_dump(mode="json"), ensure_ascii=False),
        "conditions": json.dumps(rule.conditions.model_dump(mode="json"), ensure_ascii=False),
        "priority": rule.priority,
        "enabled": int(rule.enabled),
    }


def _check(tx: Transaction, rule: Rule) -> None:
    others = [r for r in list_rules(tx) if r.id != rule.id]
    if any(o.name == rule.name for o in others):
        raise RuleInvalid([("name", f"a rule named {rule.name!r} already exists")])
    conflict = find_conflict(rule, others)
    if conflict is not None:
        raise conflict


def add_rule(tx: Transaction, rule: Rule, now: float) -> Rule:
    rule = rule.model_copy(update={"id": None})
    _check(tx, rule)
    return rule_from_row(rows.insert_rule(tx, _columns(rule), now))


def replace_rule(tx: Transaction, ref: str | int, rule: Rule, now: float) -> Rule:
    current = get_rule(tx, ref)
    rule = rule.model_copy(update={"id": current.id})
    _check(tx, rule)
    return rule_from_row(rows.update_rule(tx, current.id or 0, _columns(rule), now))


def patch_rule(tx: Transaction, ref: str | int, changes: dict[str, Any], now: float) -> Rule:
    """Change some fields; nested `config`/`conditions` are merged, not replaced."""
    current = get_rule(tx, ref).public()
    merged = dict(current)
    for key, value in changes.items():
        if key in ("config", "conditions") and isinstance(value, dict):
            merged[key] = {**current[key], **value}
        else:
            merged[key] = value
    if "action" in changes and "parser" not in changes:
        merged["parser"] = None
    merged["id"] = current["id"]
    return replace_rule(tx, current["id"], parse_rule(merged), now)


def delete_rule(tx: Transaction, ref: str | int) -> Rule:
    rule = get_rule(tx, ref)
    rows.delete_rule(tx, rule.id or 0)
    return rule


def seed_default_rules(tx: Transaction, now: float) -> list[Rule]:
    """On the first start only: the default rules. Later starts leave rules alone."""
    rows.lock_for_seeding(tx)  # processes starting together: one seeds, once
    if rows.state(tx, DEFAULTS_SEEDED) is not None:
        return []
    added = []
    if not rows.has_rules(tx):
        added = [add_rule(tx, r, now) for r in default_rules()]
    rows.set_state_once(tx, DEFAULTS_SEEDED, "1", now)
    return added


def _job_priority(rule_rows: Sequence[Row], reaction: Reaction) -> int:
    """The job priority of a reaction: the highest priority among the rules it fires
    (so a 🔴 urgent reaction overtakes a queue of ordinary ones), given the enabled rules
    naming its emoji. Runs in the webhook's transaction: a rule row it cannot read (edited
    by hand) costs the priority, never the event."""
    emoji = normalise_emoji(reaction.emoji)
    if not emoji:
        return 0
    facts = ReactionFacts(
        emoji=emoji,
        reactor_jids=reaction.reactor.jids,
        reactor_is_owner=reaction.reactor.from_me,
        chat_jid=reaction.chat_jid,
        is_group=reaction.is_group,
    )
    try:
        rules = [rule_from_row(r) for r in rule_rows]
    except (ValueError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
        log.warning("rule_unreadable", why=str(exc)[:200])
        return 0
    return max((r.priority for r in matching_rules(rules, facts)), default=0)


reaction_job_priority = JobPriority(emoji_key=normalise_emoji, decide=_job_priority)
