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
    """Copy the database, consistently, while the daemon runs (SQLite backup API)."""
    from reactiond.ops.backup import BackupError, backup

    s = settings()
    # A str, not a Path: Path("backups/") drops the slash that says "a directory".
    into_directory = path.endswith(("/", os.sep))
    try:
        report = backup(s.database_path, Path(path), force=force, into_directory=into_directory)
    except BackupError as exc:
        raise fail(str(exc)) from exc
    tables = ", ".join(f"{k} {v}" for k, v in report.tables.items())
    size = f"{report.bytes / 1e6:.1f}"
    schema = report.schema_version
    typer.echo(t("ok.backup.written", path=report.path, size=size, schema=schema, tables=tables))


def restore_command(
    path: Annotated[Path, typer.Argument(help=t("arg.restore.path"))],
    force: ForceOption = False,
) -> None:
    """Put a backup in place as the database. Stop the daemon first."""
    from reactiond.ops.backup import BackupError, restore
    from reactiond.ops.lock import InstanceLocked

    s = settings()
    try:
        report = restore(path, s.data_dir, force=force)
    except (BackupError, InstanceLocked) as exc:
        raise fail(str(exc)) from exc
    tables = ", ".join(f"{k} {v}" for k, v in report.tables.items())
    schema = report.schema_version
    typer.echo(t("ok.restore.done", source=path, path=report.path, schema=schema, tables=tables))
