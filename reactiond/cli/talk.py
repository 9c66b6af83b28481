"""`reactiond talk …`: the talk rules (issue 20) — which conversations reactiond takes
part in, in WhatsApp (questions, the digest command, corrections, ✅ on its messages,
edits), and who may ask in their direct chat. The same functions as `GET/PUT /api/talk`
(engine/talk_rules.py); a running daemon follows a change from the next message."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Annotated

import typer

from reactiond.cli.common import fail, settings, with_store
from reactiond.cli.text import t
from reactiond.engine.talk_rules import (
    read_talk_rules,
    settings_talk_rules,
    store_talk_rules,
    talk_rules_stored,
)
from reactiond.rules.talk import SWITCHES, TalkRules, TalkRulesInvalid, switched, with_asker
from reactiond.store.interface import Transaction

talk_app = typer.Typer(help=t("app.talk"), no_args_is_help=True)


def _show(rules: TalkRules, stored: bool) -> None:
    for name in SWITCHES:
        state = t("talk.on") if getattr(rules, name) else t("talk.off")
        typer.echo(f"{name:<12} {state:<4} {t(f'talk.what.{name}')}")
    who = ", ".join(rules.askers) if rules.askers else "—"
    typer.echo(f"{'askers':<12} {who}")
    if not stored:
        typer.echo(t("talk.from_settings"))


def _change(fn: Callable[[TalkRules], TalkRules]) -> None:
    default = settings_talk_rules(settings())
    now = time.time()

    def write(tx: Transaction) -> TalkRules:
        return store_talk_rules(tx, fn(read_talk_rules(tx, default)), now)

    try:
        rules = with_store(lambda st: st.write(write))
    except TalkRulesInvalid as exc:
        raise fail(str(exc)) from exc
    _show(rules, True)


@talk_app.command("show", help=t("cmd.talk.show"))
def show(as_json: Annotated[bool, typer.Option("--json", help=t("opt.json"))] = False) -> None:
    default = settings_talk_rules(settings())

    def read(tx: Transaction) -> tuple[TalkRules, bool]:
        return read_talk_rules(tx, default), talk_rules_stored(tx)

    rules, stored = with_store(lambda st: st.read(read))
    if as_json:
        typer.echo(json.dumps({**rules.public(), "stored": stored}, ensure_ascii=False))
        return
    _show(rules, stored)


@talk_app.command("on", help=t("cmd.talk.on"))
def on(what: Annotated[str, typer.Argument(help=t("arg.talk.what"))]) -> None:
    _change(lambda r: switched(r, what, True))


@talk_app.command("off", help=t("cmd.talk.off"))
def off(what: Annotated[str, typer.Argument(help=t("arg.talk.what"))]) -> None:
    _change(lambda r: switched(r, what, False))


@talk_app.command("allow", help=t("cmd.talk.allow"))
def allow(who: Annotated[str, typer.Argument(help=t("arg.talk.who"))]) -> None:
    _change(lambda r: with_asker(r, who, allowed=True))


@talk_app.command("disallow", help=t("cmd.talk.disallow"))
def disallow(who: Annotated[str, typer.Argument(help=t("arg.talk.who"))]) -> None:
    _change(lambda r: with_asker(r, who, allowed=False))
