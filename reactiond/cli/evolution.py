"""`reactiond evolution connect`: point an Evolution instance's webhook at this daemon;
thin over talkback.connect_instance."""

from __future__ import annotations

import asyncio
from typing import Annotated
from urllib.parse import urlsplit

import typer

from reactiond.cli.common import fail, settings
from reactiond.cli.text import t
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

evolution_app = typer.Typer(help=t("app.evolution"), no_args_is_help=True)


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
