"""`reactiond calendars …`: the CalDAV calendars records are pushed to. Thin: the same
functions as `/api/calendars` (reactiond/caldav/)."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from reactiond.caldav.checks import try_target
from reactiond.caldav.resolve import resolve
from reactiond.caldav.targets import (
    TargetChanges,
    TargetError,
    TargetRequest,
    add_target,
    edit_target,
    get_target,
    list_targets,
    push_all,
    remove_target,
    target_json,
)
from reactiond.cli.common import fail, settings, with_store
from reactiond.cli.table import table
from reactiond.cli.text import t
from reactiond.engine.reminders import ReminderConfig
from reactiond.store import caldav_repo
from reactiond.store.caldav_repo import PushTrouble, ResourceRow, TargetRow
from reactiond.store.interface import Store, Transaction

calendars_app = typer.Typer(help=t("app.calendars"), no_args_is_help=True)
NameArg = Annotated[str, typer.Argument(help=t("arg.calendars.name"))]
JsonOpt = Annotated[bool, typer.Option("--json", help=t("opt.json"))]


def _error(exc: TargetError) -> typer.Exit:
    code, values = exc.code, exc.values
    return fail(f"{t(f'err.calendars.{code}', **values)}: {t(f'hint.calendars.{code}', **values)}")


def _option(flag: str, help_key: str | None = None) -> Any:
    """The `--flag` option add and edit share, with its help (`opt.calendars.<help_key>`,
    by default the flag's own name)."""
    return typer.Option(f"--{flag}", help=t(f"opt.calendars.{help_key or flag.replace('-', '_')}"))


PasswordFileOpt = Annotated[Path | None, _option("password-file")]
PasswordEnvOpt = Annotated[str | None, _option("password-env")]
CalendarOpt = Annotated[str | None, _option("calendar")]
NoCheckOpt = Annotated[bool, _option("no-check")]


def _given(
    url: str | None,
    user: str | None,
    password_file: Path | None,
    password_env: str | None,
    kinds: str | None,
    bills_as: str | None,
    on_cancel: str | None,
    person: str | None,
    rule: str | None,
    calendar: str | None,
) -> TargetChanges:
    """The options add and edit share, as given (None: not given); add gives them all."""
    return TargetChanges(
        url=url,
        user=user,
        password_file=str(password_file.resolve()) if password_file else None,
        password_env=password_env,
        kinds=None if kinds is None else tuple(k.strip() for k in kinds.split(",") if k.strip()),
        bills_as=bills_as,
        on_cancel=on_cancel,
        person=person,
        rule=rule,
        calendar=calendar,
    )


def _shown(target: TargetRow) -> dict[str, str]:
    """What the added and edited confirmations say of the calendar."""
    kinds = ", ".join(target.kinds)
    return {"name": target.name, "collection": target.collection_url, "kinds": kinds}


@calendars_app.command("add", help=t("cmd.calendars.add"))
def add(
    name: NameArg,
    url: Annotated[str, _option("url")],
    user: Annotated[str, _option("user")],
    password_file: PasswordFileOpt = None,
    password_env: PasswordEnvOpt = None,
    kinds: Annotated[str, _option("kinds")] = "event,task,bill",
    bills_as: Annotated[str, _option("bills-as")] = "todo",
    on_cancel: Annotated[str, _option("on-cancel")] = "delete",
    person: Annotated[str | None, _option("person")] = None,
    rule: Annotated[str | None, _option("rule")] = None,
    calendar: CalendarOpt = None,
    no_check: NoCheckOpt = False,
    as_json: JsonOpt = False,
) -> None:
    given = _given(
        url, user, password_file, password_env, kinds, bills_as, on_cancel, person, rule, calendar
    )
    req = TargetRequest(name=name, **dataclasses.asdict(given))
    try:
        target = with_store(lambda st: add_target(st, req, time.time(), check=not no_check))
    except TargetError as exc:
        raise _error(exc) from exc
    if as_json:
        typer.echo(json.dumps(target_json(target), ensure_ascii=False))
        return
    typer.echo(t("ok.calendars.added", **_shown(target)))


@calendars_app.command("edit", help=t("cmd.calendars.edit"))
def edit(
    name: NameArg,
    url: Annotated[str | None, _option("url")] = None,
    user: Annotated[str | None, _option("user")] = None,
    password_file: PasswordFileOpt = None,
    password_env: PasswordEnvOpt = None,
    kinds: Annotated[str | None, _option("kinds")] = None,
    bills_as: Annotated[str | None, _option("bills-as")] = None,
    on_cancel: Annotated[str | None, _option("on-cancel")] = None,
    person: Annotated[str | None, _option("person", "edit_person")] = None,
    rule: Annotated[str | None, _option("rule", "edit_rule")] = None,
    calendar: CalendarOpt = None,
    no_check: NoCheckOpt = False,
    as_json: JsonOpt = False,
) -> None:
    changes = _given(
        url, user, password_file, password_env, kinds, bills_as, on_cancel, person, rule, calendar
    )
    try:
        done = with_store(
            lambda st: edit_target(st, name, changes, time.time(), check=not no_check)
        )
    except TargetError as exc:
        raise _error(exc) from exc
    target = done.target
    if as_json:
        shown = {**target_json(target), "moved": done.moved, "queued": done.queued}
        typer.echo(json.dumps({**shown, "resumed": done.resumed}, ensure_ascii=False))
        return
    typer.echo(t("ok.calendars.edited", **_shown(target)))
    if done.moved:
        typer.echo(t("ok.calendars.moved", count=done.queued))
    if done.resumed:
        typer.echo(t("ok.calendars.resumed", count=done.resumed))


@calendars_app.command("list", help=t("cmd.calendars.list"))
def list_(as_json: JsonOpt = False) -> None:
    async def read(st: Store) -> list[tuple[TargetRow, int]]:
        targets = await list_targets(st)

        def counts(tx: Transaction) -> list[int]:
            return [len(caldav_repo.conflicts_of_target(tx, tg.id)) for tg in targets]

        return list(zip(targets, await st.read(counts), strict=True))

    rows = with_store(read)
    if as_json:
        items = [{**target_json(tg), "conflicts": n} for tg, n in rows]
        typer.echo(json.dumps(items, ensure_ascii=False))
        return
    if not rows:
        typer.echo(t("ok.calendars.none"))
        return
    lines = [
        [
            t("col.name"),
            t("col.calendars.collection"),
            t("col.calendars.kinds"),
            t("col.calendars.conflicts"),
        ]
    ]
    for target, n in rows:
        lines.append([target.name, target.collection_url, ",".join(target.kinds), str(n)])
    for line in table(lines, right=frozenset({3})):
        typer.echo(line)


@calendars_app.command("show", help=t("cmd.calendars.show"))
def show(name: NameArg, as_json: JsonOpt = False) -> None:
    async def read(st: Store) -> tuple[TargetRow, list[ResourceRow], PushTrouble | None]:
        target = await get_target(st, name)

        def both(tx: Transaction) -> tuple[list[ResourceRow], PushTrouble | None]:
            trouble = [p for p in caldav_repo.push_trouble(tx) if p.name == target.name]
            return caldav_repo.conflicts_of_target(tx, target.id), next(iter(trouble), None)

        conflicts, trouble = await st.read(both)
        return target, conflicts, trouble

    try:
        target, conflicts, trouble = with_store(read)
    except TargetError as exc:
        raise _error(exc) from exc
    shown = target_json(target)
    if trouble is not None:
        shown |= {"waiting": trouble.waiting, "dead": trouble.dead}
        if trouble.last_error:
            shown["last_error"] = trouble.last_error
    if as_json:
        items = [{"record": f"{c.kind}:{c.record_id}", "href": c.href, "conflict": c.conflict}
                 for c in conflicts]  # fmt: skip
        typer.echo(json.dumps({**shown, "conflicts": items}, ensure_ascii=False))
        return
    for key, value in shown.items():
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        typer.echo(f"{key}: {text}")
    if conflicts:
        typer.echo(t("ok.calendars.conflicts"))
        for c in conflicts:
            typer.echo(f"  {c.kind}:{c.record_id}  {c.href}")


@calendars_app.command("remove", help=t("cmd.calendars.remove"))
def remove(name: NameArg) -> None:
    try:
        with_store(lambda st: remove_target(st, name))
    except TargetError as exc:
        raise _error(exc) from exc
    typer.echo(t("ok.calendars.removed", name=name))


@calendars_app.command("test", help=t("cmd.calendars.test"))
def test(name: NameArg) -> None:
    try:
        result = with_store(lambda st: try_target(st, name, time.time()))
    except TargetError as exc:
        raise _error(exc) from exc
    f = result.finding
    said = t(f"check.calendar.{f.code}", **f.values)
    typer.echo(f"{'ok' if f.status == 'ok' else f.status.upper():<4}  {said}")
    if result.resumed:
        typer.echo(t("ok.calendars.resumed", count=result.resumed))
    if not f.ok:
        raise typer.Exit(1)


@calendars_app.command("resolve", help=t("cmd.calendars.resolve"))
def resolve_(
    name: NameArg,
    record: Annotated[str, typer.Argument(help=t("arg.calendars.record"))],
    keep: Annotated[str, typer.Option("--keep", help=t("opt.calendars.keep"))] = "server",
) -> None:
    if keep not in ("server", "reactiond"):
        raise _error(TargetError("bad_keep", value=keep))
    reminders = ReminderConfig.from_settings(settings())
    try:
        with_store(lambda st: resolve(st, name, record, keep, time.time(), reminders))  # type: ignore[arg-type]
    except TargetError as exc:
        raise _error(exc) from exc
    typer.echo(t("ok.calendars.resolved", record=record, name=name, keep=keep))


@calendars_app.command("push", help=t("cmd.calendars.push"))
def push(name: NameArg) -> None:
    try:
        count = with_store(lambda st: push_all(st, name, time.time()))
    except TargetError as exc:
        raise _error(exc) from exc
    typer.echo(t("ok.calendars.pushed", count=count, name=name))
