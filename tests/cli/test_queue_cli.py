"""`reactiond queue list`: one line per job, and an error only where it still matters."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from typer.testing import CliRunner

from reactiond.cli.main import app
from reactiond.domain import NewJob
from reactiond.store.sqlite.store import SqliteStore


async def job_that_failed_once_then_succeeded(db: Path) -> None:
    store = SqliteStore(db)
    await store.open()
    try:
        await store.enqueue(NewJob(kind="reaction", payload={}, dedupe_key="k1"), time.time())
        job = await store.claim_next_job(["reaction"], "w", 30, time.time())
        assert job is not None
        await store.fail_job(job, "w", "Evolution timed out", time.time(), time.time())
        again = await store.claim_next_job(["reaction"], "w", 30, time.time() + 1)
        assert again is not None
        await store.complete_job(again, "w", time.time())
    finally:
        await store.close()


def test_a_job_that_succeeded_after_a_retry_is_not_listed_with_its_old_error(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    asyncio.run(job_that_failed_once_then_succeeded(data / "reactiond.db"))
    result = CliRunner(env={"REACTIOND_DATA_DIR": str(data)}).invoke(app, ["queue", "list"])
    assert result.exit_code == 0, result.output
    line = result.output.splitlines()[1]
    assert "done" in line
    assert "timed out" not in line
    shown = CliRunner(env={"REACTIOND_DATA_DIR": str(data)}).invoke(app, ["queue", "show", "1"])
    assert "Evolution timed out" in shown.output  # the attempt history keeps it
