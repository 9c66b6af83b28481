"""End to end: reaction webhook in → reply received by (a fake) Evolution.

In-process daemon on a temporary data dir, real webhook on loopback, real parsers, real
outbox sender, and the test suite's fake Evolution on another loopback port (same
process and event loop as the daemon: a conservative set-up on a small machine).

    python bench/e2e.py [--rate 50] [--seconds 20] [--burst 1000]

Prints one table:
- paced: reactions posted at a fixed rate (open loop: each at its scheduled time, however
  long the previous one took) for `seconds`; latency = from the start of the webhook POST
  to the moment the fake Evolution received the reply; p50 / p99 / max, and the rate at
  which replies arrived;
- burst: `burst` reactions posted by 16 clients as fast as they go; sustained
  reactions/s = burst / (time until the last reply arrived).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import re
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
from tests.fake_evolution import FakeEvolution  # noqa: E402

SECRET = "bench-secret-0123456789"
AMOUNT = re.compile(r"\$([\d,]+)\.00")


def reply_index(text: str) -> int | None:
    found = AMOUNT.search(text)
    return None if found is None else int(found.group(1).replace(",", "")) - 1000


def arrivals(fake: FakeEvolution, *, wall: bool = False) -> dict[int, float]:
    got: dict[int, float] = {}
    for r in fake.sends:
        i = reply_index(str(r.body.get("text", "")))
        if i is not None and i not in got:
            got[i] = r.wall if wall else r.at
    return got


async def queued_at(daemon: Daemon) -> dict[int, float]:
    """When each reply row was committed (the reaction job's completion), wall clock."""
    rows = await daemon.store.read(
        lambda tx: tx.execute("SELECT body, created_at FROM outbox WHERE kind = 'text'")
    )
    got: dict[int, float] = {}
    for r in rows:
        i = reply_index(json.loads(r["body"]).get("text", ""))
        if i is not None:
            got[i] = float(r["created_at"])
    return got


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1]


async def wait_replies(fake: FakeEvolution, wanted: set[int], within: float) -> dict[int, float]:
    deadline = time.perf_counter() + within
    while True:
        got = arrivals(fake)
        if wanted <= set(got) or time.perf_counter() > deadline:
            return got
        await asyncio.sleep(0.002)


async def main(rate: float, seconds: float, burst: int) -> None:
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR))
    paced_n = int(rate * seconds)
    total = paced_n + burst
    fake = FakeEvolution()
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        s = load_settings(
            None,
            data_dir=Path(tmp),
            port=0,
            webhook_secret=SECRET,
            log_level="error",
            reaction_flood_per_minute=10**9,
            evolution_url=fake.url,
            evolution_api_key=fake.api_key,
        )
        daemon = Daemon(s)
        await daemon.start()
        url = f"http://127.0.0.1:{daemon.port}/webhook/reactiond-demo"
        headers = {"X-Reactiond-Secret": SECRET}
        pairs = [bill_reaction_pair(i, prefix="E2E", amount=1000 + i) for i in range(total)]
        posted: dict[int, float] = {}
        posted_wall: dict[int, float] = {}
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64)) as http:

            async def post(p: dict[str, Any]) -> None:
                async with http.post(url, data=json.dumps(p), headers=headers) as r:
                    assert r.status == 200, await r.text()

            # The messages first: a reaction's latency should not include its message.
            for start in range(0, total, 50):
                await asyncio.gather(*(post(m) for m, _ in pairs[start : start + 50]))

            # Paced (open loop).
            async def paced(i: int, at: float) -> None:
                await asyncio.sleep(max(0.0, at - time.perf_counter()))
                posted[i] = time.perf_counter()
                posted_wall[i] = time.time()
                await post(pairs[i][1])

            t0 = time.perf_counter() + 0.2
            await asyncio.gather(*(paced(i, t0 + i / rate) for i in range(paced_n)))
            got = await wait_replies(fake, set(range(paced_n)), within=30.0)
            missing = paced_n - len([i for i in range(paced_n) if i in got])
            latencies = sorted((got[i] - posted[i]) * 1000 for i in range(paced_n) if i in got)
            span = max(got[i] for i in got if i < paced_n) - t0
            delivered_rate = len(latencies) / span
            # Where the time goes: webhook + worker (until the reply row is committed),
            # then the outbox (until Evolution has it).
            committed = await queued_at(daemon)
            arrived = arrivals(fake, wall=True)
            paced_ok = [i for i in range(paced_n) if i in committed and i in arrived]
            worker_ms = [(committed[i] - posted_wall[i]) * 1000 for i in paced_ok]
            outbox_ms = [(arrived[i] - committed[i]) * 1000 for i in paced_ok]

            # Burst (closed loop, 16 clients).
            queue: asyncio.Queue[int] = asyncio.Queue()
            for i in range(paced_n, total):
                queue.put_nowait(i)

            async def client() -> None:
                while not queue.empty():
                    await post(pairs[queue.get_nowait()][1])

            b0 = time.perf_counter()
            await asyncio.gather(*(client() for _ in range(16)))
            got = await wait_replies(fake, set(range(paced_n, total)), within=60.0)
            burst_done = [got[i] for i in range(paced_n, total) if i in got]
            burst_missing = burst - len(burst_done)
            sustained = len(burst_done) / (max(burst_done) - b0) if burst_done else 0.0
        duplicates = len(fake.sends) - len(arrivals(fake))
        await daemon.stop()
    await fake.stop()

    q = statistics.quantiles(latencies, n=100)
    print(
        "| phase | reactions | rate asked/s | replies/s | p50 ms | p99 ms | max ms |"
        " missing | duplicate replies |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| paced | {paced_n} | {rate:.0f} | {delivered_rate:.1f} | {q[49]:.1f} | {q[98]:.1f} |"
        f" {latencies[-1]:.1f} | {missing} | {duplicates} |"
    )
    print(
        f"| burst (16 clients) | {burst} | max | {sustained:.0f} | - | - | - |"
        f" {burst_missing} | {duplicates} |"
    )
    print()
    print("| paced, stage | p50 ms | p99 ms |")
    print("|---|---:|---:|")
    print(
        f"| webhook POST → reply row committed (ingest + reaction job) |"
        f" {pct(worker_ms, 50):.1f} | {pct(worker_ms, 99):.1f} |"
    )
    print(
        f"| reply row committed → received by Evolution (outbox) |"
        f" {pct(outbox_ms, 50):.1f} | {pct(outbox_ms, 99):.1f} |"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--burst", type=int, default=1000)
    args = parser.parse_args()
    asyncio.run(main(args.rate, args.seconds, args.burst))
