"""`reactiond rules …`: thin commands over `rule_service`, the functions `/api/rules` uses."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from reactiond import rule_service
from reactiond.cli.common import fail, settings, with_store
from reactiond.cli.table import table
from reactiond.cli.text import t
from reactiond.engine.rule_book import RuleNotFound, seed_default_rules
from reactiond.json_input import load_json
from reactiond.rules.match import RuleConflict
from reactiond.rules.model import Rule, RuleInvalid
from reactiond.store.interface import Store

T = TypeVar("T")
rules_app = typer.Typer(help=t("app.rules"), no_args_is_help=True)
JsonOut = Annotated[bool, typer.Option("--json", help=t("opt.json"))]
Ref = Annotated[str, typer.Argument(help=t("arg.rule_ref"))]


def run(fn: Callable[[Store], Awaitable[T]], *, create: bool = False) -> T:
    """Run against the store, with the default rules in place, mapping rule errors to
    one-line messages. Adding rules may come before the first start (`create`)."""

    async def go(store: Store) -> T:
        now = time.time()
        await store.write(lambda tx: seed_default_rules(tx, now))
        return await fn(store)

    try:
        return with_store(go, create=create)
    except RuleInvalid as exc:
        raise fail(t("err.rules.invalid", reason=exc)) from exc
    except (RuleConflict, RuleNotFound, rule_service.RulesFileInvalid) as exc:
        raise fail(str(exc)) from exc
    except rule_service.UnknownLanguage as exc:
        raise fail(f"{exc}: {exc.hint}") from exc


def _json_arg(value: str | None, what: str) -> dict[str, Any] | None:
    if value is None:
        return None
    try:
        loaded = load_json(value)  # a lone surrogate becomes U+FFFD; 1,000 deep is refused
    except ValueError as exc:
        # "config is not JSON (Expecting …)", not "(not JSON: Expecting …)" once more
        reason = str(exc).removeprefix("not JSON: ")
        raise fail(t("err.rules.not_json", what=what, reason=reason)) from exc
    if not isinstance(loaded, dict):
        raise fail(t("err.rules.not_object", what=what))
    return loaded


def _print_rule(rule: Rule, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(rule.public(), ensure_ascii=False))
        return
    for key, value in rule.public().items():
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value
        typer.echo(f"{key:>10}: {shown}")


@rules_app.command("list", help=t("cmd.rules.list"))
def list_(as_json: JsonOut = False) -> None:
    """All rules, in the order they were added."""
    rules = run(rule_service.list_rules)
    if as_json:
        typer.echo(json.dumps([r.public() for r in rules], ensure_ascii=False))
        return
    header = [t(f"col.{c}") for c in ("id", "on", "emoji", "action", "priority", "name")]
    rows = [
        [
            str(r.id),
            t("word.yes") if r.enabled else t("word.no"),
            " ".join(r.triggers),
            r.action,
            str(r.priority),
            r.name,
        ]
        for r in rules
    ]
    for line in table([header, *rows], right=frozenset({0, 4})):  # emoji are two cells wide
        typer.echo(line)


@rules_app.command("show", help=t("cmd.rules.show"))
def show(ref: Ref, as_json: JsonOut = False) -> None:
    """One rule with all its fields."""
    _print_rule(run(lambda st: rule_service.show_rule(st, ref)), as_json)


@rules_app.command("add", help=t("cmd.rules.add"))
def add(
    name: Annotated[str | None, typer.Option(help=t("opt.rules.name"))] = None,
    emoji: Annotated[list[str] | None, typer.Option(help=t("opt.rules.emoji"))] = None,
    action: Annotated[
        str | None,
        typer.Option(help=t("opt.rules.action")),
    ] = None,
    config: Annotated[str | None, typer.Option(help=t("opt.rules.config"))] = None,
    conditions: Annotated[str | None, typer.Option(help=t("opt.rules.conditions"))] = None,
    job_priority: Annotated[int, typer.Option(help=t("opt.rules.job_priority"))] = 0,
    disabled: Annotated[bool, typer.Option("--disabled", help=t("opt.rules.disabled"))] = False,
    from_json: Annotated[str | None, typer.Option("--rule", help=t("opt.rules.rule"))] = None,
) -> None:
    """Add a rule (refused if invalid or if it overlaps an enabled rule)."""
    data = _json_arg(from_json, "rule")
    if data is None:
        data = {
            "name": name,
            "triggers": emoji or [],
            "action": action,
            "config": _json_arg(config, "config") or {},
            "conditions": _json_arg(conditions, "conditions") or {},
            "priority": job_priority,
            "enabled": not disabled,
        }
    rule = run(lambda st: rule_service.add_rule(st, data), create=True)
    typer.echo(t("ok.rules.added", id=rule.id, name=rule.name))


@rules_app.command("edit", help=t("cmd.rules.edit"))
def edit(
    ref: Ref,
    name: Annotated[str | None, typer.Option(help=t("opt.rules.new_name"))] = None,
    emoji: Annotated[list[str] | None, typer.Option(help=t("opt.rules.new_emoji"))] = None,
    action: Annotated[str | None, typer.Option(help=t("opt.rules.new_action"))] = None,
    config: Annotated[str | None, typer.Option(help=t("opt.rules.merge_config"))] = None,
    conditions: Annotated[str | None, typer.Option(help=t("opt.rules.merge_conditions"))] = None,
    job_priority: Annotated[int | None, typer.Option(help=t("opt.rules.new_priority"))] = None,
) -> None:
    """Change some fields of a rule; the next reaction uses the change."""
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = name
    if emoji:
        changes["triggers"] = emoji
    if action is not None:
        changes["action"] = action
    if config is not None:
        changes["config"] = _json_arg(config, "config")
    if conditions is not None:
        changes["conditions"] = _json_arg(conditions, "conditions")
    if job_priority is not None:
        changes["priority"] = job_priority
    if not changes:
        raise fail(t("err.rules.nothing_to_change"))
    rule = run(lambda st: rule_service.patch_rule(st, ref, changes))
    typer.echo(t("ok.rules.changed", id=rule.id, name=rule.name))


@rules_app.command("enable", help=t("cmd.rules.enable"))
def enable(ref: Ref) -> None:
    """Switch a rule on (refused if it would overlap another enabled rule)."""
    rule = run(lambda st: rule_service.set_enabled(st, ref, True))
    typer.echo(t("ok.rules.enabled", id=rule.id, name=rule.name))


@rules_app.command("disable", help=t("cmd.rules.disable"))
def disable(ref: Ref) -> None:
    """Switch a rule off; its records stay."""
    rule = run(lambda st: rule_service.set_enabled(st, ref, False))
    typer.echo(t("ok.rules.disabled", id=rule.id, name=rule.name))


@rules_app.command("delete", help=t("cmd.rules.delete"))
def delete(ref: Ref) -> None:
    """Delete a rule; the records it created stay."""
    rule = run(lambda st: rule_service.delete_rule(st, ref))
    typer.echo(t("ok.rules.deleted", id=rule.id, name=rule.name))


def _format(path: Path | None, given: str | None) -> rule_service.Format:
    fmt = (given or (path.suffix.lstrip(".") if path else "") or "json").lower()
    if fmt == "json":
        return "json"
    if fmt == "toml":
        return "toml"
    raise fail(t("err.rules.unknown_format", fmt=fmt))


@rules_app.command("import", help=t("cmd.rules.import"))
def import_(
    file: Annotated[Path, typer.Argument(help=t("arg.rules.file"))],
    fmt: Annotated[str | None, typer.Option("--format", help=t("opt.rules.format"))] = None,
) -> None:
    """Add or update (by name) every rule in a file, all or nothing."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise fail(t("err.cannot_read", path=file, reason=exc.strerror or exc)) from exc
    form = _format(file, fmt)
    rules = run(lambda st: rule_service.import_rules(st, text, form), create=True)
    names = ", ".join(r.name for r in rules)
    typer.echo(t("ok.rules.imported", count=len(rules), names=names))


@rules_app.command("export", help=t("cmd.rules.export"))
def export(
    fmt: Annotated[str | None, typer.Option("--format", help=t("opt.rules.format"))] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=t("opt.output"))] = None,
) -> None:
    """Write every rule as JSON or TOML (to keep them in git)."""
    form = _format(output, fmt)
    text = run(lambda st: rule_service.export_rules(st, form))
    if output is None:
        typer.echo(text, nl=False)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as e:
            raise fail(
                f"cannot write {output}: {e.strerror}; give a path in a writable directory"
            ) from e
        typer.echo(t("ok.rules.written", path=output))


@rules_app.command("test", help=t("cmd.rules.test"))
def test(
    emoji: Annotated[str, typer.Argument(help=t("arg.rules.emoji"))],
    text: Annotated[str, typer.Argument(help=t("arg.message_text"))],
    tz: Annotated[str | None, typer.Option(help=t("opt.rules.tz"))] = None,
    now: Annotated[str | None, typer.Option(help=t("opt.rules.now"))] = None,
    lang: Annotated[str | None, typer.Option(help=t("opt.rules.lang"))] = None,
    as_json: JsonOut = False,
) -> None:
    """Show the parse and exactly what a reaction would create. Saves nothing."""
    if lang is not None and lang not in ("es", "en", "pt", "fr"):
        raise fail(t("err.unknown_lang", lang=lang))
    zone = tz or settings().default_tz
    try:
        info = ZoneInfo(zone)
        when = datetime.fromisoformat(now) if now else None
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise fail(t("err.rules.bad_tz_or_now", reason=exc)) from exc
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=info)
    outcomes = run(
        lambda st: rule_service.preview_rules(st, emoji, text, tz=zone, now=when, lang=lang)
    )
    if as_json:
        typer.echo(json.dumps([o.as_json() for o in outcomes], ensure_ascii=False, indent=2))
        return
    if not outcomes:
        typer.echo(t("ok.rules.test_none", emoji=emoji))
        return
    for o in outcomes:
        p = o.parse
        status = "ok" if p["success"] else t("out.rules.test.refused", reason=p["reason"])
        typer.echo(
            t(
                "out.rules.test.rule",
                name=o.rule.name,
                action=o.rule.action,
                parser=p["parser"],
                language=p["language"],
                status=status,
            )
        )
        parsed = json.dumps(p["data"] or p["partial"], ensure_ascii=False)
        typer.echo(f"  {t('out.rules.test.parsed')}: {parsed}")
        creates = t("out.rules.test.would_create")
        if not o.would_create:
            typer.echo(f"  {creates}: {t('out.rules.test.nothing')}")
        for row in o.would_create:
            shown = {k: v for k, v in row.items() if v not in (None, "[]", "")}
            typer.echo(f"  {creates}: {json.dumps(shown, ensure_ascii=False)}")
        # The reply's later lines line up under its first, not at the left margin.
        label = f"  {t('out.rules.test.reply')}: "
        typer.echo(label + o.reply.replace("\n", "\n" + " " * len(label)))
    typer.echo(t("ok.rules.test_saved_nothing"))
