"""The `reactiond` command: the root, and the list of every command group it has.

Each group lives in its own module of this package, a thin layer over the functions the
HTTP API calls; this module only says which group answers to which name."""

from __future__ import annotations

import sys

import typer

from reactiond.cli import (
    backup,
    demo,
    doctor,
    evolution,
    export,
    feeds,
    outbox,
    parse,
    people,
    queue,
    records,
)
from reactiond.cli import rules as rules_cli
from reactiond.cli import run as run_cli
from reactiond.cli.click import install as speak_the_cli_language
from reactiond.cli.common import ConfigOption, use_config
from reactiond.cli.text import t
from reactiond.private_files import keep_private

speak_the_cli_language()  # Typer's and Click's words, and one-line usage errors
app = typer.Typer(
    name="reactiond",
    help=t("app"),
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _root(config: ConfigOption = None) -> None:
    """reactiond: one emoji turns a WhatsApp message into a record."""
    use_config(config)
    keep_private()  # the database, backups and exports this command writes: 0600


app.command(help=t("cmd.run"))(run_cli.run)
app.add_typer(queue.queue_app, name="queue")
app.command("parse", help=t("cmd.parse"))(parse.parse_command)
app.command(help=t("cmd.demo"))(demo.demo)
app.add_typer(rules_cli.rules_app, name="rules")
app.add_typer(people.people_app, name="people")
for _name, _sub in records.sub_apps().items():
    app.add_typer(_sub, name=_name)
app.add_typer(outbox.outbox_app, name="outbox")
app.add_typer(evolution.evolution_app, name="evolution")
app.add_typer(export.export_app, name="export")
app.add_typer(feeds.feeds_app, name="feeds")
app.command("backup", help=t("cmd.backup"))(backup.backup_command)
app.command("restore", help=t("cmd.restore"))(backup.restore_command)
app.command("doctor", help=t("cmd.doctor"))(doctor.doctor_command)


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        sys.exit(0)
