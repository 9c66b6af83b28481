"""Rules as rows: the store keeps them and knows nothing of what they mean."""

from __future__ import annotations

import json

import pytest

from reactiond.engine import rule_book
from reactiond.store import rules_repo
from reactiond.store.interface import Store
from tests.store.contract.support import NOW


def columns(name: str, emoji: str = "✅", *, enabled: bool = True) -> dict[str, object]:
    return {
        "name": name,
        "triggers": json.dumps([emoji], ensure_ascii=False),
        "action": "create_task",
        "parser": "task",
        "config": "{}",
        "conditions": "{}",
        "priority": 0,
        "enabled": int(enabled),
    }


async def test_a_rule_row_is_found_by_id_and_by_name(store: Store) -> None:
    row = await store.write(lambda tx: rules_repo.insert_rule(tx, columns("tareas"), NOW))
    by_id = await store.read(lambda tx: rules_repo.rule_row(tx, int(row["id"])))
    by_name = await store.read(lambda tx: rules_repo.rule_row(tx, "tareas"))
    assert by_id["name"] == by_name["name"] == "tareas"
    assert by_id["created_at"] == by_id["updated_at"] == NOW


async def test_an_unknown_rule_is_refused_by_name(store: Store) -> None:
    with pytest.raises(rules_repo.RuleNotFound):
        await store.read(lambda tx: rules_repo.rule_row(tx, "nope"))
    with pytest.raises(rules_repo.RuleNotFound):
        await store.write(lambda tx: rules_repo.update_rule(tx, 999, columns("x"), NOW))


async def test_an_update_replaces_the_columns_and_keeps_the_id(store: Store) -> None:
    row = await store.write(lambda tx: rules_repo.insert_rule(tx, columns("a"), NOW))
    changed = {**columns("b"), "priority": 40}
    after = await store.write(
        lambda tx: rules_repo.update_rule(tx, int(row["id"]), changed, NOW + 1)
    )
    assert (after["id"], after["name"], after["priority"]) == (row["id"], "b", 40)
    assert (after["created_at"], after["updated_at"]) == (NOW, NOW + 1)
    assert [r["name"] for r in await store.read(rules_repo.rule_rows)] == ["b"]


async def test_a_deleted_rule_is_gone(store: Store) -> None:
    row = await store.write(lambda tx: rules_repo.insert_rule(tx, columns("a"), NOW))
    await store.write(lambda tx: rules_repo.delete_rule(tx, int(row["id"])))
    assert await store.read(rules_repo.rule_rows) == []
    assert not await store.read(rules_repo.has_rules)


async def test_only_enabled_rules_naming_the_emoji_are_candidates(store: Store) -> None:
    for name, emoji, enabled in (("a", "✅", True), ("b", "📅", True), ("c", "✅", False)):
        await store.write(
            lambda tx, n=name, e=emoji, on=enabled: rules_repo.insert_rule(
                tx, columns(n, e, enabled=on), NOW
            )
        )
    rows = await store.read(lambda tx: rules_repo.enabled_rule_rows_naming(tx, "✅"))
    assert [r["name"] for r in rows] == ["a"]


async def test_a_state_is_set_once(store: Store) -> None:
    assert await store.read(lambda tx: rules_repo.state(tx, "k")) is None
    await store.write(lambda tx: rules_repo.set_state_once(tx, "k", "1", NOW))
    await store.write(lambda tx: rules_repo.set_state_once(tx, "k", "2", NOW))
    assert await store.read(lambda tx: rules_repo.state(tx, "k")) == "1"


async def test_default_rules_are_seeded_on_the_first_start_only(store: Store) -> None:
    added = await store.write(lambda tx: rule_book.seed_default_rules(tx, NOW))
    assert added
    await store.write(lambda tx: rule_book.delete_rule(tx, added[0].name))
    assert await store.write(lambda tx: rule_book.seed_default_rules(tx, NOW)) == []
    assert len(await store.read(rule_book.list_rules)) == len(added) - 1
