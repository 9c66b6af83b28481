"""Calendar push: 💳 reaction webhook in → the bill on a real CalDAV server (Radicale).

In-process daemon on a temporary data dir with one CalDAV target (bills as VTODO), and
Radicale (the test suite's, from PyPI) in its own process on loopback with htpasswd auth.

    python bench/calendar_push.py [--rate 10] [--seconds 10]

(Not bench/caldav.py: run as a script, its folder comes first on sys.path, and a file
named caldav.py there would be imported in place of the `caldav` library.)

Prints one table: reactions posted at a fixed rate (open loop); latency = from the start
of the webhook POST to the moment the push was recorded (the server had answered the PUT
with its ETag), p50 / p99 / max; then the objects on the server (one per bill, none
doubled), read back with the `caldav` client. The daemon speaks to Radicale through
`caldav` too (reactiond/caldav/client.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
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

from bench.common import bill_reaction_pair, machine  # noqa: E402
from reactiond.app import Daemon  # noqa: E402
from reactiond.caldav.targets import TargetRequest, add_target  # noqa: E402
from reactiond.settings import load_settings  # noqa: E402
from tests.e2e.caldav.conftest import objects  # noqa: E402
from tests.e2e.caldav.radicale import USER, Radicale  # noqa: E402
from tests.waiting import eventually  # noqa: E402

SECRET = "bench-secret-0123456789"


async def pushed_at(daemon: Daemon) -> dict[str, tuple[float, float]]:
    """Message id → (when its bill was committed, when the server had its object)."""
    rows = await daemon.store.read(
        lambda tx: tx.execute(
            "SELECT b.message_id, b.created_at, r.updated_at FROM caldav_resources r"
            " JOIN bills b ON r.kind = 'bill' AND b.id = r.record_id WHERE r.state = 'present'"
        )
    )
    return {str(r["message_id"]): (float(r["created_at"]), float(r["updated_at"])) for r in rows}


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1]


async def main(rate: float, seconds: float) -> None:
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR))
    n = int(rate * seconds)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        radicale = Radicale(Path(tmp) / "radicale")
        radicale.configure()
        radicale.start()
        try:
            radicale.make_calendar()
            s = load_settings(
                None,
                data_dir=Path(tmp) / "data",
                port=0,
                webhook_secret=SECRET,
                log_level="error",
                reaction_flood_per_minute=10**9,
            )
            daemon = Daemon(s)
            await daemon.start()
            req = TargetRequest(
                name="bench",
                url=radicale.url,
                user=USER,
                password_file=str(radicale.password_file),
                kinds=("bill",),
            )
            await add_target(daemon.store, req, time.time())
            url = f"http://127.0.0.1:{daemon.port}/webhook/reactiond-demo"
            headers = {"X-Reactiond-Secret": SECRET}
            pairs = [bill_reaction_pair(i, prefix="CAL", amount=1000 + i) for i in range(n + 1)]
            warm_up, pairs = pairs[-1], pairs[:-1]
            posted: dict[str, float] = {}
            async with aiohttp.ClientSession() as http:

                async def post(p: dict[str, Any]) -> None:
                    async with http.post(url, data=json.dumps(p), headers=headers) as r:
                        assert r.status == 200, await r.text()

                for m, _ in pairs:
                    await post(m)
                # One push first: the parser process and the connection are warm.
                await post(warm_up[0])
                await post(warm_up[1])
                warm_id = warm_up[0]["data"]["key"]["id"]

                async def warm() -> bool:
                    return warm_id in await pushed_at(daemon)

                await eventually(warm, what="the warm-up push", step=0.01)

                async def paced(i: int, at: float) -> None:
                    await asyncio.sleep(max(0.0, at - time.perf_counter()))
                    posted[pairs[i][0]["data"]["key"]["id"]] = time.time()
                    await post(pairs[i][1])

                t0 = time.perf_counter() + 0.2
                await asyncio.gather(*(paced(i, t0 + i / rate) for i in range(n)))
                deadline = time.perf_counter() + 60
                got = await pushed_at(daemon)
                while len(got) < n + 1 and time.perf_counter() < deadline:
                    await asyncio.sleep(0.01)
                    got = await pushed_at(daemon)
            await daemon.stop()
            on_server = await asyncio.to_thread(objects, radicale)
        finally:
            radicale.stop()
    latencies = sorted((got[m][1] - posted[m]) * 1000 for m in posted if m in got)
    to_record = [(got[m][0] - posted[m]) * 1000 for m in posted if m in got]
    to_server = [(got[m][1] - got[m][0]) * 1000 for m in posted if m in got]
    on_server_n = len(on_server) - 1  # the warm-up's
    q = statistics.quantiles(latencies, n=100)
    print(f"machine: {machine()}")
    print(f"load average (1 min) before / after: {load_before:.2f} / {os.getloadavg()[0]:.2f}")
    print("| reactions | rate/s | pushed | p50 ms | p99 ms | max ms | objects on server |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {n} | {rate:.0f} | {len(latencies)} | {q[49]:.1f} | {q[98]:.1f} |"
        f" {latencies[-1]:.1f} | {on_server_n} |"
    )
    print()
    print("| stage | p50 ms | p99 ms |")
    print("|---|---:|---:|")
    print(
        f"| webhook POST → bill committed (ingest + reaction job) |"
        f" {pct(to_record, 50):.1f} | {pct(to_record, 99):.1f} |"
    )
    print(
        f"| bill committed → object on the server (push job: PUT, ETag) |"
        f" {pct(to_server, 50):.1f} | {pct(to_server, 99):.1f} |"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    asyncio.run(main(args.rate, args.seconds))
