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
from reactiond.cli import fail, settings, with_store
from reactiond.rules.match import RuleConflict
from reactiond.rules.model import Rule, RuleInvalid
from reactiond.store.interface import Store
from reactiond.store.rules_repo import RuleNotFound, seed_default_rules

T = TypeVar("T")
rules_app = typer.Typer(
    help="Which emoji creates what: list, add, change and try rules.", no_args_is_help=True
)
JsonOut = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
Ref = Annotated[str, typer.Argument(help="Rule id or name.")]


def run(fn: Callable[[Store], Awaitable[T]]) -> T:
    """Run against the store, with the default rules in place, mapping rule errors to
    one-line messages."""

    async def go(store: Store) -> T:
        now = time.time()
        await store.write(lambda tx: seed_default_rules(tx, now))
        return await fn(store)

    try:
        return with_store(go)
    except RuleInvalid as exc:
        raise fail(f"invalid rule: {exc}") from exc
    except (RuleConflict, RuleNotFound, rule_service.RulesFileInvalid) as exc:
        raise fail(str(exc)) from exc
    except rule_service.UnknownLanguage as exc:
        raise fail(f"{exc}: {exc.hint}") from exc


def _json_arg(value: str | None, what: str) -> dict[str, Any] | None:
    if value is None:
        return None
    try:
        loaded = json.loads(value)
    except ValueError as exc:
        raise fail(f'{what} is not JSON ({exc}); e.g. --{what} \'{{"reply": "chat"}}\'') from exc
    if not isinstance(loaded, dict):
        raise fail(f"{what} must be a JSON object")
    return loaded


def _print_rule(rule: Rule, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(rule.public(), ensure_ascii=False))
        return
    for key, value in rule.public().items():
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value
        typer.echo(f"{key:>10}: {shown}")


@rules_app.command("list")
def list_(as_json: JsonOut = False) -> None:
    """All rules, in the order they were added."""
    rules = run(rule_service.list_rules)
    if as_json:
        typer.echo(json.dumps([r.public() for r in rules], ensure_ascii=False))
        return
    typer.echo(f"{'ID':>4}  {'ON':<3} {'EMOJI':<8} {'ACTION':<22} {'PRIO':>4}  NAME")
    for r in rules:
        typer.echo(
            f"{r.id:>4}  {'yes' if r.enabled else 'no':<3} {' '.join(r.triggers):<8}"
            f" {r.action:<22} {r.priority:>4}  {r.name}"
        )


@rules_app.command("show")
def show(ref: Ref, as_json: JsonOut = False) -> None:
    """One rule with all its fields."""
    _print_rule(run(lambda st: rule_service.show_rule(st, ref)), as_json)


@rules_app.command("add")
def add(
    name: Annotated[str | None, typer.Option(help="A name people will recognise.")] = None,
    emoji: Annotated[list[str] | None, typer.Option(help="Trigger emoji (repeatable).")] = None,
    action: Annotated[
        str | None,
        typer.Option(help="create_task, create_calendar_event, create_bill or create_note."),
    ] = None,
    config: Annotated[str | None, typer.Option(help="JSON: the action's defaults.")] = None,
    conditions: Annotated[str | None, typer.Option(help="JSON: who and where.")] = None,
    job_priority: Annotated[int, typer.Option(help="Higher runs first.")] = 0,
    disabled: Annotated[bool, typer.Option("--disabled", help="Add it switched off.")] = False,
    from_json: Annotated[
        str | None, typer.Option("--rule", help="The whole rule as JSON instead.")
    ] = None,
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
    rule = run(lambda st: rule_service.add_rule(st, data))
    typer.echo(f"rule {rule.id} '{rule.name}' added")


@rules_app.command("edit")
def edit(
    ref: Ref,
    name: Annotated[str | None, typer.Option()] = None,
    emoji: Annotated[list[str] | None, typer.Option(help="New triggers (repeatable).")] = None,
    action: Annotated[str | None, typer.Option()] = None,
    config: Annotated[str | None, typer.Option(help="JSON, merged into the config.")] = None,
    conditions: Annotated[str | None, typer.Option(help="JSON, merged.")] = None,
    job_priority: Annotated[int | None, typer.Option()] = None,
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
        raise fail("nothing to change: give --name, --emoji, --action, --config, …")
    rule = run(lambda st: rule_service.patch_rule(st, ref, changes))
    typer.echo(f"rule {rule.id} '{rule.name}' changed")


@rules_app.command("enable")
def enable(ref: Ref) -> None:
    """Switch a rule on (refused if it would overlap another enabled rule)."""
    rule = run(lambda st: rule_service.set_enabled(st, ref, True))
    typer.echo(f"rule {rule.id} '{rule.name}' enabled")


@rules_app.command("disable")
def disable(ref: Ref) -> None:
    """Switch a rule off; its records stay."""
    rule = run(lambda st: rule_service.set_enabled(st, ref, False))
    typer.echo(f"rule {rule.id} '{rule.name}' disabled")


@rules_app.command("delete")
def delete(ref: Ref) -> None:
    """Delete a rule; the records it created stay."""
    rule = run(lambda st: rule_service.delete_rule(st, ref))
    typer.echo(f"rule {rule.id} '{rule.name}' deleted")


def _format(path: Path | None, given: str | None) -> rule_service.Format:
    fmt = (given or (path.suffix.lstrip(".") if path else "") or "json").lower()
    if fmt == "json":
        return "json"
    if fmt == "toml":
        return "toml"
    raise fail(f"unknown format {fmt!r}: use json or toml")


@rules_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="JSON or TOML file (see `rules export`).")],
    fmt: Annotated[str | None, typer.Option("--format", help="json or toml.")] = None,
) -> None:
    """Add or update (by name) every rule in a file, all or nothing."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot read {file}: {exc.strerror or exc}") from exc
    form = _format(file, fmt)
    rules = run(lambda st: rule_service.import_rules(st, text, form))
    typer.echo(f"{len(rules)} rules imported: {', '.join(r.name for r in rules)}")


@rules_app.command("export")
def export(
    fmt: Annotated[str | None, typer.Option("--format", help="json or toml.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Write every rule as JSON or TOML (to keep them in git)."""
    form = _format(output, fmt)
    text = run(lambda st: rule_service.export_rules(st, form))
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"rules written to {output}")


@rules_app.command("test")
def test(
    emoji: Annotated[str, typer.Argument(help="The reaction, e.g. 💳.")],
    text: Annotated[str, typer.Argument(help="The message text.")],
    tz: Annotated[str | None, typer.Option(help="Author's zone (default: settings).")] = None,
    now: Annotated[str | None, typer.Option(help="When it was sent (ISO 8601).")] = None,
    lang: Annotated[str | None, typer.Option(help="Force es, en or pt.")] = None,
    as_json: JsonOut = False,
) -> None:
    """Show the parse and exactly what a reaction would create. Saves nothing."""
    zone = tz or settings().default_tz
    try:
        info = ZoneInfo(zone)
        when = datetime.fromisoformat(now) if now else None
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise fail(
            f"bad --tz or --now ({exc}): e.g. --tz America/Mexico_City --now 2025-01-14T10:10"
        ) from exc
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=info)
    outcomes = run(
        lambda st: rule_service.preview_rules(st, emoji, text, tz=zone, now=when, lang=lang)
    )
    if as_json:
        typer.echo(json.dumps([o.as_json() for o in outcomes], ensure_ascii=False, indent=2))
        return
    if not outcomes:
        typer.echo(f"no enabled rule is triggered by {emoji}: nothing would be created")
        return
    for o in outcomes:
        p = o.parse
        status = "ok" if p["success"] else f"not understood ({p['reason']})"
        typer.echo(
            f"rule '{o.rule.name}' ({o.rule.action}):"
            f" parse {p['parser']} [{p['language']}] {status}"
        )
        typer.echo(f"  parsed: {json.dumps(p['data'] or p['partial'], ensure_ascii=False)}")
        if not o.would_create:
            typer.echo("  would create: nothing")
        for row in o.would_create:
            shown = {k: v for k, v in row.items() if v not in (None, "[]", "")}
            typer.echo(f"  would create: {json.dumps(shown, ensure_ascii=False)}")
        typer.echo(f"  reply: {o.reply}")
    typer.echo("(nothing was saved)")
