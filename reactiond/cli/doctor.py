"""`reactiond backup`, `reactiond restore`, `reactiond doctor`: thin over reactiond.ops."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from reactiond.cli_text import t

ForceOption = Annotated[bool, typer.Option("--force", help=t("opt.force"))]


def register(app: typer.Typer) -> None:
    @app.command("backup", help=t("cmd.backup"))
    def backup_command(
        path: Annotated[str, typer.Argument(help=t("arg.backup.path"))],
        force: ForceOption = False,
    ) -> None:
        """Copy the database, consistently, while the daemon runs (SQLite backup API)."""
        from reactiond.cli import fail, settings
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
        typer.echo(
            t("ok.backup.written", path=report.path, size=size, schema=schema, tables=tables)
        )

    @app.command("restore", help=t("cmd.restore"))
    def restore_command(
        path: Annotated[Path, typer.Argument(help=t("arg.restore.path"))],
        force: ForceOption = False,
    ) -> None:
        """Put a backup in place as the database. Stop the daemon first."""
        from reactiond.cli import fail, settings
        from reactiond.ops.backup import BackupError, restore
        from reactiond.ops.lock import InstanceLocked

        s = settings()
        try:
            report = restore(path, s.data_dir, force=force)
        except (BackupError, InstanceLocked) as exc:
            raise fail(str(exc)) from exc
        tables = ", ".join(f"{k} {v}" for k, v in report.tables.items())
        schema = report.schema_version
        typer.echo(
            t("ok.restore.done", source=path, path=report.path, schema=schema, tables=tables)
        )

    @app.command("doctor", help=t("cmd.doctor"))
    def doctor_command(
        instance: Annotated[
            list[str] | None,
            typer.Option("--instance", "-i", help=t("opt.doctor.instance")),
        ] = None,
        offline: Annotated[bool, typer.Option("--offline", help=t("opt.doctor.offline"))] = False,
    ) -> None:
        """Check the installation: each line says ok, or what to do. Exit 1 on a failure."""
        import asyncio

        from reactiond.cli import settings
        from reactiond.logs import configure_logging
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
