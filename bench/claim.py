"""Does claiming a job cost the same however many jobs wait?

Builds queues of N future reminders (queued, due tomorrow, at a higher priority than
reactions), the same N finished jobs, and one due reaction; then times, best of 5, the
claim's lookup as it is now (`store/sqlite/queue.py::_first_due`) beside the single
statement it replaced (kept here as the reference), on the same database in one run.

    python bench/claim.py [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import apsw

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import machine  # noqa: E402
from reactiond.store.sqlite.connection import migrate, open_connection  # noqa: E402
from reactiond.store.sqlite.queue import _first_due  # noqa: E402
from reactiond.store.sqlite.transaction import SqliteTransaction  # noqa: E402

NOW = 1_800_000_000.0
BEFORE = (
    "SELECT id FROM jobs WHERE status = 'queued' AND run_at <= ? AND kind IN (?, ?)"
    " ORDER BY priority DESC, run_at, id LIMIT 1"
)
INSERT = (
    "INSERT INTO jobs (kind, dedupe_key, payload, priority, status, attempts, max_attempts,"
    " run_at, created_at, updated_at, finished_at) VALUES (?, ?, '{}', ?, ?, 0, 8, ?, ?, ?, ?)"
)


def _before(conn: apsw.Connection) -> object:
    return conn.execute(BEFORE, (NOW, "reaction", "reminder")).fetchall()


def best_ms(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    print(machine())
    print(f"{'waiting jobs':>13} | {'before (ms)':>11} | {'now (ms)':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            conn = open_connection(Path(tmp) / f"claim-{n}.db")
            migrate(conn)
            conn.execute("BEGIN")
            future = NOW + 86400
            conn.executemany(
                INSERT,
                [("reminder", f"r{i}", 5, "queued", future + i, NOW, NOW, None) for i in range(n)],
            )
            conn.executemany(
                INSERT, [("reminder", f"d{i}", 5, "done", NOW, NOW, NOW, NOW) for i in range(n)]
            )
            conn.execute(INSERT, ("reaction", "due", 0, "queued", NOW, NOW, NOW, None))
            conn.execute("COMMIT")
            tx = SqliteTransaction(conn)
            kinds = frozenset({"reaction", "reminder"})
            before = best_ms(functools.partial(_before, conn))
            now = best_ms(functools.partial(_first_due, tx, kinds, NOW))
            print(f"{n:>13,} | {before:>11.3f} | {now:>8.3f}")
            conn.close()


if __name__ == "__main__":
    main()
