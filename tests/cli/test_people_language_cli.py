"""`reactiond people language WHO LANG|auto`: the reply language the People page and
`PATCH /api/people/{who}` set, through the same function, with errors in the CLI's
language."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reactiond.cli.main import app
from reactiond.cli.text import CATALOG, Language
from reactiond.store import people_repo
from reactiond.store.people_repo import Person
from reactiond.store.sqlite.store import SqliteStore
from tests.cli.conftest import with_database
from tests.cli.test_cli_languages import LOCALES, cli
from tests.cli.test_digest_cli import seed_owner_message

WHO = "5215512345678"


def person(data_dir: Path) -> Person:
    async def run() -> Person:
        store = SqliteStore(data_dir / "reactiond.db")
        await store.open()
        try:
            [found] = await store.read(people_repo.list_people)
        finally:
            await store.close()
        return found

    return asyncio.run(run())


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = with_database(tmp_path / "data")
    seed_owner_message(data_dir)
    monkeypatch.setenv("REACTIOND_DATA_DIR", str(data_dir))
    return data_dir


def test_a_language_is_set_and_kept(data: Path) -> None:
    done = CliRunner().invoke(app, ["people", "language", WHO, "pt"])
    assert done.exit_code == 0, done.output
    assert done.output.strip() == CATALOG["ok.people.language_set"].en.format(
        who=WHO, language="pt"
    )
    found = person(data)
    assert (found.language, found.language_set) == ("pt", True)


def test_auto_goes_back_to_the_language_they_write_in(data: Path) -> None:
    CliRunner().invoke(app, ["people", "language", WHO, "fr"])
    done = CliRunner().invoke(app, ["people", "language", WHO, "auto"])
    assert done.exit_code == 0, done.output
    assert "the language they write in" in done.output
    assert person(data).language_set is False


def test_an_unknown_language_is_refused_and_changes_nothing(data: Path) -> None:
    done = CliRunner().invoke(app, ["people", "language", WHO, "de"])
    assert done.exit_code == 1
    assert "'de' is not a reply language; use es, en, pt, fr or auto" in done.output
    assert person(data).language_set is False


# One language each: the catalog tests check that every key has every language. Asked of
# the language's CLI process (tests/cli/speaker.py), on the worker that runs the other CLI
# language tests (`--dist loadgroup`).
@pytest.mark.xdist_group("cli-speakers")
@pytest.mark.parametrize("language", ["es"])
def test_nobody_is_said_in_the_locale_language(language: Language, data: Path) -> None:
    done = cli(data, LOCALES[language], "people", "language", "5219999999999", "es")
    assert done.returncode == 1
    expected = CATALOG["err.people.nobody"].get(language).format(who="5219999999999")
    assert done.stderr.strip() == f"reactiond: {expected}"


@pytest.mark.xdist_group("cli-speakers")
@pytest.mark.parametrize("language", ["pt"])
def test_a_wrong_language_is_said_in_the_locale_language(language: Language, data: Path) -> None:
    done = cli(data, LOCALES[language], "people", "language", WHO, "klingon")
    assert done.returncode == 1
    expected = CATALOG["err.people.language"].get(language).format(language="klingon")
    assert done.stderr.strip() == f"reactiond: {expected}"
