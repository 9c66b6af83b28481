"""Reaction → record: how fast the worker turns reactions into committed records.

In-process daemon on a temporary data dir, real webhook on loopback, real parsers.
  python bench/reactions.py [N]
Prints one table: sustained reactions/s (N reactions posted by 16 clients, until every
record is committed) and per-reaction latency (webhook POST → record committed, one at a
time) p50/p99.
"""

from __future__ import annotations

import asyncio
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
import structlog

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import bill_reaction_pair  # noqa: E402
from reactiond.app import Daemon  # noqa: E402
from reactiond.settings import load_settings  # noqa: E402

SECRET = "bench-secret-0123456789"


async def count_bills(daemon: Daemon) -> int:
    row = await daemon.store.read(lambda tx: tx.execute_one("SELECT COUNT(*) AS n FROM bills"))
    return int(row["n"]) if row else 0


async def bills_reach(daemon: Daemon, n: int, within: float = 120.0) -> None:
    for _ in range(int(within / 0.0005)):
        if await count_bills(daemon) >= n:
            return
        await asyncio.sleep(0.0005)
    raise TimeoutError(f"fewer than {n} bills after {within} s")


async def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        s = load_settings(
            None,
            data_dir=Path(tmp),
            port=0,
            webhook_secret=SECRET,
            log_level="error",
            reaction_flood_per_minute=10**9,
        )
        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR))
        daemon = Daemon(s)
        await daemon.start()
        url = f"http://127.0.0.1:{daemon.port}/webhook/reactiond-demo"
        headers = {"X-Reactiond-Secret": SECRET}
        pairs = [bill_reaction_pair(i, prefix="B", amount=100 + i) for i in range(n + 200)]
        async with aiohttp.ClientSession() as http:

            async def post(p: dict[str, Any]) -> None:
                async with http.post(url, data=json.dumps(p), headers=headers) as r:
                    assert r.status == 200

            for start in range(0, n + 200, 50):
                await asyncio.gather(*(post(m) for m, _ in pairs[start : start + 50]))
            queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
            for _, r in pairs[:n]:
                queue.put_nowait(r)

            async def client() -> None:
                while not queue.empty():
                    await post(queue.get_nowait())

            t0 = time.perf_counter()
            await asyncio.gather(*(client() for _ in range(16)))
            await bills_reach(daemon, n)
            sustained = n / (time.perf_counter() - t0)

            latencies = []
            for i in range(n, n + 200):
                before = await count_bills(daemon)
                t = time.perf_counter()
                await post(pairs[i][1])
                await bills_reach(daemon, before + 1)
                latencies.append((time.perf_counter() - t) * 1000)
        await daemon.stop()
    q = statistics.quantiles(latencies, n=100)
    print("| reactions | sustained reactions/s | latency p50 ms | latency p99 ms |")
    print("|---:|---:|---:|---:|")
    print(f"| {n} | {sustained:.0f} | {q[49]:.1f} | {q[98]:.1f} |")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
