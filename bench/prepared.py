"""What PostgreSQL spends parsing and planning the store's statements (issue 18's next lead).

    python bench/prepared.py [--runs 1000]

Until session 10 the store sent each statement as text with its values inlined (psycopg's
`ClientCursor`), so the server parsed and planned it every time; it now prepares them
(store/postgres/transaction.py). This times a few of the statements every reaction sends,
the old way and prepared on the server (psycopg's `prepare=True`), on an idle cluster of
its own (tests/postgres.py), one connection, the
median of `--runs` after 50 warm-ups, and prints one table; then whole transactions of
those statements as the store runs them (`through_the_store`), a second table.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402
from bench.postgres import Cluster  # noqa: E402
from reactiond.store.postgres.sql import to_postgres  # noqa: E402
from reactiond.store.postgres.store import PgStore  # noqa: E402
from reactiond.store.queries import query  # noqa: E402

ON_MESSAGE = {"instance": "i", "message_id": "m", "reactor_id": 1, "reaction_row_id": 1}
STATEMENTS: dict[str, tuple[str, dict[str, Any]]] = {
    "the claim's look": (query("queue", "expired_then_queued_priorities"), {"now": 1.0}),
    "a reaction's message": (query("reactions", "message_with_author"), ON_MESSAGE),
    "its earlier actions": (query("reactions", "live_actions_on_message"), ON_MESSAGE),
    "the rules naming an emoji": (query("rules", "enabled_rules_naming"), {"pattern": "%✅%"}),
}


def timed(
    cur: psycopg.Cursor[Any], sql: str, params: dict[str, Any], *, prepare: bool | None
) -> Callable[[], None]:
    def run() -> None:
        cur.execute(sql, params, prepare=prepare)
        cur.fetchall()

    return run


def median_us(run: Callable[[], Any], runs: int) -> float:
    for _ in range(50):
        run()
    took = []
    for _ in range(runs):
        t0 = time.perf_counter()
        run()
        took.append((time.perf_counter() - t0) * 1e6)
    return statistics.median(took)


async def migrated(url: str) -> None:
    store = PgStore(url)
    await store.open()
    await store.close()


async def through_the_store(url: str, runs: int) -> None:
    """Whole transactions as the store runs them (PgStore.read: a worker thread, a pooled
    connection, BEGIN … COMMIT): whatever way this checkout sends its statements. Copy
    this file into another checkout to time that one's the same way."""
    store = PgStore(url)
    await store.open()
    try:
        look, params = STATEMENTS["the claim's look"]
        reads = [STATEMENTS[n] for n in ("a reaction's message", "its earlier actions")]
        cases: dict[str, Callable[[Any], Any]] = {
            "the claim's look, one read": lambda tx: tx.execute(look, params),
            "three reads in one batch": lambda tx: tx.execute_batch(
                [*reads, (look, params)], commit=True
            ),
        }
        print("| transaction | median µs |")
        print("|---|---:|")
        for name, work in cases.items():
            for _ in range(200):
                await store.read(work)
            took = []
            for _ in range(runs):
                t0 = time.perf_counter()
                await store.read(work)
                took.append((time.perf_counter() - t0) * 1e6)
            print(f"| {name} | {statistics.median(took):.0f} |")
    finally:
        await store.close()


def main(runs: int) -> None:
    print(machine())
    print(time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    cluster = Cluster()
    try:
        url = cluster.database()
        asyncio.run(migrated(url))
        print("| statement | as text µs | prepared µs |")
        print("|---|---:|---:|")
        with psycopg.connect(url, autocommit=True) as conn:
            for name, (sql, params) in STATEMENTS.items():
                text = to_postgres(sql)
                as_text = timed(psycopg.ClientCursor(conn), text, params, prepare=None)
                prepared = timed(conn.cursor(), text, params, prepare=True)
                print(
                    f"| {name} | {median_us(as_text, runs):.0f} | {median_us(prepared, runs):.0f} |"
                )
        print()
        asyncio.run(through_the_store(url, runs))
    finally:
        cluster.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1000)
    main(parser.parse_args().runs)
