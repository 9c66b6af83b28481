"""Issue 16: what a new user meets in the first hour of the CLI, pinned one behaviour per
test (each failed before its fix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reactiond.cli_text import CATALOG, LANGUAGES, Language
from tests.cli.test_cli_languages import LOCALES, reactiond

READ_COMMANDS = [
    ["tasks", "list"],
    ["events", "list"],
    ["bills", "list"],
    ["notes", "list"],
    ["queue", "stats"],
    ["people", "list"],
    ["outbox", "list"],
    ["rules", "list"],
    ["feeds", "list"],
    ["export", "csv", "tasks"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_a_read_command_on_a_data_dir_without_a_database_fails_and_creates_nothing(
    command: list[str], tmp_path: Path
) -> None:
    done = reactiond(tmp_path, LOCALES["en"], *command)
    assert done.returncode == 1, done.stdout
    assert done.stderr.startswith(f"reactiond: no database at {tmp_path / 'reactiond.db'};")
    assert f"REACTIOND_DATA_DIR={tmp_path}?" in done.stderr
    assert done.stdout == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_missing_database_error_is_in_the_locale_language(
    language: Language, tmp_path: Path
) -> None:
    done = reactiond(tmp_path, LOCALES[language], "tasks", "list")
    expected = CATALOG["err.no_database"].get(language)
    line = expected.format(path=tmp_path / "reactiond.db", data_dir=tmp_path)
    assert done.stderr.strip() == f"reactiond: {line}"


def test_adding_a_rule_before_the_first_start_still_creates_the_database(
    tmp_path: Path,
) -> None:
    done = reactiond(
        tmp_path,
        LOCALES["en"],
        "rules",
        "add",
        "--name",
        "todo",
        "--emoji",
        "📌",
        "--action",
        "create_task",
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "reactiond.db").exists()


def test_run_takes_config_after_the_command_too(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    done = reactiond(tmp_path, LOCALES["en"], "run", "--config", str(missing))
    assert done.returncode == 2
    assert done.stderr.strip() == f"reactiond: config file {missing} does not exist"
