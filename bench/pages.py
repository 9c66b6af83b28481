"""The web pages on a large database: server time of each page, and what a page weighs.

In-process daemon on a temporary data dir with about 100,000 records (N tasks and N/4
events, bills and notes each, written straight into the tables by bench/api.py's seed);
real HTTP on loopback, one client, open mode (loopback without a token).
  python bench/pages.py [N]
Prints one table: per page p50 / p95 in milliseconds, the HTML's size and its size on
the wire (gzip, as browsers ask); then the assets every page loads, and the heaviest
page with them, as sent.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import structlog

from bench.api import seed, timed
from reactiond.app import Daemon
from reactiond.settings import load_settings

ASSETS = ("/static/style.css", "/static/htmx.min.js", "/static/live.js")


async def main(n: int) -> None:
    logging.disable(logging.CRITICAL)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.CRITICAL))
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            None, data_dir=Path(tmp), port=0, webhook_secret="bench-secret-0123456789"
        )
        daemon = Daemon(settings)
        await daemon.start()
        try:
            t0 = time.perf_counter()
            await daemon.store.write(lambda tx: seed(tx, n))
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
                    "/records/tasks",
                    "/records/tasks?status=open&q=contrato&due_from=2026-06-01",
                    "/records/bills?status=pending&sort=-due",
                    "/records/calendar-events",
                    "/records/notes",
                    f"/trace/messages/M{n // 2}?instance=main",
                    "/rules",
                    "/rules?emoji=%E2%9C%85&text=Revisar+el+contrato+el+viernes",
                    "/queue?status=dead",
                    "/outbox",
                    "/analytics",
                    "/people",
                    # The API's doors onto the same functions, for comparison:
                    "/api/bills?status=pending&sort=-due&limit=25",
                    "/api/analytics/actions",
                ]
                total = n + 3 * (n // 4)
                print(
                    f"{total:,} records: {n:,} tasks, {n // 4:,} events, bills and notes each"
                    f" (seeded in {seeded:.1f} s)"
                )
                print(f"{'page':<60} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>9} {'gzip':>7}")
                heaviest = 0
                for path in pages:
                    p50, p95, size = await timed(lambda path=path: get(path), 20)
                    sent = await wire(path)
                    heaviest = max(heaviest, sent)
                    print(f"GET {path:<56} {p50:>8.1f} {p95:>8.1f} {size:>9,} {sent:>7,}")
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
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 57_143))
