"""Rules as the store keeps them: a rule row read back into a `Rule`, and every rule.

In `records`, below the engine, so that the trace and the engine's rule book read rules alike."""

from __future__ import annotations

import json
from typing import Any

from reactiond.rules.model import Rule
from reactiond.store import rules_repo as rows
from reactiond.store.interface import Row, Transaction

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
    return [rule_from_row(r) for r in rows.rule_rows(tx)]
