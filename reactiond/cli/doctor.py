"""`reactiond doctor`: check the installation, one line per check; thin over
reactiond.ops.doctor."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from reactiond.cli.common import settings
from reactiond.cli.text import t
from reactiond.logs import configure_logging


def doctor_command(
    instance: Annotated[
        list[str] | None,
        typer.Option("--instance", "-i", help=t("opt.doctor.instance")),
    ] = None,
    offline: Annotated[bool, typer.Option("--offline", help=t("opt.doctor.offline"))] = False,
) -> None:
    """Check the installation: each line says ok, or what to do. Exit 1 on a failure."""
    from reactiond.ops.doctor import Status, diagnose, render

    s = settings()
    # The table says what is wrong; a log line (an Evolution refusal) printed above it
    # only got in the way.
    configure_logging("critical", "json")
    checks = asyncio.run(diagnose(s, instances=instance or None, evolution=not offline))
    typer.echo(render(checks))
    failures = sum(c.status is Status.FAIL for c in checks)
    if failures:
        typer.echo(t("err.doctor.failed", count=failures), err=True)
        raise typer.Exit(1)
