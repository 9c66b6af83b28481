"""A URL whose user PostgreSQL does not let in, or whose database does not exist, is said
as that, with what to fix in the URL: not as a server that cannot be reached, whose advice
(check that PostgreSQL runs) sends the reader to look at a server that runs fine."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from typer.testing import Result

from reactiond.cli.click import say
from reactiond.store.postgres.said import refused
from tests.cli_in_process import run_cli
from tests.postgres import PgCluster

PASSWORD_REFUSED = (
    'connection failed: connection to server on socket "/tmp/pg/.s.PGSQL.5432" failed:'
    ' FATAL:  password authentication failed for user "reactiond"'
)


def cli(url: str, *args: str) -> Result:
    """`reactiond ARGS` on `url` and no other REACTIOND_* setting, in this process."""
    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("REACTIOND_")}
    return run_cli(env | {"REACTIOND_LANGUAGE": "en", "REACTIOND_DATABASE_URL": url}, *args)


def unknown_user(cluster: PgCluster) -> str:
    return f"postgresql://nobody:pw@127.0.0.1:{cluster.port}/postgres"


def unknown_database(cluster: PgCluster) -> str:
    return cluster.url("no_such_db")


async def test_a_user_the_server_refuses_is_said_as_a_refused_login(
    pg_cluster: PgCluster,
) -> None:
    failed = await asyncio.to_thread(cli, unknown_user(pg_cluster), "tasks", "list")
    assert failed.exit_code == 1
    [line] = failed.stderr.splitlines()
    assert line.startswith("reactiond: PostgreSQL refused the login (")
    assert 'FATAL:  role "nobody" does not exist)' in line
    assert line.endswith("check the user name and password in REACTIOND_DATABASE_URL")
    assert "pw@" not in line


async def test_a_database_that_does_not_exist_says_how_to_create_it(
    pg_cluster: PgCluster,
) -> None:
    failed = await asyncio.to_thread(cli, unknown_database(pg_cluster), "queue", "stats")
    assert failed.exit_code == 1
    [line] = failed.stderr.splitlines()
    assert line == (
        'reactiond: PostgreSQL has no database "no_such_db": create it (sudo -u postgres'
        " createdb --owner reactiond no_such_db) or fix the database name in"
        " REACTIOND_DATABASE_URL"
    )


async def test_backup_and_copy_say_the_same(
    pg_cluster: PgCluster, pg_url: str, tmp_path: Path
) -> None:
    backup = await asyncio.to_thread(cli, unknown_user(pg_cluster), "backup", f"{tmp_path}/")
    assert backup.exit_code == 1
    assert backup.stderr.startswith("reactiond: PostgreSQL refused the login (")
    assert backup.stderr.rstrip().endswith("in REACTIOND_DATABASE_URL")
    restore = await asyncio.to_thread(
        cli, unknown_database(pg_cluster), "restore", str(tmp_path / "missing.db")
    )
    assert restore.exit_code == 1  # no such file: said before the database is asked
    source = tmp_path / "reactiond.db"
    made = await asyncio.to_thread(cli, pg_url, "backup", str(source))
    assert made.exit_code == 0, made.stderr
    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("REACTIOND_")}
    copy = await asyncio.to_thread(
        run_cli,
        env | {"REACTIOND_LANGUAGE": "en"},
        *("store", "copy", "--from", str(source), "--to", unknown_user(pg_cluster)),
    )
    assert copy.exit_code == 1
    [line] = copy.stderr.splitlines()
    assert line.startswith("reactiond: PostgreSQL refused the login (")
    assert line.endswith("check the user name and password in the --to URL; nothing was copied")
    restored = await asyncio.to_thread(cli, unknown_database(pg_cluster), "restore", str(source))
    assert restored.exit_code == 1
    assert 'PostgreSQL has no database "no_such_db"' in restored.stderr


def test_a_wrong_password_is_a_refused_login() -> None:
    said = refused(ConnectionError(PASSWORD_REFUSED), "postgresql://u@h/db", "X_URL")
    assert said == (
        f"PostgreSQL refused the login ({PASSWORD_REFUSED})",
        "check the user name and password in X_URL",
    )


def test_a_server_that_is_down_is_no_refused_login() -> None:
    down = ConnectionError("connection failed: Connection refused")
    assert refused(down, "postgresql://u@h/db", "X_URL") is None


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", "PostgreSQL rechazó el inicio de sesión (x): revisa el usuario y la contraseña"),
        ("pt", "o PostgreSQL recusou o login (x): verifique o usuário e a senha"),
        ("fr", "PostgreSQL a refusé la connexion (x) : vérifiez le nom d'utilisateur"),
    ],
)
def test_a_refused_login_is_said_in_the_cli_language(language: str, words: str) -> None:
    english = "PostgreSQL refused the login (x): check the user name and password in"
    assert say(english + " REACTIOND_DATABASE_URL", language).startswith(words)
    copied = say(english + " the --to URL; nothing was copied", language)
    assert copied.startswith(words) and "the --to URL" not in copied


@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_a_missing_database_is_said_in_the_cli_language(language: str) -> None:
    english = (
        'PostgreSQL has no database "d": create it (sudo -u postgres createdb --owner u d)'
        " or fix the database name in REACTIOND_DATABASE_URL"
    )
    said = say(english, language)
    assert "create it" not in said and "(sudo -u postgres createdb --owner u d)" in said
    assert "REACTIOND_DATABASE_URL" in said and "\\" not in said
