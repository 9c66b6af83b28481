"""The web pages on a large database: server time of each page, and what a page weighs.

In-process daemon on a data dir with about 100,000 records (N tasks and N/4 events,
bills and notes each, written straight into the tables by bench/api.py's seed), and, as on
an install that has run for a while, a parse (nlp_log), a job and a reply (outbox) for
every reaction, a few of them failed (refused parses, dead jobs, dead replies). The
actions and parses are spread over the 7 days before the seed: all of them inside
Analytics' default window (the last 7 days), its worst case. Real HTTP on loopback, one
client, open mode (loopback without a token).
  python bench/pages.py [N] [--data-dir DIR] [--runs R]
`--data-dir` keeps the seeded data dir and reuses it on the next run (seeding 100,000
records takes a while; the code's migrations run on it at start, as on an upgrade).
Prints one table: per page p50 / p95 server time in milliseconds (from the request's
start to the last byte read, on loopback), p50 / p95 of the CPU time the process spent on
it (what the request costs, whatever else runs on the machine), the HTML's size and its
size on the wire (gzip, as browsers ask); then the assets every page loads, and the
heaviest page with them, as sent.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import aiohttp
import structlog

from bench.api import seed
from bench.common import machine
from reactiond.app import Daemon
from reactiond.records.kinds import SPECS
from reactiond.records.query import sort_names
from reactiond.settings import load_settings
from reactiond.store.interface import Transaction

ASSETS = ("/static/style.css", "/static/htmx.min.js", "/static/live.js")


def seed_history(tx: Transaction) -> None:
    """What the pages read besides records, one per reaction: a parse, a job, a reply.
    One in 1,000 actions is a refused parse, one in 1,000 jobs and one in 500 replies dead
    (the lists Today and the filters show are short, the tables they are found in long)."""
    # Spread over the week before (bench/api.py's seed stamps every action now).
    tx.execute("UPDATE actions SET created_at = created_at - (id * 7919) % 604800")
    tx.execute(
        "INSERT INTO nlp_log (action_id, parser, language, success, confidence, reason,"
        " micros, created_at) SELECT id, CASE id % 4 WHEN 0 THEN 'bill' ELSE 'task' END,"
        " CASE id % 3 WHEN 0 THEN 'en' ELSE 'es' END, id % 1000 != 7, 0.9, NULL, 1500,"
        " created_at FROM actions"
    )
    tx.execute(
        "UPDATE actions SET outcome = 'parse_failed', detail = 'no date' WHERE id % 1000 = 7"
    )
    tx.execute(
        "INSERT INTO jobs (kind, dedupe_key, payload, status, attempts, max_attempts, run_at,"
        " last_error, created_at, updated_at, finished_at) SELECT 'reaction',"
        " 'reaction:' || instance || ':' || reaction_id, '{}',"
        " CASE WHEN id % 1000 = 3 THEN 'dead' ELSE 'done' END, 1, 5, received_at,"
        " CASE WHEN id % 1000 = 3 THEN 'boom' END, received_at, received_at, received_at"
        " FROM reactions"
    )
    tx.execute(
        "INSERT INTO outbox (dedupe_key, instance, destination, kind, body, language,"
        " action_id, status, attempts, next_attempt_at, last_error, created_at, updated_at,"
        " sent_at) SELECT 'confirm:' || id, instance, '5215500000000', 'text',"
        " json_object('number', '5215500000000', 'text', '✅ Tarea creada: revisar contrato'),"
        " 'es', id, CASE WHEN id % 500 = 5 THEN 'dead' ELSE 'sent' END, 1, created_at,"
        " CASE WHEN id % 500 = 5 THEN 'Evolution said 400' END, created_at, created_at,"
        " created_at FROM actions"
    )


async def timed(fn: Callable[[], Awaitable[int]], runs: int) -> tuple[list[float], int]:
    """p50, p95 of the wall time and p50, p95 of the CPU time this process spent (the
    server's work and the client's, without the time other processes held the CPU: on a
    shared machine the wall time's tail is mostly theirs), and the response's size."""
    wall, cpu = [], []
    size = 0
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        size = await fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return [*percentiles(wall), *percentiles(cpu)], size


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


@contextlib.contextmanager
def data_dir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def record_pages() -> list[str]:
    """Each kind's listing as the page opens it (default sort), then by every sort it
    offers, both ways."""
    pages = []
    for spec in SPECS.values():
        pages.append(f"/records/{spec.kind.value}")
        pages += [f"/records/{spec.kind.value}?sort={s}" for s in sort_names(spec)]
    return pages


async def main(n: int, keep: Path | None, runs: int) -> None:
    logging.disable(logging.CRITICAL)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.CRITICAL))
    with data_dir(keep) as tmp:
        settings = load_settings(
            None, data_dir=tmp, port=0, webhook_secret="bench-secret-0123456789"
        )
        daemon = Daemon(settings)
        await daemon.start()
        try:
            t0 = time.perf_counter()
            seeded_before = await daemon.store.read(
                lambda tx: tx.execute_one("SELECT COUNT(*) AS n FROM tasks")
            )
            if not seeded_before or not seeded_before["n"]:
                await daemon.store.write(lambda tx: seed(tx, n))
                await daemon.store.write(seed_history)
            else:
                n = int(seeded_before["n"])
            seeded = time.perf_counter() - t0
            base = f"http://127.0.0.1:{daemon.port}"
            jar = aiohttp.CookieJar(unsafe=True)
            async with (
                aiohttp.ClientSession(base, cookie_jar=jar) as http,
                aiohttp.ClientSession(base, cookie_jar=jar, auto_decompress=False) as raw,
            ):

                async def wire(path: str) -> int:
                    async with raw.get(path, headers={"Accept-Encoding": "gzip"}) as r:
                        return len(await r.read())

                async def get(path: str) -> int:
                    async with http.get(path) as r:
                        assert r.status == 200, (path, r.status)
                        return len(await r.read())

                async with http.get("/records/tasks?limit=50") as r:
                    assert r.status == 200
                pages = [
                    "/",
                    *record_pages(),
                    "/records/tasks?status=open&q=contrato&due_from=2026-06-01",
                    "/records/bills?status=pending&sort=-due",
                    "/records/bills?status=paid&sort=-created",
                    f"/trace/messages/M{n // 2}?instance=main",
                    "/rules",
                    "/rules?emoji=%E2%9C%85&text=Revisar+el+contrato+el+viernes",
                    "/queue",
                    "/queue?status=dead",
                    "/queue?status=done",
                    "/outbox",
                    "/outbox?status=dead",
                    "/analytics",
                    "/analytics?since=2020-01-01",
                    "/people",
                    "/settings",
                    # The API's doors onto the same functions, for comparison:
                    "/api/bills?status=pending&sort=-due&limit=25",
                    "/api/analytics/actions",
                ]
                total = n + 3 * (n // 4)
                print(
                    f"{total:,} records: {n:,} tasks, {n // 4:,} events, bills and notes each"
                    f" (seeded or opened in {seeded:.1f} s); {runs} requests per page"
                )
                load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
                print(f"machine: {machine()}; load average {load}")
                print(
                    f"{'page':<60} {'p50 ms':>7} {'p95 ms':>7} {'cpu p50':>7} {'cpu p95':>7}"
                    f" {'bytes':>8} {'gzip':>6}"
                )
                heaviest = 0
                for path in pages:
                    (p50, p95, c50, c95), size = await timed(lambda path=path: get(path), runs)
                    sent = await wire(path)
                    if not path.startswith("/api/"):  # pages only
                        heaviest = max(heaviest, sent)
                    print(
                        f"GET {path:<56} {p50:>7.1f} {p95:>7.1f} {c50:>7.1f} {c95:>7.1f}"
                        f" {size:>8,} {sent:>6,}"
                    )
                assets = sum([await get(path) for path in ASSETS])
                assets_sent = sum([await wire(path) for path in ASSETS])
                names = ", ".join(a.rsplit("/", 1)[1] for a in ASSETS)
                print(
                    f"assets ({names}): {assets:,} bytes, {assets_sent:,} gzip;"
                    f" heaviest page with them, as sent: {heaviest + assets_sent:,} bytes"
                )
        finally:
            await daemon.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("n", nargs="?", type=int, default=57_143, help="tasks (records ≈ 1.75 N)")
    parser.add_argument("--data-dir", type=Path, help="keep the seeded data dir here, reuse it")
    parser.add_argument("--runs", type=int, default=20, help="requests per page")
    args = parser.parse_args()
    asyncio.run(main(args.n, args.data_dir, args.runs))
