"""`reactiond calendars add|list|show|test|remove` and doctor's calendar line, against a
real Radicale: the password stays in its file, and in no output."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reactiond.cli.main import app
from reactiond.cli.text import Language
from tests.cli.conftest import with_database
from tests.cli.test_cli_languages import LOCALES, cli
from tests.e2e.caldav.radicale import PASSWORD, USER, Radicale
from tests.log_sink import reset_logging


@pytest.fixture(autouse=True)
def _logging_back_to_defaults() -> Iterator[None]:
    yield
    reset_logging()


def run(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner(env={"REACTIOND_DATA_DIR": str(data), "REACTIOND_LANGUAGE": "en"}).invoke(
        app, list(args)
    )
    return result.exit_code, result.output


def test_add_list_test_doctor_remove(tmp_path: Path, radicale: Radicale) -> None:
    data = with_database(tmp_path / "data")
    code, out = run(
        data,
        *("calendars", "add", "family", "--url", radicale.url, "--user", USER),
        *("--password-file", str(radicale.password_file), "--kinds", "event,task"),
    )
    assert code == 0, out
    assert "calendar family added" in out and "/alice/family/" in out

    code, out = run(data, "calendars", "list", "--json")
    assert code == 0, out
    [shown] = json.loads(out)
    assert shown["password_from"] == {"file": str(radicale.password_file)}
    assert shown["kinds"] == ["event", "task"]
    assert PASSWORD not in out

    code, out = run(data, "calendars", "test", "family")
    assert code == 0, out
    assert out.startswith("ok") and "VEVENT, VTODO" in out

    code, out = run(data, "calendars", "show", "family", "--json")
    assert code == 0, out
    shown = json.loads(out)
    assert shown["waiting"] == 0 and shown["dead"] == 0 and shown["conflicts"] == []

    code, out = run(data, "doctor", "--instance", "none")
    assert "calendar family" in out and PASSWORD not in out
    line = next(x for x in out.splitlines() if "calendar family" in x)
    assert line.startswith("ok"), line

    code, out = run(data, "calendars", "remove", "family")
    assert code == 0, out
    code, out = run(data, "calendars", "list")
    assert "no calendars" in out


def test_a_wrong_password_is_refused_at_add_and_said_by_test(
    tmp_path: Path, radicale: Radicale
) -> None:
    data = with_database(tmp_path / "data")
    wrong = tmp_path / "wrong"
    wrong.write_text("this-is-not-it-123\n")
    args = ("calendars", "add", "family", "--url", radicale.calendar_url, "--user", USER)
    code, out = run(data, *args, "--password-file", str(wrong))
    assert code == 1 and "401" in out and "this-is-not-it" not in out

    code, out = run(data, *args, "--password-file", str(wrong), "--no-check")
    assert code == 0, out
    code, out = run(data, "calendars", "test", "family")
    assert code == 1
    assert "refused user alice" in out and "reactiond calendars test family" in out


def test_a_calendar_without_vtodo_is_refused_for_tasks(tmp_path: Path, radicale: Radicale) -> None:
    data = with_database(tmp_path / "data")
    events_only = radicale.make_calendar("events-only", "VEVENT")
    args = ("calendars", "add", "work", "--url", events_only, "--user", USER)
    code, out = run(data, *args, "--password-file", str(radicale.password_file))
    assert code == 1 and "VTODO" in out


# The language tests ask each language's CLI process (tests/cli/speaker.py), on the worker
# that runs the other CLI language tests (`--dist loadgroup`): no process of their own.
@pytest.mark.xdist_group("cli-speakers")
@pytest.mark.parametrize(
    ("language", "words"),
    [("es", "nombre de calendario inválido"), ("pt", "nome de calendário inválido"),
     ("fr", "nom de calendrier invalide")],
)  # fmt: skip
def test_errors_are_in_the_readers_language(tmp_path: Path, language: Language, words: str) -> None:
    data = with_database(tmp_path / "data")
    args = ["calendars", "add", "bad name!", "--url", "https://h.example/", "--user", "ana"]
    done = cli(data, LOCALES[language], *args, "--password-env", "CALDAV_X")
    assert done.returncode == 1
    assert words in done.stderr


def test_edit_is_checked_like_add(tmp_path: Path, radicale: Radicale) -> None:
    data = with_database(tmp_path / "data")
    wrong = tmp_path / "wrong"
    wrong.write_text("this-is-not-it-123\n")
    args = ("calendars", "add", "family", "--url", radicale.calendar_url, "--user", USER)
    code, out = run(data, *args, "--password-file", str(wrong), "--kinds", "event", "--no-check")
    assert code == 0, out

    code, out = run(data, "calendars", "edit", "family")
    assert code == 1 and "nothing to change on family" in out
    code, out = run(data, "calendars", "edit", "family", "--kinds", "event,task")
    assert code == 1 and "401" in out and "this-is-not-it" not in out  # still the wrong one
    code, out = run(data, "calendars", "edit", "family", "--bills-as", "vtodo")
    assert code == 1 and "--bills-as 'vtodo'?" in out
    code, out = run(data, "calendars", "edit", "nope", "--kinds", "event")
    assert code == 1 and "no calendar named 'nope'" in out

    right = ("--password-file", str(radicale.password_file))
    code, out = run(data, "calendars", "edit", "family", *right, "--kinds", "event,task")
    assert code == 0, out
    assert "calendar family changed" in out and "event, task" in out
    code, out = run(data, "calendars", "list", "--json")
    [shown] = json.loads(out)
    assert shown["kinds"] == ["event", "task"]
    assert shown["password_from"] == {"file": str(radicale.password_file)}

    events_only = radicale.make_calendar("events-only", "VEVENT")
    code, out = run(data, "calendars", "edit", "family", "--url", events_only)
    assert code == 1 and "VTODO" in out
    code, out = run(data, "calendars", "edit", "family", "--url", events_only, "--kinds", "event")
    assert code == 0, out
    assert "/alice/events-only/" in out


@pytest.mark.xdist_group("cli-speakers")
@pytest.mark.parametrize(
    ("language", "words"),
    [("es", "nada que cambiar en family"), ("pt", "nada a mudar em family"),
     ("fr", "rien à changer sur family")],
)  # fmt: skip
def test_edit_errors_are_in_the_readers_language(
    tmp_path: Path, language: Language, words: str
) -> None:
    data = with_database(tmp_path / "data")
    args = ("calendars", "add", "family", "--url", "https://h.example/c/", "--user", "ana")
    code, out = run(data, *args, "--password-env", "CALDAV_X", "--no-check")
    assert code == 0, out
    done = cli(data, LOCALES[language], "calendars", "edit", "family")
    assert done.returncode == 1
    assert words in done.stderr
