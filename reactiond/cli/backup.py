"""`reactiond backup` and `reactiond restore`: thin over reactiond.ops.backup."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from reactiond.cli.common import fail, settings
from reactiond.cli.text import t

ForceOption = Annotated[bool, typer.Option("--force", help=t("opt.force"))]


def backup_command(
    path: Annotated[str, typer.Argument(help=t("arg.backup.path"))],
    force: ForceOption = False,
) -> None:
    """Copy the database, consistently, while the daemon runs (SQLite backup API; on
    PostgreSQL a logical copy into the same kind of file)."""
    from reactiond.ops.backup import BackupError, backup_store

    s = settings()
    # A str, not a Path: Path("backups/") drops the slash that says "a directory".
    into_directory = path.endswith(("/", os.sep))
    try:
        report = backup_store(
            s.database_path,
            s.postgres_url,
            Path(path),
            force=force,
            into_directory=into_directory,
        )
    except BackupError as exc:
        raise fail(str(exc)) from exc
    tables = ", ".join(f"{k} {v}" for k, v in report.tables.items())
    size = f"{report.bytes / 1e6:.1f}"
    schema = report.schema_version
    typer.echo(t("ok.backup.written", path=report.path, size=size, schema=schema, tables=tables))


def restore_command(
    path: Annotated[Path, typer.Argument(help=t("arg.restore.path"))],
    force: Annotated[bool, typer.Option("--force", help=t("opt.restore.force"))] = False,
) -> None:
    """Put a backup in place as the database. Stop the daemon first."""
    from reactiond.ops.backup import BackupError, restore_store
    from reactiond.ops.lock import InstanceLocked

    s = settings()
    try:
        report = restore_store(path, s.data_dir, s.postgres_url, force=force)
    except (BackupError, InstanceLocked) as exc:
        raise fail(str(exc)) from exc
    tables = ", ".join(f"{k} {v}" for k, v in report.tables.items())
    schema = report.schema_version
    into = "PostgreSQL (REACTIOND_DATABASE_URL)" if s.postgres_url else report.path
    typer.echo(t("ok.restore.done", source=path, path=into, schema=schema, tables=tables))
