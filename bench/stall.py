"""Webhook latency while the worst message is being parsed (issue 12, item 1).

In-process daemon on a temporary data dir, real webhook on loopback, real parser process.
Plain text messages are posted at a fixed rate (open loop) and each POST's latency (from
the moment it was due until the 200, i.e. the durable commit) is measured in three phases
of `seconds` each:

- quiet: nothing else happens;
- worst message: meanwhile, the worst known message (`"9:00-" * 13107`, 65,535 characters,
  WhatsApp's maximum) is reacted to with 📅 again and again, each reaction as soon as the
  previous one's job is done, so a parse of it is always under way in the parser process;
- on the loop: the same text parsed by `parse_calendar` directly on the event loop, uncut,
  once a second: what parsing in-process did (the loop is blocked for each parse), with
  today's linear parsers (before them, one such parse took 37 s).

    python bench/stall.py [--rate 50] [--seconds 10]

Prints one table: per phase, webhooks posted, p50 / p99 / max ms, and the parses done.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
import structlog

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import bill_reaction_pair, machine  # noqa: E402
from reactiond.app import Daemon  # noqa: E402
from reactiond.nlp.calendar import parse_calendar  # noqa: E402
from reactiond.settings import load_settings  # noqa: E402

SECRET = "bench-secret-0123456789"
WORST = "9:00-" * 13107


def worst_pair(i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    msg, react = bill_reaction_pair(i, prefix="WORST", amount=1)
    msg = copy.deepcopy(msg)
    msg["data"]["message"]["conversation"] = WORST
    react["data"]["message"]["reactionMessage"]["text"] = "📅"
    return msg, react


async def jobs_left(daemon: Daemon) -> int:
    rows = await daemon.store.read(
        lambda tx: tx.execute(
            "SELECT COUNT(*) AS n FROM jobs WHERE status IN ('queued', 'running')"
        )
    )
    return int(rows[0]["n"])


async def until_idle(daemon: Daemon, every: float) -> None:
    """Until no job is queued or running (polling the store: this is a bench)."""
    while await jobs_left(daemon):  # noqa: ASYNC110
        await asyncio.sleep(every)


async def main(rate: float, seconds: float) -> None:
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR))
    per_phase = int(rate * seconds)
    with tempfile.TemporaryDirectory() as tmp:
        s = load_settings(
            None,
            data_dir=Path(tmp),
            port=0,
            webhook_secret=SECRET,
            log_level="error",
            reaction_flood_per_minute=10**9,
        )
        daemon = Daemon(s)
        await daemon.start()
        url = f"http://127.0.0.1:{daemon.port}/webhook/reactiond-demo"
        headers = {"X-Reactiond-Secret": SECRET}
        probes = [
            bill_reaction_pair(i, prefix="PROBE", amount=1000 + i)[0] for i in range(3 * per_phase)
        ]
        rows: list[tuple[str, list[float], int, float]] = []
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64)) as http:

            async def post(p: dict[str, Any], since: float | None = None) -> float:
                started = time.perf_counter() if since is None else since
                async with http.post(url, data=json.dumps(p), headers=headers) as r:
                    assert r.status == 200, await r.text()
                return (time.perf_counter() - started) * 1000

            async def paced(batch: list[dict[str, Any]]) -> list[float]:
                t0 = time.perf_counter() + 0.1

                async def one(i: int, p: dict[str, Any]) -> float:
                    # Latency counts from the moment the webhook was due, not from when this
                    # client (on the daemon's loop) got to send it: a blocked loop delays both.
                    at = t0 + i / rate
                    await asyncio.sleep(max(0.0, at - time.perf_counter()))
                    return await post(p, since=at)

                return sorted(await asyncio.gather(*(one(i, p) for i, p in enumerate(batch))))

            # The parser process starts on the first parse: start it before measuring.
            warm_msg, warm_react = worst_pair(-1)
            warm_msg["data"]["message"]["conversation"] = "Reunión mañana a las 10"
            await post(warm_msg)
            await post(warm_react)
            await until_idle(daemon, 0.05)

            rows.append(("quiet", await paced(probes[:per_phase]), 0, 0.0))

            stop = asyncio.Event()
            parse_ms: list[float] = []

            async def worst_reactions() -> None:
                i = 0
                while not stop.is_set():
                    msg, react = worst_pair(i)
                    await post(msg)
                    started = time.perf_counter()
                    await post(react)
                    await until_idle(daemon, 0.005)
                    parse_ms.append((time.perf_counter() - started) * 1000)
                    i += 1

            background = asyncio.create_task(worst_reactions())
            await asyncio.sleep(0.5)  # the first worst reaction is in the parser by now
            latencies = await paced(probes[per_phase : 2 * per_phase])
            stop.set()
            await background
            rows.append(
                ("worst message, parser process", latencies, len(parse_ms), _median(parse_ms))
            )

            stop.clear()
            loop_ms: list[float] = []
            loop_cpu_ms: list[float] = []

            async def parse_on_loop() -> None:
                now = datetime(2026, 3, 2, 9, 0)
                while not stop.is_set():
                    started = time.perf_counter()
                    cpu = time.process_time()
                    parse_calendar(WORST, "es", now, "Europe/Madrid")  # blocks the loop
                    loop_ms.append((time.perf_counter() - started) * 1000)
                    loop_cpu_ms.append((time.process_time() - cpu) * 1000)
                    await asyncio.sleep(1.0)  # one such message a second

            background = asyncio.create_task(parse_on_loop())
            latencies = await paced(probes[2 * per_phase :])
            stop.set()
            await background
            rows.append(("worst message, on the loop", latencies, len(loop_ms), _median(loop_ms)))
        await daemon.stop()

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {machine()}; load average at the end {load}")
    print(f"rate {rate:.0f} webhooks/s, {seconds:.0f} s per phase")
    if loop_cpu_ms:
        print(f"worst message on the loop: {_median(loop_cpu_ms):.0f} ms CPU per parse (p50)")
    print()
    print("| phase | webhooks | p50 ms | p99 ms | max ms | worst parses | ms per parse (p50) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, lat, parses, per_parse in rows:
        q = statistics.quantiles(lat, n=100)
        shown = f"{per_parse:.0f}" if parses else "-"
        print(
            f"| {name} | {len(lat)} | {q[49]:.1f} | {q[98]:.1f} | {lat[-1]:.1f} |"
            f" {parses or '-'} | {shown} |"
        )


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    asyncio.run(main(args.rate, args.seconds))
