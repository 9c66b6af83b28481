"""A command loads what it uses and no more (issue 14, "one CLI package, fast"): `reactiond
--help` does not pay for the daemon's server, the parsers or the database, `reactiond tasks
list` not for the server or the parsers. Pinned by the modules a fresh process has loaded
when the command is done, never by a time (bench/startup.py measures the times)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import with_database

# Runs the console entry point as `reactiond ARGS…`, then lists every loaded module.
PROBE = """
import json, sys
sys.argv = ["reactiond", *json.loads(sys.argv[1])]
from reactiond.cli.entry import main
code = 0
try:
    main()
except SystemExit as exit:
    code = exit.code if isinstance(exit.code, int) else 1
sys.stderr.write("\\nLOADED " + json.dumps([code, sorted(sys.modules)]) + "\\n")
"""

SERVER = frozenset({"aiohttp", "aiohttp.web", "reactiond.app", "reactiond.web"})
PARSERS = frozenset({"reactiond.nlp.grammar", "reactiond.nlp.calendar", "lingua"})
EXPORTS_AND_METRICS = frozenset({"icalendar", "prometheus_client"})
DATABASE = frozenset({"apsw", "reactiond.store", "reactiond.settings", "pydantic_settings"})
EVERYTHING_HEAVY = SERVER | PARSERS | EXPORTS_AND_METRICS | DATABASE


def loaded(args: list[str], data_dir: Path, stdin: str = "") -> tuple[int, set[str]]:
    env = {**os.environ, "REACTIOND_DATA_DIR": str(data_dir), "REACTIOND_LANGUAGE": "en"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    marker = [line for line in done.stderr.splitlines() if line.startswith("LOADED ")]
    assert marker, done.stderr
    code, modules = json.loads(marker[-1].removeprefix("LOADED "))
    return code, set(modules)


@pytest.mark.parametrize("args", [["--help"], [], ["--config"]])
def test_the_root_help_and_usage_errors_load_nothing_heavy(args: list[str], tmp_path: Path) -> None:
    _, modules = loaded(args, tmp_path)
    assert modules & EVERYTHING_HEAVY == set()


def test_a_mistyped_command_loads_nothing_heavy(tmp_path: Path) -> None:
    code, modules = loaded(["taks", "list"], tmp_path)
    assert code == 2
    assert modules & EVERYTHING_HEAVY == set()


def test_the_root_help_loads_no_command_module(tmp_path: Path) -> None:
    # Every command is listed from its help key; its module waits until it is called.
    _, modules = loaded(["--help"], tmp_path)
    commands = {m for m in modules if m.startswith("reactiond.cli.")}
    assert commands <= {
        "reactiond.cli.entry",
        "reactiond.cli.main",
        "reactiond.cli.lazy",
        "reactiond.cli.imports",
        "reactiond.cli.common",
        "reactiond.cli.text",
        "reactiond.cli.text_fr",
        "reactiond.cli.click",
    }


def test_tasks_list_loads_the_store_but_not_the_server_nor_the_parsers(tmp_path: Path) -> None:
    code, modules = loaded(["tasks", "list"], with_database(tmp_path / "data"))
    assert code == 0
    assert "apsw" in modules  # it did read the database
    assert modules & (SERVER | PARSERS | EXPORTS_AND_METRICS) == set()
    # Nothing printed help or an error: Typer's rich formatting stays unloaded, and
    # structlog was loaded without it (cli/lazy.py).
    assert modules & {"rich", "typer.rich_utils"} == set()


def test_parse_batch_loads_no_database_nor_server(tmp_path: Path) -> None:
    case = {"id": "1", "parser": "task", "text": "call Ana tomorrow", "now": "2026-03-02T10:00"}
    code, modules = loaded(["parse", "--batch"], tmp_path, json.dumps(case) + "\n")
    assert code == 0
    assert "reactiond.nlp.grammar" in modules  # it did parse
    assert modules & (SERVER | DATABASE | EXPORTS_AND_METRICS) == set()
    # The scorer's and pipelines' exact command line starts without Typer (cli/batch.py).
    assert modules & {"typer", "pydantic"} == set()


def test_parse_batch_with_more_options_goes_through_typer_to_the_same_function(
    tmp_path: Path,
) -> None:
    case = {"id": "1", "parser": "task", "text": "call Ana tomorrow", "now": "2026-03-02T10:00"}
    code, modules = loaded(["parse", "--batch", "--json"], tmp_path, json.dumps(case) + "\n")
    assert code == 0
    assert {"typer", "reactiond.cli.batch", "reactiond.nlp.grammar"} <= modules


def test_each_command_shows_the_help_the_root_lists_for_it() -> None:
    # The root's help is written from `COMMANDS` without loading the modules: it must say
    # what each command, once loaded, says of itself.
    import typer.main

    from reactiond.cli.main import COMMANDS, app

    root = typer.main.get_command(app)
    ctx = root.make_context("reactiond", [], resilient_parsing=True)
    assert root.list_commands(ctx) == list(COMMANDS)
    for name, lazy in COMMANDS.items():
        command = root.get_command(ctx, name)
        assert command is not None and command.name == name
        assert command.help == lazy.help, name
