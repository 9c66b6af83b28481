"""A listing cut at --limit says so after the table, on stderr, with how to see more
(it stopped at 100 bills of 151 without a word); a listing that shows everything does not."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from reactiond.domain import NewJob
from reactiond.store.interface import Transaction
from reactiond.store.sqlite.store import SqliteStore
from tests import store_writes
from tests.cli.conftest import with_database
from tests.cli_in_process import run_cli
from tests.e2e.replies.records_seed import seed_record

BILLS = 151
JOBS = 51
REPLIES = 501  # past outbox list's largest --limit


async def seed(db: Path) -> None:
    store = SqliteStore(db)
    await store.open()
    try:
        now = time.time()

        def write(tx: Transaction) -> None:
            for n in range(BILLS):
                seed_record(
                    tx, "bill", now + n / 1000, amount="10.00", currency="MXN", vendor=f"v{n}"
                )
            for n in range(REPLIES):
                store_writes.reply(tx, f"r{n}", queued_at=now)

        await store.write(write)
        for n in range(JOBS):
            await store.enqueue(NewJob(kind="reaction", payload={}, dedupe_key=f"k{n}"), now)
    finally:
        await store.close()


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | None]:
    data = with_database(tmp_path_factory.mktemp("many") / "data")
    asyncio.run(seed(data / "reactiond.db"))
    return {"REACTIOND_DATA_DIR": str(data)}


@pytest.mark.parametrize(
    ("command", "shown", "most"),
    [
        (["bills", "list"], 100, 500),
        (["queue", "list"], 50, 1000),
        (["outbox", "list"], 50, 500),
    ],
)
def test_a_cut_listing_says_there_are_more(
    env: dict[str, str | None], command: list[str], shown: int, most: int
) -> None:
    result = run_cli(env, *command)
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert len(rows) == shown + (command[0] != "outbox"), rows[:3]  # a header but outbox's
    said = result.stderr.strip()
    name = " ".join(command)
    assert said == (
        f"{shown} shown, and there are more: --limit {most} shows up to {most}, or narrow the"
        f" list (`reactiond {name} --help` shows how)"
    ), said
    as_json = run_cli(env, *command, "--json")
    assert as_json.stderr.strip() == said  # stdout stays the JSON
    assert "more" not in as_json.stdout


@pytest.mark.parametrize(
    ("command", "everything"),
    [(["bills", "list"], BILLS), (["queue", "list"], JOBS)],
)
def test_a_listing_that_shows_everything_says_nothing_more(
    env: dict[str, str | None], command: list[str], everything: int
) -> None:
    for limit in (everything, everything + 1):
        result = run_cli(env, *command, "--limit", str(limit))
        assert result.exit_code == 0, result.output
        assert result.stderr == "", result.stderr


def test_at_the_largest_limit_it_says_to_narrow_the_list(env: dict[str, str | None]) -> None:
    result = run_cli(env, "outbox", "list", "--limit", "500")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == (
        "500 shown, and there are more: narrow the list (`reactiond outbox list --help` shows how)"
    )
    cut = run_cli(env, "bills", "list", "--limit", "150")
    assert "150 shown, and there are more: --limit 500 shows up to 500" in cut.stderr
