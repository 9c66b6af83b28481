"""`reactiond people …`: who reactiond knows, their time zone and reply language."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from typing import Annotated

import typer

from reactiond.cli.common import fail, settings, with_store
from reactiond.cli.table import table
from reactiond.cli.text import t
from reactiond.engine.author_tz import author_tz
from reactiond.people_settings import PersonChange, PersonRefused, change_person
from reactiond.store import people_repo
from reactiond.store.people_repo import REPLY_LANGUAGES

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


@people_app.command("language", help=t("cmd.people.language"))
def set_language(
    who: Annotated[str, typer.Argument(help=t("arg.people.who"))],
    language: Annotated[str, typer.Argument(help=t("arg.people.reply_language"))],
) -> None:
    """The language replies to a contact are written in: what `PATCH /api/people/{who}`
    and the People page set, through the same function (`change_person`)."""
    chosen = language.strip().lower()
    if chosen != "auto" and chosen not in REPLY_LANGUAGES:
        raise fail(t("err.people.language", language=language))
    change = PersonChange(language=None if chosen == "auto" else chosen)
    try:
        with_store(lambda st: st.write(lambda tx: change_person(tx, who, change)))
    except PersonRefused as exc:
        if exc.status == 404:
            raise fail(t("err.people.nobody", who=who)) from exc
        raise fail(t("err.people.language", language=language)) from exc
    if chosen == "auto":
        typer.echo(t("ok.people.language_auto", who=who))
    else:
        typer.echo(t("ok.people.language_set", who=who, language=chosen))


@people_app.command("digest", help=t("cmd.people.digest"))
def digest(
    who: Annotated[str, typer.Argument(help=t("arg.people.who"))],
    at: Annotated[str | None, typer.Argument(help=t("arg.people.at"))] = None,
    off: Annotated[bool, typer.Option("--off", help=t("opt.people.off"))] = False,
    language: Annotated[
        str | None, typer.Option("--language", help=t("opt.people.language"))
    ] = None,
) -> None:
    """The same digest as `PUT /api/digests/{who}` and "resumen diario 8:00" in the chat."""
    from reactiond.engine.digest_service import DigestRefused, parse_at, set_digest

    s = settings()
    try:
        when = parse_at(at) if at is not None else None
    except DigestRefused as exc:  # the API's hint speaks of a JSON field: say the CLI's
        raise fail(t("err.people.digest_at", value=at)) from exc
    try:
        if language is not None and language not in ("es", "en", "pt", "fr"):
            raise DigestRefused(f"{language!r} is not es, en, pt or fr", "e.g. --language es")
        now = time.time()
        d = with_store(
            lambda st: st.write(
                lambda tx: set_digest(
                    tx,
                    who,
                    at=when,
                    enabled=not off,
                    lang=language,
                    now=now,
                    default_tz=s.default_tz,
                    default_language=s.default_language,
                )
            )
        )
    except DigestRefused as exc:
        raise fail(f"{exc.reason}: {exc.hint}") from exc
    if not d.enabled:
        typer.echo(t("ok.people.digest_off", who=who))
        return
    shown = f"{d.hour:02d}:{d.minute:02d}"
    typer.echo(t("ok.people.digest_on", who=who, at=shown, tz=d.tz, language=d.language))
