"""`reactiond outbox …` and `reactiond evolution …`: thin commands over the outbox
repository and talkback.connect_instance."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Annotated
from urllib.parse import urlsplit

import typer

from reactiond.cli import JsonOption, app, fail, settings, with_store
from reactiond.cli_text import t
from reactiond.engine.talkback import (
    EvolutionNotConfigured,
    connect_instance,
    evolution_version,
)
from reactiond.evolution.client import (
    EvolutionError,
    EvolutionUnavailable,
    LicenseRequired,
    UnknownRoute,
)
from reactiond.evolution.versions import version_warnings
from reactiond.logs import configure_logging
from reactiond.outbox_report import STATUSES, first_line, outbox_json
from reactiond.store import outbox

outbox_app = typer.Typer(help=t("app.outbox"), no_args_is_help=True)
evolution_app = typer.Typer(help=t("app.evolution"), no_args_is_help=True)
app.add_typer(outbox_app, name="outbox")
app.add_typer(evolution_app, name="evolution")


_OUTBOX_STATUSES = STATUSES


@outbox_app.command("list", help=t("cmd.outbox.list"))
def outbox_list(
    status: Annotated[str | None, typer.Option(help=t("opt.outbox.status"))] = None,
    limit: Annotated[int, typer.Option(help=t("opt.limit"))] = 50,
    as_json: JsonOption = False,
) -> None:
    """The newest replies, optionally of one status (dead ones carry their reason)."""
    if status is not None and status not in _OUTBOX_STATUSES:
        raise fail(f"unknown status {status!r}: use one of {', '.join(_OUTBOX_STATUSES)}")
    if limit < 1:
        raise fail(f"--limit must be at least 1, not {limit}")
    rows = with_store(
        lambda st: st.read(lambda tx: outbox.list_rows(tx, status=status, limit=limit))
    )
    if as_json:
        typer.echo(json.dumps([outbox_json(r) for r in rows], ensure_ascii=False))
        return
    if not rows:
        typer.echo(
            t("ok.outbox.none_with_status", status=status) if status else t("ok.outbox.none")
        )
    for r in rows:
        line = f"{r.id:>6} {r.status:<9} {r.kind:<8} {r.instance} → {r.destination} x{r.attempts}"
        line += f"  {first_line(r)}"  # the whole text: `reactiond outbox show ID`
        if r.last_error and r.status != "sent":
            line += f"  ({r.last_error})"
        typer.echo(line)


@outbox_app.command("show", help=t("cmd.outbox.show"))
def outbox_show(
    reply_id: Annotated[int, typer.Argument(help=t("arg.reply_id"), show_default=False)],
    as_json: JsonOption = False,
) -> None:
    """One reply with its whole text, where it goes, its attempts and last error."""
    row = with_store(lambda st: st.read(lambda tx: outbox.get(tx, reply_id)))
    if row is None:
        raise fail(t("err.outbox.no_reply", reply_id=reply_id))
    data = outbox_json(row)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    for key, value in data.items():
        if key != "text":
            typer.echo(f"{key:>15}: {'' if value is None else value}")
    typer.echo("")
    typer.echo(data["text"])


@outbox_app.command("retry", help=t("cmd.outbox.retry"))
def outbox_retry(
    reply_id: Annotated[int, typer.Argument(help=t("arg.reply_id"), show_default=False)],
) -> None:
    """Send a dead reply again now (the running daemon picks it up within 30 s)."""
    row = with_store(lambda st: st.write(lambda tx: outbox.retry_now(tx, reply_id, time.time())))
    if row is None:
        raise fail(t("err.outbox.not_retryable", reply_id=reply_id))
    typer.echo(t("ok.outbox.retried", reply_id=reply_id))


@evolution_app.command("connect", help=t("cmd.evolution.connect"))
def evolution_connect(
    instance: Annotated[str, typer.Argument(help=t("arg.evolution.instance"), show_default=False)],
    public_url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help=t("opt.evolution.url"),
        ),
    ] = None,
) -> None:
    """Point INSTANCE's webhook at this daemon with the right events and the secret header."""
    if public_url is not None:
        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise fail(
                f"--url {public_url!r} is not an http(s) URL: give how Evolution reaches"
                " reactiond, e.g. --url http://127.0.0.1:8787",
                2,
            )
    s = settings()
    configure_logging("warning", s.log_format)
    try:
        found = asyncio.run(connect_instance(s, instance, public_url))
    except EvolutionNotConfigured as exc:
        raise fail(str(exc), 2) from exc
    except EvolutionUnavailable as exc:
        raise fail(f"{exc.message}; check REACTIOND_EVOLUTION_URL and that it runs") from exc
    except UnknownRoute as exc:
        url = s.evolution_url
        raise fail(t("evolution.unknown_route", url=url, reason=exc.said)) from exc
    except LicenseRequired as exc:
        raise fail(t("evolution.license_required")) from exc
    except EvolutionError as exc:
        raise fail(t("err.evolution.refused", reason=exc.message)) from exc
    if found is None:
        typer.echo(t("ok.evolution.unconfirmed", instance=instance))
    else:
        events = ", ".join(found.events)
        typer.echo(t("ok.evolution.connected", instance=instance, url=found.url, events=events))
    # Which Evolution this is, and what that version is known to get wrong about LIDs.
    version = asyncio.run(evolution_version(s))
    typer.echo(t("evolution.version.ok", version=version or "?"))
    for note in version_warnings(version):
        typer.echo(t(f"evolution.version.{note.value}", version=version or "?"), err=True)
