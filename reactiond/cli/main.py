"""The `reactiond` command: the root, and the list of every command it has.

Each command or group of commands lives in its own module of this package, a thin layer
over the functions the HTTP API calls. `COMMANDS` says which module answers to which name;
a module is imported only when its command is called (`lazy.py`), so start-up pays for
what that command uses and no more (bench/startup.py)."""

from __future__ import annotations

import sys

import typer

from reactiond.cli.click import install as speak_the_cli_language
from reactiond.cli.common import ConfigOption, use_config
from reactiond.cli.imports import without
from reactiond.cli.lazy import Lazy, lazy_group
from reactiond.cli.text import t
from reactiond.private_files import keep_private

# In the order `reactiond --help` lists them: commands, then groups of commands.
COMMANDS = {
    "run": Lazy("reactiond.cli.run:run", t("cmd.run")),
    "parse": Lazy("reactiond.cli.parse:parse_command", t("cmd.parse")),
    "demo": Lazy("reactiond.cli.demo:demo", t("cmd.demo")),
    "backup": Lazy("reactiond.cli.backup:backup_command", t("cmd.backup")),
    "restore": Lazy("reactiond.cli.backup:restore_command", t("cmd.restore")),
    "doctor": Lazy("reactiond.cli.doctor:doctor_command", t("cmd.doctor")),
    "trace": Lazy("reactiond.cli.trace:trace_command", t("cmd.trace")),
    "queue": Lazy("reactiond.cli.queue:queue_app", t("app.queue")),
    "rules": Lazy("reactiond.cli.rules:rules_app", t("app.rules")),
    "people": Lazy("reactiond.cli.people:people_app", t("app.people")),
    "talk": Lazy("reactiond.cli.talk:talk_app", t("app.talk")),
    "tasks": Lazy("reactiond.cli.records:tasks_app", t("app.tasks")),
    "events": Lazy("reactiond.cli.records:events_app", t("app.events")),
    "bills": Lazy("reactiond.cli.records:bills_app", t("app.bills")),
    "notes": Lazy("reactiond.cli.records:notes_app", t("app.notes")),
    "outbox": Lazy("reactiond.cli.outbox:outbox_app", t("app.outbox")),
    "evolution": Lazy("reactiond.cli.evolution:evolution_app", t("app.evolution")),
    "export": Lazy("reactiond.cli.export:export_app", t("app.export")),
    "feeds": Lazy("reactiond.cli.feeds:feeds_app", t("app.feeds")),
    "calendars": Lazy("reactiond.cli.calendars:calendars_app", t("app.calendars")),
    "store": Lazy("reactiond.cli.store:store_app", t("app.store")),
}

speak_the_cli_language()  # Typer's and Click's words, and one-line usage errors
# structlog looks for rich when it loads, for tracebacks reactiond does not draw (logs.py
# asks for plain ones); rich would bring attrs and pygments: a third of a store command's
# start-up over Typer's own. Typer still finds rich for help and errors.
without("structlog.dev", absent="rich")
app = typer.Typer(
    name="reactiond",
    help=t("app"),
    no_args_is_help=True,
    add_completion=False,
    cls=lazy_group(COMMANDS),
)


@app.callback()
def _root(config: ConfigOption = None) -> None:
    """reactiond: one emoji turns a WhatsApp message into a record."""
    use_config(config)
    keep_private()  # the database, backups and exports this command writes: 0600


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        sys.exit(0)
