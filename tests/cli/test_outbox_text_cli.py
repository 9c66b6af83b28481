"""A reply's text is visible from the CLI: its first line in `outbox list`, all of it in
`outbox show N` and in `--json` (issue 16 item 1)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reactiond.cli.main import app
from reactiond.store import outbox
from reactiond.store.sqlite.store import SqliteStore

TEXT = "✅ Tarea creada: Pagar la luz\nVence: jue 24 de dic, 18:00"


def _seed(data: Path) -> None:
    data.mkdir(parents=True, exist_ok=True)

    async def run() -> None:
        store = SqliteStore(data / "reactiond.db")
        await store.open()
        try:
            await store.write(
                lambda tx: outbox.queue_text(
                    tx,
                    dedupe_key="action:1:created",
                    instance="reactiond-demo",
                    destination="5215512345678",
                    text=TEXT,
                    language="es",
                    now=1_768_000_000.0,
                )
            )
        finally:
            await store.close()

    asyncio.run(run())


@pytest.fixture
def cli(tmp_path: Path) -> CliRunner:
    _seed(tmp_path / "data")
    return CliRunner(env={"REACTIOND_DATA_DIR": str(tmp_path / "data"), "REACTIOND_LANGUAGE": "en"})


def test_list_shows_the_first_line_of_the_text(cli: CliRunner) -> None:
    result = cli.invoke(app, ["outbox", "list"])
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    assert "✅ Tarea creada: Pagar la luz …" in line
    assert "Vence" not in line


def test_list_json_carries_the_whole_text(cli: CliRunner) -> None:
    result = cli.invoke(app, ["outbox", "list", "--json"])
    assert result.exit_code == 0, result.output
    [reply] = json.loads(result.stdout)
    assert reply["text"] == TEXT


def test_show_prints_the_whole_text(cli: CliRunner) -> None:
    result = cli.invoke(app, ["outbox", "show", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(TEXT + "\n")
    assert "5215512345678" in result.stdout
    as_json = json.loads(cli.invoke(app, ["outbox", "show", "1", "--json"]).stdout)
    assert as_json["text"] == TEXT and as_json["status"] == "pending"


def test_show_of_an_unknown_reply_is_one_line(cli: CliRunner) -> None:
    result = cli.invoke(app, ["outbox", "show", "9"])
    assert result.exit_code == 1
    assert result.output.strip() == ("reactiond: no reply 9; `reactiond outbox list` shows them")


def test_retry_sends_a_dead_reply_again_and_says_why_it_cannot(
    cli: CliRunner, tmp_path: Path
) -> None:
    """The same function as `POST /api/outbox/{id}/retry` and the Replies page's button."""
    result = cli.invoke(app, ["outbox", "retry", "9"])
    assert result.exit_code == 1
    assert result.output.strip() == "reactiond: no reply 9; `reactiond outbox list` shows them"

    async def kill() -> None:
        store = SqliteStore(tmp_path / "data" / "reactiond.db")
        await store.open()
        try:
            row = await store.read(lambda tx: outbox.get(tx, 1))
            assert row is not None
            await store.write(lambda tx: outbox.mark_dead(tx, row, "gone", 1_768_000_001.0))
        finally:
            await store.close()

    asyncio.run(kill())
    result = cli.invoke(app, ["outbox", "retry", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "reply 1 queued again"
    shown = json.loads(cli.invoke(app, ["outbox", "show", "1", "--json"]).stdout)
    assert shown["status"] == "pending"
