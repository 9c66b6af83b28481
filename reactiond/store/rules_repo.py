"""Rules in the `rules` table. Read fresh on every reaction: a change applies to the next
one, with no restart and no cache to go stale.

Functions take a `Transaction`, so that a check (name taken, conflict) and the write it
guards happen in the same transaction.
"""

from __future__ import annotations

import json
from typing import Any

import structlog

from reactiond.domain import Reaction
from reactiond.rules.defaults import default_rules
from reactiond.rules.emoji import normalise_emoji
from reactiond.rules.match import ReactionFacts, find_conflict, matching_rules
from reactiond.rules.model import Rule, RuleInvalid, parse_rule
from reactiond.store.interface import Row, Transaction

DEFAULTS_SEEDED = "default_rules_seeded"
log = structlog.get_logger("reactiond.rules")


class RuleNotFound(Exception):
    def __init__(self, ref: str) -> None:
        self.ref = ref
        super().__init__(f"no rule {ref!r}; `reactiond rules list` shows names and ids")


_parsed_rules: dict[tuple[Any, ...], Rule] = {}


def rule_from_row(row: Row) -> Rule:
    """The rule a row holds. Parsed rules are remembered by the row's whole content:
    validating a rule costs more than the SQL of the webhook that looks it up (every
    reaction does, for its job's priority), and a row changes only when someone edits
    the rule, which makes it a new key. Rules are frozen, so sharing them is safe."""
    key = tuple(row.items())
    rule = _parsed_rules.get(key)
    if rule is None:
        rule = Rule.model_validate(
            {
                "id": int(row["id"]),
                "name": row["name"],
                "triggers": json.loads(row["triggers"]),
                "action": row["action"],
                "parser": row["parser"],
                "config": json.loads(row["config"]),
                "conditions": json.loads(row["conditions"]),
                "priority": int(row["priority"]),
                "enabled": bool(row["enabled"]),
            }
        )
        if len(_parsed_rules) >= 1024:  # edits and deletions leave old keys behind
            _parsed_rules.clear()
        _parsed_rules[key] = rule
    return rule


def list_rules(tx: Transaction) -> list[Rule]:
    return [rule_from_row(r) for r in tx.execute("SELECT * FROM rules ORDER BY id")]


def get_rule(tx: Transaction, ref: str | int) -> Rule:
    """By id (a number) or by name."""
    text = str(ref).strip()
    if text.isascii() and text.isdigit() and len(text) <= 18:
        row = tx.execute_one("SELECT * FROM rules WHERE id = :id", {"id": int(text)})
    else:
        row = tx.execute_one("SELECT * FROM rules WHERE name = :name", {"name": text})
    if row is None:
        raise RuleNotFound(text)
    return rule_from_row(row)


def _columns(rule: Rule, now: float) -> dict[str, Any]:
    return {
        "name": rule.name,
        "triggers": json.dumps(list(rule.triggers), ensure_ascii=False),
        "action": rule.action,
        "parser": rule.parser_name,
        "config": json.dumps(rule.config.model_dump(mode="json"), ensure_ascii=False),
        "conditions": json.dumps(rule.conditions.model_dump(mode="json"), ensure_ascii=False),
        "priority": rule.priority,
        "enabled": int(rule.enabled),
        "now": now,
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
    row = tx.execute_one(
        "INSERT INTO rules (name, triggers, action, parser, config, conditions, priority,"
        " enabled, created_at, updated_at) VALUES (:name, :triggers, :action, :parser,"
        " :config, :conditions, :priority, :enabled, :now, :now) RETURNING *",
        _columns(rule, now),
    )
    assert row is not None
    return rule_from_row(row)


def replace_rule(tx: Transaction, ref: str | int, rule: Rule, now: float) -> Rule:
    current = get_rule(tx, ref)
    rule = rule.model_copy(update={"id": current.id})
    _check(tx, rule)
    row = tx.execute_one(
        "UPDATE rules SET name = :name, triggers = :triggers, action = :action,"
        " parser = :parser, config = :config, conditions = :conditions, priority = :priority,"
        " enabled = :enabled, updated_at = :now WHERE id = :id RETURNING *",
        {**_columns(rule, now), "id": current.id},
    )
    assert row is not None
    return rule_from_row(row)


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
    tx.execute("DELETE FROM rules WHERE id = :id", {"id": rule.id})
    return rule


def seed_default_rules(tx: Transaction, now: float) -> list[Rule]:
    """On the first start only: the default rules. Later starts leave rules alone."""
    seeded = tx.execute_one(
        "SELECT value FROM app_state WHERE key = :key", {"key": DEFAULTS_SEEDED}
    )
    if seeded is not None:
        return []
    added = []
    if not tx.execute_one("SELECT 1 AS x FROM rules LIMIT 1"):
        added = [add_rule(tx, r, now) for r in default_rules()]
    tx.execute(
        "INSERT INTO app_state (key, value, updated_at) VALUES (:key, '1', :now)"
        " ON CONFLICT (key) DO NOTHING",
        {"key": DEFAULTS_SEEDED, "now": now},
    )
    return added


def reaction_job_priority(tx: Transaction, reaction: Reaction) -> int:
    """The job priority of a reaction: the highest priority among the rules it fires
    (so a 🔴 urgent reaction overtakes a queue of ordinary ones).

    Runs in the webhook's transaction, so it reads only the enabled rules naming this
    emoji, and a rule row it cannot read (edited by hand) costs the priority, never the
    event."""
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
    rows = tx.execute(
        "SELECT * FROM rules WHERE enabled = 1 AND triggers LIKE :pattern",
        {"pattern": f"%{emoji}%"},
    )
    try:
        rules = [rule_from_row(r) for r in rows]
    except (ValueError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
        log.warning("rule_unreadable", why=str(exc)[:200])
        return 0
    return max((r.priority for r in matching_rules(rules, facts)), default=0)
