"""Managing rules: the functions behind both `reactiond rules …` and `/api/rules`.

Every change is one transaction that re-reads the rules it checks against, so a conflict
or a taken name is caught even when two people edit at once. The reaction worker reads the
rules fresh on every reaction: a change applies to the next one.
"""

from __future__ import annotations

import json
import time
import tomllib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from reactiond import replies
from reactiond.actions import entity_rows
from reactiond.engine import rule_book as repo
from reactiond.engine.parsing import ParseFn, default_parse
from reactiond.json_input import load_json
from reactiond.nlp.result import LANGUAGES, Language
from reactiond.rules.match import rules_for_emoji
from reactiond.rules.model import Rule, RuleInvalid, parse_rule
from reactiond.store.interface import Store, Transaction

Format = Literal["json", "toml"]


class RulesFileInvalid(Exception):
    """An import file that is not JSON/TOML, or not a list of rules."""


class UnknownLanguage(Exception):
    """A forced parse language reactiond has no lexicon for."""

    def __init__(self, lang: str) -> None:
        super().__init__(f"unknown lang {lang!r}")
        self.lang = lang
        self.hint = f"use {', '.join(LANGUAGES)}, or leave it out to detect the language"


def forced_language(lang: str | None) -> Language | None:
    """The language a rules test is forced to parse in; None = detect it. Refuses one
    reactiond cannot parse rather than silently detecting instead (`UnknownLanguage`)."""
    if lang is None:
        return None
    for known in LANGUAGES:
        if known == lang:
            return known
    raise UnknownLanguage(lang)


async def list_rules(store: Store) -> list[Rule]:
    return await store.read(repo.list_rules)


async def show_rule(store: Store, ref: str | int) -> Rule:
    return await store.read(lambda tx: repo.get_rule(tx, ref))


async def add_rule(store: Store, data: Any, now: float | None = None) -> Rule:
    rule = parse_rule(data)
    at = time.time() if now is None else now
    return await store.write(lambda tx: repo.add_rule(tx, rule, at))


async def replace_rule(store: Store, ref: str | int, data: Any, now: float | None = None) -> Rule:
    rule = parse_rule(data)
    at = time.time() if now is None else now
    return await store.write(lambda tx: repo.replace_rule(tx, ref, rule, at))


async def patch_rule(
    store: Store, ref: str | int, changes: dict[str, Any], now: float | None = None
) -> Rule:
    if not isinstance(changes, dict):
        raise RuleInvalid([("rule", "send a JSON object with the fields to change")])
    at = time.time() if now is None else now
    return await store.write(lambda tx: repo.patch_rule(tx, ref, changes, at))


async def set_enabled(store: Store, ref: str | int, enabled: bool) -> Rule:
    return await patch_rule(store, ref, {"enabled": enabled})


async def delete_rule(store: Store, ref: str | int) -> Rule:
    return await store.write(lambda tx: repo.delete_rule(tx, ref))


# -- import / export -----------------------------------------------------------------


def read_rules_file(text: str, fmt: Format) -> list[dict[str, Any]]:
    try:
        loaded: Any = load_json(text) if fmt == "json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise RulesFileInvalid(f"not valid {fmt.upper()}: {exc}") from exc
    items = loaded.get("rules") if isinstance(loaded, dict) else loaded
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise RulesFileInvalid(
            'expected a list of rules (JSON: [{…}] or {"rules": […]}; TOML: [[rules]] tables)'
        )
    return items


async def import_rules(
    store: Store, text: str, fmt: Format, now: float | None = None
) -> list[Rule]:
    """Add or update (by name) every rule in the file, all or nothing."""
    items = read_rules_file(text, fmt)
    rules: list[Rule] = []
    for n, item in enumerate(items, 1):
        try:
            rules.append(parse_rule({k: v for k, v in item.items() if k != "id"}))
        except RuleInvalid as exc:
            raise RuleInvalid([(f"rules[{n}].{f}", r) for f, r in exc.problems]) from exc
    at = time.time() if now is None else now

    def apply(tx: Transaction) -> list[Rule]:
        done = []
        for rule in rules:
            try:
                existing = repo.get_rule(tx, rule.name)
            except repo.RuleNotFound:
                done.append(repo.add_rule(tx, rule, at))
            else:
                done.append(repo.replace_rule(tx, existing.id or 0, rule, at))
        return done

    return await store.write(apply)


async def export_rules(store: Store, fmt: Format) -> str:
    rules = [_portable(r) for r in await list_rules(store)]
    if fmt == "json":
        return json.dumps({"rules": rules}, ensure_ascii=False, indent=2) + "\n"
    return to_toml(rules)


def _portable(rule: Rule) -> dict[str, Any]:
    data = rule.public()
    data.pop("id")
    return data


def to_toml(rules: list[dict[str, Any]]) -> str:
    """Rules as `[[rules]]` tables. Values are strings, numbers, booleans, lists of strings
    and one level of nested tables; None is left out (TOML has no null)."""
    out: list[str] = []
    for rule in rules:
        out.append("[[rules]]")
        nested = {k: v for k, v in rule.items() if isinstance(v, dict)}
        for key, value in rule.items():
            if key not in nested and value is not None:
                out.append(f"{key} = {_toml_value(value)}")
        for key, table in nested.items():
            out.append(f"[rules.{key}]")
            for k, v in table.items():
                if v is not None:
                    out.append(f"{k} = {_toml_value(v)}")
        out.append("")
    return "\n".join(out)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


# -- rules test ----------------------------------------------------------------------


@dataclass(frozen=True)
class RulePreview:
    rule: Rule
    parse: dict[str, Any]
    would_create: list[dict[str, Any]]
    reply: str

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": {"id": self.rule.id, "name": self.rule.name, "action": self.rule.action},
            "parse": self.parse,
            "would_create": self.would_create,
            "reply": self.reply,
        }


async def preview_rules(
    store: Store,
    emoji: str,
    text: str,
    *,
    tz: str,
    now: datetime | None = None,
    lang: str | None = None,
    parse: ParseFn | None = None,
) -> list[RulePreview]:
    """What a reaction with `emoji` on a message `text` would create. Saves nothing.
    Raises `UnknownLanguage` for a `lang` other than es, en, pt or fr."""
    lang = forced_language(lang)
    rules = rules_for_emoji(await list_rules(store), emoji)
    when = now or datetime.now(ZoneInfo(tz))
    parse_fn = parse or default_parse()
    outcomes = []
    for rule in rules:
        result = parse_fn(text, rule.parser_name, now=when, tz=tz, lang=lang)
        rows = entity_rows(rule, result, text=text, tz=tz)
        language = result.language
        outcomes.append(
            RulePreview(
                rule=rule,
                parse={
                    "parser": result.parser,
                    "success": result.success,
                    "language": result.language,
                    "confidence": result.confidence,
                    "reason": result.reason,
                    "data": result.data.as_json() if result.data is not None else None,
                    "partial": result.partial,
                },
                would_create=[{"table": r.table, **dict(r.values)} for r in rows],
                reply=replies.answer(
                    result,
                    text,
                    parser=rule.parser_name,
                    made_records=bool(rows),
                    lang=language,
                    tz=tz,
                    now=when,
                    priority=rule.config.priority,
                ),
            )
        )
    return outcomes
