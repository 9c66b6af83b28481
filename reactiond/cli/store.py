"""`reactiond store copy`: move a SQLite install's data into PostgreSQL, verified."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reactiond.cli.common import fail
from reactiond.cli.text import t

store_app = typer.Typer(help=t("app.store"), no_args_is_help=True)


@store_app.command("copy", help=t("cmd.store.copy"))
def copy(
    source: Annotated[Path, typer.Option("--from", help=t("opt.store.from"))],
    target: Annotated[str, typer.Option("--to", help=t("opt.store.to"))],
    replace: Annotated[bool, typer.Option("--replace", help=t("opt.store.replace"))] = False,
) -> None:
    """Copy every table of a SQLite database into an empty PostgreSQL one, and verify it."""
    # Imported here: psycopg loads only for this command.
    from reactiond.store.postgres.copy import CopyError, CopyInterrupted, copy_sqlite_to_postgres

    if not target.startswith(("postgresql://", "postgres://")):
        raise fail(t("err.store.not_postgres", target=target), 2)
    from reactiond.ops.lock import holder_pid

    pid = holder_pid(source.parent)
    if pid is not None:  # what it accepted after the copy would never reach PostgreSQL
        raise fail(t("err.store.source_running", source=source, pid=pid if pid > 0 else "?"))
    try:
        copied = copy_sqlite_to_postgres(source, target, replace=replace)
    except CopyInterrupted as exc:
        raise fail(str(exc), 130) from exc  # 128 + SIGINT, as the shell says
    except CopyError as exc:
        raise fail(str(exc)) from exc
    for table in copied:
        typer.echo(t("store.copied", table=table.table, rows=table.rows, sha=table.checksum[:12]))
    typer.echo(t("store.copy_done", tables=len(copied), rows=sum(c.rows for c in copied)))
