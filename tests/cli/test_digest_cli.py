"""`reactiond people digest` (issue 20 §5): the same digest as the chat command."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reactiond.cli.main import app
from reactiond.evolution.inbound import Translation, translate
from reactiond.store.sqlite.store import SqliteStore
from tests.cli.conftest import with_database
from tests.fixtures import INSTANCE, fixture


def seed_owner_message(data_dir: Path) -> None:
    async def run() -> None:
        store = SqliteStore(data_dir / "reactiond.db")
        await store.open()
        p = fixture("messages.upsert.text-conversation.es")
        p["data"]["key"].update(remoteJid="5215512345678@s.whatsapp.net", fromMe=True)
        p["data"]["key"].pop("remoteJidAlt", None)
        t = translate(p, instance_from_url=INSTANCE)
        assert isinstance(t, Translation)
        await store.ingest(t.instance, t.event, t.events, time.time())
        await store.close()

    asyncio.run(run())


def test_people_digest_sets_and_stops_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = with_database(tmp_path / "data")
    seed_owner_message(data)
    monkeypatch.setenv("REACTIOND_DATA_DIR", str(data))
    monkeypatch.setenv("REACTIOND_LANGUAGE", "en")
    runner = CliRunner()
    on = runner.invoke(app, ["people", "digest", "5215512345678", "07:30"])
    assert on.exit_code == 0, on.output
    assert "daily digest at 07:30 (America/Mexico_City" in on.output
    off = runner.invoke(app, ["people", "digest", "5215512345678", "--off"])
    assert off.exit_code == 0 and "daily digest off" in off.output
    bad = runner.invoke(app, ["people", "digest", "5215512345678", "7pm"])
    assert bad.exit_code != 0
