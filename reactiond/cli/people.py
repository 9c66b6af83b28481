"""`reactiond people …`: who reactiond knows, and their time zone."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from reactiond.cli.common import fail, with_store
from reactiond.cli.table import table
from reactiond.cli.text import t
from reactiond.engine.author_tz import author_tz
from reactiond.store import people_repo

people_app = typer.Typer(help=t("app.people"), no_args_is_help=True)


@people_app.command("list", help=t("cmd.people.list"))
def list_(as_json: Annotated[bool, typer.Option("--json", help=t("opt.json"))] = False) -> None:
    """Everyone who wrote or reacted, with the zone their messages are read in."""
    people = with_store(lambda st: st.read(people_repo.list_people))
    if as_json:
        typer.echo(json.dumps([asdict(p) for p in people], ensure_ascii=False))
        return
    rows = [[t("col.id"), t("col.jid"), t("col.zone"), t("col.name")]]
    for p in people:
        phone = p.jid.split("@", 1)[0] if p.jid.endswith("@s.whatsapp.net") else None
        zone = p.tz or f"({author_tz(None, phone, 'default')})"
        rows.append([str(p.id), p.jid, zone, p.name or ""])
    for line in table(rows, right=frozenset({0})):
        typer.echo(line)


@people_app.command("tz", help=t("cmd.people.tz"))
def set_tz(
    who: Annotated[str, typer.Argument(help=t("arg.people.who"))],
    zone: Annotated[str | None, typer.Argument(help=t("arg.people.zone"))] = None,
) -> None:
    """Set (or clear) the time zone a contact's messages are read in."""
    try:
        with_store(lambda st: st.write(lambda tx: people_repo.set_tz(tx, who, zone)))
    except (people_repo.PersonNotFound, people_repo.UnknownZone) as exc:
        raise fail(str(exc)) from exc
    typer.echo(f"{who}: {zone or t('ok.people.tz_cleared')}")
