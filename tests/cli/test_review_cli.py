"""Bad input a new user meets on the command line: one line saying what is wrong and what to
do, a non-zero exit, no traceback (found in the new-user review)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from reactiond.cli.main import app
from tests.cli.conftest import with_database


@pytest.fixture
def cli(tmp_path: Path) -> CliRunner:
    return CliRunner(env={"REACTIOND_DATA_DIR": str(with_database(tmp_path / "data"))})


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.mark.parametrize(
    "command",
    [["export", "csv", "tasks"], ["export", "ics"], ["rules", "export", "--format", "json"]],
)
def test_writing_to_a_missing_directory_is_one_line(
    cli: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    target = tmp_path / "missing" / "out.txt"
    line = one_line_error(cli.invoke(app, [*command, "-o", str(target)]))
    assert f"cannot write {target}" in line


def test_outbox_list_refuses_an_unknown_status(cli: CliRunner) -> None:
    line = one_line_error(cli.invoke(app, ["outbox", "list", "--status", "bogus"]))
    assert "unknown status 'bogus'" in line and "dead" in line


def test_outbox_list_refuses_a_limit_below_one(cli: CliRunner) -> None:
    assert "--limit" in one_line_error(cli.invoke(app, ["outbox", "list", "--limit", "0"]))


def test_outbox_list_accepts_a_known_status(cli: CliRunner) -> None:
    result = cli.invoke(app, ["outbox", "list", "--status", "dead"])
    assert result.exit_code == 0, result.output
    assert "no replies with status dead" in result.output


def test_parse_refuses_an_unknown_language(cli: CliRunner) -> None:
    line = one_line_error(cli.invoke(app, ["parse", "task", "buy milk", "--lang", "xx"]))
    assert line.startswith("reactiond: unknown language 'xx'")


def test_rules_test_refuses_an_unknown_language(cli: CliRunner) -> None:
    line = one_line_error(cli.invoke(app, ["rules", "test", "💳", "pay $5", "--lang", "xx"]))
    assert "unknown language 'xx'" in line


def test_parse_still_takes_a_supported_language(cli: CliRunner) -> None:
    result = cli.invoke(app, ["parse", "task", "comprar leche mañana", "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert "[es]" in result.output


def test_evolution_connect_refuses_a_url_that_is_not_http(cli: CliRunner) -> None:
    result = cli.invoke(
        app,
        ["evolution", "connect", "reactiond-demo", "--url", "notaurl"],
        env={"REACTIOND_EVOLUTION_URL": "http://127.0.0.1:9", "REACTIOND_EVOLUTION_API_KEY": "k"},
    )
    assert result.exit_code == 2
    assert "--url 'notaurl' is not an http(s) URL" in result.output


def test_evolution_connect_to_an_unreachable_evolution_says_so(cli: CliRunner) -> None:
    result = cli.invoke(
        app,
        ["evolution", "connect", "reactiond-demo", "--url", "http://127.0.0.1:8787"],
        env={"REACTIOND_EVOLUTION_URL": "http://127.0.0.1:9", "REACTIOND_EVOLUTION_API_KEY": "k"},
    )
    line = one_line_error(result)
    assert "cannot reach Evolution" in line and "REACTIOND_EVOLUTION_URL" in line
    assert not line.startswith("reactiond: Evolution refused")


@pytest.mark.parametrize("command", [["feeds", "create", "Ana"], ["feeds", "rotate", "1"]])
def test_feeds_refuse_a_base_url_that_is_not_http_before_issuing_a_url(
    cli: CliRunner, command: list[str]
) -> None:
    line = one_line_error(cli.invoke(app, [*command, "--base-url", "notaurl"]))
    assert "--base-url 'notaurl' is not an http(s) URL" in line
    listed = cli.invoke(app, ["feeds", "list"])
    assert "no feeds" in listed.output  # nothing was created


def test_a_bad_date_option_is_named_as_the_cli_names_it(cli: CliRunner) -> None:
    line = one_line_error(cli.invoke(app, ["tasks", "list", "--from", "notadate"]))
    assert "--from 'notadate' is not a date" in line
    assert "due_from" not in line


def test_an_unknown_record_points_at_the_cli_list_command(cli: CliRunner) -> None:
    line = one_line_error(cli.invoke(app, ["bills", "paid", "999"]))
    assert line == "reactiond: no bill 999; `reactiond bills list` shows them"


def test_queue_show_prints_the_payload_as_json(cli: CliRunner, tmp_path: Path) -> None:
    import asyncio
    import json

    from reactiond.domain import NewJob
    from reactiond.store.sqlite.store import SqliteStore

    async def enqueue() -> int:
        store = SqliteStore(tmp_path / "data" / "reactiond.db")
        await store.open()
        try:
            return await store.enqueue(NewJob("reaction", {"reaction": 12, "ok": True}), 0)
        finally:
            await store.close()

    (tmp_path / "data").mkdir(exist_ok=True)
    job_id = asyncio.run(enqueue())  # the CLI runs its own event loop, so this test has none
    result = cli.invoke(app, ["queue", "show", str(job_id)])
    assert result.exit_code == 0, result.output
    [line] = [x for x in result.output.splitlines() if x.strip().startswith("payload:")]
    assert json.loads(line.split(":", 1)[1]) == {"reaction": 12, "ok": True}


def test_export_csv_names_the_date_option_as_the_cli_names_it(cli: CliRunner) -> None:
    line = one_line_error(cli.invoke(app, ["export", "csv", "bills", "--to", "2026-13-01"]))
    assert "--to '2026-13-01' is not a date" in line


def test_parse_says_which_field_it_guessed(cli: CliRunner) -> None:
    # "a las 3" has no am/pm: read as 15:00, and `parse` says so as the confirmation would.
    result = cli.invoke(
        app,
        ["parse", "calendar", "reunión el viernes a las 3", "--tz", "America/Mexico_City",
         "--now", "2026-12-03T10:00", "--lang", "es"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "start: 2026-12-04T15:00" in result.output
    assert "guessed: start: a bare hour read as PM" in result.output


def test_parse_json_lists_the_guessed_fields(cli: CliRunner) -> None:
    result = cli.invoke(
        app,
        ["parse", "calendar", "reunión el viernes a las 3", "--tz", "America/Mexico_City",
         "--now", "2026-12-03T10:00", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '"why": "bare_hour_pm"' in result.output
