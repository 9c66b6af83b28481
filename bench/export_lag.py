"""The event loop's lag while exports and feeds of a big data dir stream, and while
retention catches up (issue 17: under 20 ms during any export; p99 ≤ 5 ms during
retention).

The daemon runs in this process on a copy of a data dir built by `bench/scale.py` (the
1M one, say), with the GIL switch interval `reactiond run` sets; a probe on its own
event loop sleeps 5 ms again and again and records how late it wakes: that lateness is
what any request waits for the loop (a thread holding the GIL, work on the loop, or the
machine not running the daemon at all). Each export is downloaded by `curl`, a process
of its own, while the probe runs; a quiet phase of a few seconds first shows what the
machine alone does to the probe (this machine is shared: read the quiet row first).

    python bench/export_lag.py tmp/bench/data-…-1000000        # a dir scale.py cached

Last, `--retention` runs the retention catch-up (`prune()`, the default policy) on the
daemon's own store and loop, as its hourly task does, while the probe runs.

Prints one table: per phase, its seconds, the bytes sent (rows for retention), and the
probe's lateness p50 / p99 / max, with the daemon's peak RSS growth.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import structlog

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402
from bench.scale import (  # noqa: E402
    ALL_FEED_TOKEN,
    FEED_TOKEN,
    RETENTION_AGES,
    SECRET,
    add_window_feeds,
    status_kb,
)
from reactiond.app import GIL_SWITCH_SECONDS, Daemon, freeze_start_up_heap  # noqa: E402
from reactiond.ops.retention import Policy, prune  # noqa: E402
from reactiond.settings import load_settings  # noqa: E402

PROBE_S = 0.005
PHASES = (
    ("tasks.csv", "/export/tasks.csv"),
    ("bills.csv", "/export/bills.csv"),
    ("calendar.ics (first: renders and keeps every component)", "/export/calendar.ics"),
    ("calendar.ics again (kept components)", "/export/calendar.ics"),
    ("bills feed (default window)", f"/feeds/{FEED_TOKEN}.ics"),
    ("bills feed, every record", f"/feeds/{ALL_FEED_TOKEN}.ics"),
)


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def run_queue_wait_s(fd: int) -> float:
    """How long this thread has waited, runnable, for a CPU (the kernel's schedstat):
    the machine's share of a late wake-up, not the daemon's."""
    return int(os.pread(fd, 64, 0).split()[1]) / 1e9


@dataclass
class Lags:
    """Each wake-up's lateness (ms), and the same less the time the loop's thread
    waited for a CPU meanwhile: what the daemon itself (its loop's work, the GIL held
    by its threads) made it wait."""

    late: list[float] = field(default_factory=list)
    own: list[float] = field(default_factory=list)
    gc_ms: list[float] = field(default_factory=list)  # each garbage collection's pause

    def cells(self) -> str:
        def three(xs: list[float]) -> str:
            return f"{statistics.median(xs):.1f} / {quantile(xs, 0.99):.1f} / {max(xs):.1f} ms"

        longest = f"{max(self.gc_ms):.1f} ms" if self.gc_ms else "-"
        return f"{three(self.late)} | {three(self.own)} | {longest}"


def gc_timer(lags: Lags) -> Callable[[str, dict[str, int]], None]:
    started: list[float] = []

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[:] = [time.perf_counter()]
        elif started:
            lags.gc_ms.append((time.perf_counter() - started[0]) * 1000)

    return callback


async def probe(lags: Lags, stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    fd = os.open("/proc/thread-self/schedstat", os.O_RDONLY)  # the loop's thread
    try:
        while not stop.is_set():
            t, waited = loop.time(), run_queue_wait_s(fd)
            await asyncio.sleep(PROBE_S)
            late = (loop.time() - t - PROBE_S) * 1000
            lags.late.append(late)
            lags.own.append(max(0.0, late - (run_queue_wait_s(fd) - waited) * 1000))
    finally:
        os.close(fd)


async def phase(
    url: str | None, quiet_s: float, work: Callable[[], Awaitable[int]] | None = None
) -> tuple[float, int, Lags, float]:
    """(seconds, bytes, probe lateness in ms, peak RSS growth in MB) of one download
    (or of `work`, or of a quiet wait)."""
    reset_peak()
    before = status_kb(os.getpid(), "VmRSS")
    lags = Lags()
    timer = gc_timer(lags)
    gc.callbacks.append(timer)
    stop = asyncio.Event()
    prober = asyncio.create_task(probe(lags, stop))
    t0 = time.perf_counter()
    size = 0
    if work is not None:
        size = await work()
    elif url is None:
        await asyncio.sleep(quiet_s)
    else:
        curl = await asyncio.create_subprocess_exec(
            "curl", "-sf", "-o", "/dev/null", "-w", "%{size_download}", url,
            stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, _ = await curl.communicate()
        if curl.returncode != 0:
            raise RuntimeError(f"curl {url} failed: {curl.returncode}")
        size = int(out or b"0")
    seconds = time.perf_counter() - t0
    stop.set()
    await prober
    gc.callbacks.remove(timer)
    grown = (status_kb(os.getpid(), "VmHWM") - before) / 1024
    return seconds, size, lags, grown


async def event_log_pruned(daemon: Daemon) -> int:
    """Wait for the daemon's own first pruning of the event log (at start, a year's log
    on a copied data dir), so that the quiet row is quiet; the events left."""
    s = daemon.settings
    while True:
        cutoff = time.time() - s.event_log_max_age_days * 86400
        row = await daemon.store.read(
            lambda tx: tx.execute_one(
                "SELECT MAX(id) - MIN(id) + 1 AS n,"
                " (SELECT created_at FROM event_log ORDER BY id LIMIT 1) AS oldest FROM event_log"
            )
        )
        n = int(row["n"] or 0) if row else 0
        if n <= s.event_log_keep_rows and (not n or row is None or row["oldest"] >= cutoff):
            return n
        await asyncio.sleep(0.1)


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def main(
    source: Path, quiet_s: float, keep: bool, retention: bool, freeze: bool = True
) -> None:
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR))
    sys.setswitchinterval(GIL_SWITCH_SECONDS)  # as `reactiond run` does
    work = Path(tempfile.mkdtemp(prefix="export-lag-", dir=source.parent))
    try:
        shutil.copytree(source / "data", work / "data")
        add_window_feeds(work / "data" / "reactiond.db")
        settings = load_settings(
            None,
            data_dir=work / "data",
            port=0,
            webhook_secret=SECRET,
            log_level="error",
            **{f"retention_{age.lower()}_days": 0 for age in RETENTION_AGES},
        )
        daemon = Daemon(settings)
        await daemon.start()
        if freeze:
            freeze_start_up_heap()  # as `reactiond run` does before READY
        base = f"http://127.0.0.1:{daemon.port}"
        print(machine(), f"load average {os.getloadavg()[0]:.1f}", time.strftime("%Y-%m-%d %H:%M"))
        print(
            f"data dir: {source.name}; GIL switch interval {GIL_SWITCH_SECONDS * 1000:g} ms;"
            f" start-up heap {'frozen' if freeze else 'not frozen'}\n"
        )
        print(
            "| phase | time | size | loop lag p50 / p99 / max"
            " | less the wait for a CPU p50 / p99 / max | longest GC pass | peak RSS growth |"
        )
        print("|---|---:|---:|---|---|---:|---:|")
        try:

            async def start_up() -> int:
                return await event_log_pruned(daemon)

            seconds, rows, lags, grown = await phase(None, 0, start_up)
            print(
                f"| start-up: the event log's first pruning ({rows:,} events left) |"
                f" {seconds:.2f} s | - | {lags.cells()} | +{grown:.0f} MB |",
                flush=True,
            )
            for label, path in (("quiet (nothing but the probe)", None), *PHASES):
                seconds, size, lags, grown = await phase(
                    None if path is None else base + path, quiet_s
                )
                print(
                    f"| {label} | {seconds:.2f} s | {size / 1e6:.1f} MB | {lags.cells()} |"
                    f" +{grown:.0f} MB |",
                    flush=True,
                )
            if retention:

                async def catch_up() -> int:
                    done = await prune(daemon.store, Policy(), time.time())
                    return sum(done.values())

                seconds, rows, lags, grown = await phase(None, 0, catch_up)
                print(
                    f"| retention catch-up ({rows:,} rows) | {seconds:.1f} s | - |"
                    f" {lags.cells()} | +{grown:.0f} MB |",
                    flush=True,
                )
        finally:
            await daemon.stop()
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a data dir bench/scale.py built (its parent)")
    parser.add_argument("--quiet-seconds", type=float, default=5.0)
    parser.add_argument("--keep", action="store_true", help="keep the copy (for a rerun)")
    parser.add_argument("--retention", action="store_true", help="then retention's catch-up")
    parser.add_argument(
        "--no-freeze", action="store_true", help="leave the start-up heap to the collector"
    )
    args = parser.parse_args()
    asyncio.run(main(args.data, args.quiet_seconds, args.keep, args.retention, not args.no_freeze))
