"""Everything a user can set, run or call is documented (in the spirit of datasette's
tests/test_docs.py): each setting is in the README's settings table with the right word
about reloading, each CLI command appears as `reactiond <command>` in the docs, and each
route the daemon serves appears as `METHOD /path`. Add a setting, a command or a route
without documenting it and one of these fails, naming it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from aiohttp import hdrs

from reactiond.app import LIVE_SETTINGS, Daemon
from reactiond.cli.main import app as cli_app
from reactiond.settings import Settings, load_settings, reloads_live
from reactiond.web.app import build_web_app

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = "\n".join(
    [
        README,
        (REPO / "packaging/systemd.md").read_text(encoding="utf-8"),
        *(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").glob("*.md"))),
    ]
)


def _settings_table() -> dict[str, str]:
    """README's settings table: each `NAME` in a row's first cell → that row's reload word."""
    section = README[README.index("## Settings") :]
    section = section[: section.index("\n## ", 1)]
    rows: dict[str, str] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not cells[0].startswith("`"):
            continue
        for name in re.findall(r"`([A-Z0-9_]+)`", cells[0]):
            rows[name] = cells[2]
    return rows


SETTINGS_TABLE = _settings_table()


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_each_setting_says_what_it_is(name: str) -> None:
    assert Settings.model_fields[name].description, f"{name}: Field(description=...) missing"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_each_setting_says_whether_it_reloads_live(name: str) -> None:
    extra = Settings.model_fields[name].json_schema_extra
    assert isinstance(extra, dict) and isinstance(extra.get("live"), bool), (
        f"{name}: declare it with setting(..., live=True|False)"
    )


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_each_setting_is_in_the_readme_table_with_its_reload_word(name: str) -> None:
    upper = name.upper()
    assert upper in SETTINGS_TABLE, f"REACTIOND_{upper} is missing from README's settings table"
    assert SETTINGS_TABLE[upper] == ("live" if reloads_live(name) else "restart")


def test_the_readme_table_names_no_setting_that_does_not_exist() -> None:
    known = {name.upper() for name in Settings.model_fields}
    assert sorted(set(SETTINGS_TABLE) - known) == []


def test_the_daemon_reloads_exactly_the_settings_marked_live() -> None:
    # app.py decides what needs a restart from this set: it must be the fields' own word.
    assert {n for n in Settings.model_fields if reloads_live(n)} == LIVE_SETTINGS
    assert {"log_level", "allowed_instances", "webhook_secret", "api_token"} <= LIVE_SETTINGS
    assert "port" not in LIVE_SETTINGS


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[str]:
    # Typer ships its own copy of Click: a group is what has sub-commands.
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield " ".join(path)
        return
    for name, sub in subcommands.items():
        if not sub.hidden:
            yield from _commands(sub, (*path, name))


COMMANDS = sorted(_commands(typer.main.get_command(cli_app)))


def test_the_walk_reaches_sub_groups() -> None:
    assert {"run", "queue list", "rules add", "tasks list", "feeds create"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_is_documented(command: str) -> None:
    assert re.search(rf"reactiond {re.escape(command)}(?![\w-])", DOCS), (
        f"`reactiond {command}` appears in no doc (README.md, docs/*.md, packaging/systemd.md)"
    )


def _routes(tmp_path: Path) -> list[str]:
    # The daemon's own app, built as `Daemon.start` builds it, without starting anything.
    daemon = Daemon(load_settings(None, data_dir=tmp_path, host="127.0.0.1", port=0))
    web_app = build_web_app(daemon.web_routes(), max_body_bytes=daemon.settings.max_body_bytes)
    return sorted(
        {
            f"{route.method} {route.resource.canonical}"
            for route in web_app.router.routes()
            if route.resource is not None and route.method != hdrs.METH_HEAD
        }
    )


def test_each_route_is_documented(tmp_path: Path) -> None:
    routes = _routes(tmp_path)
    assert {"POST /webhook/{instance}", "GET /api/tasks", "GET /api/rules/{ref}"} <= set(routes)
    undocumented = [
        route for route in routes if not re.search(rf"{re.escape(route)}(?![\w/{{])", DOCS)
    ]
    assert not undocumented, f"in no doc (add them to docs/api.md's table): {undocumented}"
