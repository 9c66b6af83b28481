"""`reactiond rules …` end to end on a real data directory (Typer's runner, real store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reactiond.cli.main import app
from tests.cli.conftest import with_database


@pytest.fixture
def cli(tmp_path: Path) -> CliRunner:
    return CliRunner(
        env={
            "REACTIOND_DATA_DIR": str(with_database(tmp_path)),
            "REACTIOND_DEFAULT_TZ": "America/Mexico_City",
        }
    )


def rules(cli: CliRunner) -> list[dict[str, object]]:
    result = cli.invoke(app, ["rules", "list", "--json"])
    assert result.exit_code == 0, result.output
    loaded: list[dict[str, object]] = json.loads(result.stdout)
    return loaded


def test_list_shows_the_default_rules(cli: CliRunner) -> None:
    assert [r["name"] for r in rules(cli)] == ["task", "calendar", "bill", "note", "urgent task"]


def test_conflicting_add_fails_naming_the_other_rule(cli: CliRunner) -> None:
    result = cli.invoke(
        app, ["rules", "add", "--name", "todo", "--emoji", "✅", "--action", "create_task"]
    )
    assert result.exit_code == 1
    assert "conflicts with rule 'task'" in result.output


def test_invalid_add_fails_naming_the_field(cli: CliRunner) -> None:
    result = cli.invoke(
        app, ["rules", "add", "--name", "x", "--emoji", "ok", "--action", "create_task"]
    )
    assert result.exit_code == 1
    assert "triggers:" in result.output


def test_disable_then_enable(cli: CliRunner) -> None:
    assert cli.invoke(app, ["rules", "disable", "task"]).exit_code == 0
    assert next(r for r in rules(cli) if r["name"] == "task")["enabled"] is False
    assert cli.invoke(app, ["rules", "enable", "1"]).exit_code == 0
    assert next(r for r in rules(cli) if r["name"] == "task")["enabled"] is True


def test_edit_merges_config(cli: CliRunner) -> None:
    result = cli.invoke(app, ["rules", "edit", "bill", "--config", '{"currency": "mxn"}'])
    assert result.exit_code == 0, result.output
    bill = next(r for r in rules(cli) if r["name"] == "bill")
    assert bill["config"]["currency"] == "MXN"  # type: ignore[index]
    assert bill["config"]["reminders"] is True  # type: ignore[index]


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_export_then_import_round_trips(cli: CliRunner, tmp_path: Path, fmt: str) -> None:
    before = rules(cli)
    out = tmp_path / f"rules.{fmt}"
    assert cli.invoke(app, ["rules", "export", "-o", str(out)]).exit_code == 0
    assert cli.invoke(app, ["rules", "delete", "note"]).exit_code == 0
    result = cli.invoke(app, ["rules", "import", str(out)])
    assert result.exit_code == 0, result.output
    after = rules(cli)
    strip = lambda rs: sorted(json.dumps({**r, "id": None}, sort_keys=True) for r in rs)  # noqa: E731
    assert strip(after) == strip(before)


def test_rules_test_shows_what_would_be_created_and_saves_nothing(cli: CliRunner) -> None:
    result = cli.invoke(
        app,
        [
            "rules",
            "test",
            "💳",
            "Pagar luz CFE $890 vence 15 enero",
            "--now",
            "2025-01-14T10:10",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    [outcome] = json.loads(result.stdout)
    assert outcome["would_create"][0]["vendor"] == "CFE"
    assert outcome["would_create"][0]["due_local"] == "2025-01-15"
    records = cli.invoke(app, ["bills", "list", "--json"])
    assert records.exit_code == 0, records.output
    assert json.loads(records.stdout) == []


def test_import_of_a_broken_file_says_what_is_wrong(cli: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "rules.toml"
    bad.write_text("[[rules]]\nname = 'x'\ntriggers = ['✅']\naction = 'create_task'\n", "utf-8")
    result = cli.invoke(app, ["rules", "import", str(bad)])
    assert result.exit_code == 1
    assert "conflicts with rule 'task'" in result.output
    assert len(rules(cli)) == 5  # all or nothing


def test_rules_test_refuses_an_unknown_lang_as_the_api_does(cli: CliRunner) -> None:
    result = cli.invoke(app, ["rules", "test", "💳", "Pay rent $900", "--lang", "de"])
    assert result.exit_code == 1
    assert "unknown language 'de'" in result.output


def test_rules_test_parses_in_the_forced_lang(cli: CliRunner) -> None:
    result = cli.invoke(app, ["rules", "test", "✅", "Llamar a Juan", "--lang", "pt", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["parse"]["language"] == "pt"
