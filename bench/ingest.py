"""Webhook ingest throughput and latency with a durable ack, side by side in one run.

Three servers run the same aiohttp webhook handler (auth, size limit, JSON, translation):
  durable        the real store: group commit (WAL, synchronous=FULL), ack after commit
  per-request    the real store with one transaction (one fsync) per request
  store-nothing  the handler with a sink that keeps nothing (the ceiling)
Each server is its own process; the load comes from wrk (or this process's own clients)
on loopback, with payloads derived from the Evolution fixtures (half messages, half
reactions).

`--slow-fsync 2,5` then runs durable and per-request again with every fsync of the
server lengthened by that many milliseconds (an LD_PRELOAD shim, built with cc): what
the two designs do on storage slower than this machine's, where group commit matters.

    python bench/ingest.py [--seconds 10] [--clients 64] [--slow-fsync 2,5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import free_port, machine  # noqa: E402
from reactiond.domain import InboundEvent  # noqa: E402
from reactiond.store.interface import IngestResult, Transaction  # noqa: E402
from tests.fixtures import INSTANCE, fixture, with_ids  # noqa: E402

SECRET = "bench-secret-0123456789"
MODES = ("store-nothing", "durable", "per-request")


class KeepNothing:
    async def ingest(
        self, instance: str, event: str, events: Sequence[InboundEvent], now: float
    ) -> IngestResult:
        return IngestResult(stored=len(events), duplicates=0, ignored=0, jobs_enqueued=0)


async def serve(mode: str, port: int, data_dir: Path) -> None:
    from aiohttp import web

    from reactiond.engine.rule_book import reaction_job_priority, seed_default_rules
    from reactiond.logs import configure_logging
    from reactiond.store.sqlite.store import SqliteStore
    from reactiond.web.app import build_web_app
    from reactiond.web.webhook import WebhookConfig, webhook_routes
    from reactiond.webhook_credentials import WebhookCredentials

    configure_logging("info", "json")  # as in production; stderr goes to /dev/null
    config = WebhookConfig(WebhookCredentials(secret=SECRET), frozenset(), 1024 * 1024)
    store: SqliteStore | None = None
    sink: Any
    if mode == "store-nothing":
        sink = KeepNothing()
    else:
        store = SqliteStore(
            data_dir / "reactiond.db",
            group_commit_max=256 if mode == "durable" else 1,
            job_priority=reaction_job_priority,
        )
        await store.open()
        # As the daemon does on its first start: reactions look up the rules they fire.
        await store.write(lambda tx: seed_default_rules(tx, time.time()))
        sink = store
    app = build_web_app(webhook_routes(sink, config), max_body_bytes=1024 * 1024)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    print("ready", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        if store is not None:
            await store.close()


class Payloads:
    """Distinct deliveries made on demand from the fixtures (half messages, half reactions)."""

    def __init__(self, prefix: str) -> None:
        names = [
            "messages.upsert.text-conversation.es",
            "messages.upsert.reaction-add",
            "messages.upsert.group-text.pt",
            "messages.upsert.reaction-group-other-participant",
        ]
        self.templates = [json.dumps(with_ids(fixture(n), "@ID@")) for n in names]
        self.prefix = prefix
        self.count = 0

    def next(self) -> bytes:
        i = self.count
        self.count += 1
        template = self.templates[i % len(self.templates)]
        return template.replace("@ID@", f"{self.prefix}{i}").encode()


async def load(port: int, bodies: Payloads, seconds: float, clients: int) -> dict[str, Any]:
    url = f"http://127.0.0.1:{port}/webhook/{INSTANCE}"
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    headers = {"X-Reactiond-Secret": SECRET, "Content-Type": "application/json"}

    async def client(session: aiohttp.ClientSession) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            body = bodies.next()
            t0 = time.perf_counter()
            async with session.post(url, data=body, headers=headers) as resp:
                await resp.read()
                if resp.status != 200:
                    errors += 1
                    continue
            latencies.append(time.perf_counter() - t0)

    connector = aiohttp.TCPConnector(limit=clients)
    started = time.perf_counter()
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(client(session) for _ in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


SLOW_FSYNC_C = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>
/* fsync and fdatasync as usual, then a pause of SLOW_FSYNC_US microseconds. */
static void pause_after_sync(void) {
  const char *us = getenv("SLOW_FSYNC_US");
  long n = us ? atol(us) : 0;
  struct timespec t = {n / 1000000, (n % 1000000) * 1000};
  if (n > 0) nanosleep(&t, NULL);
}
int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  int rc = real(fd);
  pause_after_sync();
  return rc;
}
int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  int rc = real(fd);
  pause_after_sync();
  return rc;
}
"""


def build_slow_fsync(workdir: Path) -> Path:
    source = workdir / "slow_fsync.c"
    source.write_text(SLOW_FSYNC_C)
    library = workdir / "slow_fsync.so"
    subprocess.run(
        ["cc", "-shared", "-fPIC", "-O2", "-o", str(library), str(source), "-ldl"], check=True
    )
    return library


WRK_SCRIPT = r"""
local templates = {}
local counter = 0
local tid = 0
function setup(thread)
  tid = tid + 1
  thread:set("tid", tid)
end
function init(args)
  for line in io.lines(args[1]) do table.insert(templates, line) end
  prefix = args[2]
end
function request()
  counter = counter + 1
  local t = templates[(counter % #templates) + 1]
  local body = string.gsub(t, "@ID@", prefix .. tid .. "-" .. counter)
  return wrk.format("POST", nil, {["X-Reactiond-Secret"] = "bench-secret-0123456789",
    ["Content-Type"] = "application/json"}, body)
end
"""


def parse_wrk(out: str) -> dict[str, Any]:
    def ms(token: str) -> float:
        for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
            if token.endswith(unit):
                return float(token[: -len(unit)]) * factor
        return float(token)

    result: dict[str, Any] = {"errors": 0}
    for line in out.splitlines():
        parts = line.split()
        if line.strip().startswith("50%"):
            result["p50_ms"] = ms(parts[1])
        elif line.strip().startswith("99%"):
            result["p99_ms"] = ms(parts[1])
        elif line.startswith("Requests/sec:"):
            result["rps"] = float(parts[1])
        elif "requests in" in line:
            result["requests"] = int(parts[0])
        elif line.strip().startswith("Non-2xx"):
            result["errors"] += int(parts[-1])
        elif line.strip().startswith("Socket errors"):
            result["errors"] += sum(int(x.rstrip(",")) for x in parts[3::2])
    return result


async def load_wrk(
    port: int, prefix: str, seconds: float, clients: int, workdir: Path
) -> dict[str, Any]:
    script = workdir / "post.lua"
    script.write_text(WRK_SCRIPT)
    templates = workdir / "templates.jsonl"
    templates.write_text("\n".join(t.replace("\n", " ") for t in Payloads(prefix).templates))
    proc = await asyncio.create_subprocess_exec(
        "wrk",
        "--latency",
        "-t",
        "1",
        "-c",
        str(clients),
        "-d",
        f"{seconds:.0f}s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}/webhook/{INSTANCE}",
        "--",
        str(templates),
        prefix,
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await proc.communicate()
    return parse_wrk(out.decode())


async def measure(
    mode: str,
    seconds: float,
    clients: int,
    warmup: float,
    client: str,
    slow_fsync: tuple[Path, float] | None = None,
) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if slow_fsync is not None:
        library, ms = slow_fsync
        env |= {"LD_PRELOAD": str(library), "SLOW_FSYNC_US": str(round(ms * 1000))}
    with tempfile.TemporaryDirectory(prefix="reactiond-bench-") as tmp:
        port = free_port()
        proc = subprocess.Popen(  # noqa: ASYNC220 -- once per mode, before the clock runs
            [sys.executable, __file__, "--serve", mode, "--port", str(port), "--data", tmp],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert proc.stdout is not None
        try:
            if proc.stdout.readline().strip() != "ready":
                raise RuntimeError(f"{mode} server did not start")
            if client == "wrk":
                await load_wrk(port, f"{mode}-w", warmup, clients, Path(tmp))
                result = await load_wrk(port, mode, seconds, clients, Path(tmp))
            else:
                bodies = Payloads(mode)
                await load(port, bodies, warmup, clients)
                result = await load(port, bodies, seconds, clients)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        result["mode"] = mode
        return result


async def commit_cost(samples: int = 500) -> float:
    """Seconds per durable commit of one small write on this disk (WAL, synchronous=FULL),
    one after another: the floor under any one-transaction-per-request design."""
    from reactiond.store.sqlite.store import SqliteStore

    with tempfile.TemporaryDirectory(prefix="reactiond-bench-") as tmp:
        store = SqliteStore(Path(tmp) / "reactiond.db", group_commit_max=1)
        await store.open()
        try:
            started = time.perf_counter()
            for i in range(samples):

                def one_row(tx: Transaction, i: int = i) -> None:
                    tx.execute(
                        "INSERT INTO event_log (type, data, created_at) VALUES ('b', '{}', ?)",
                        (i,),
                    )

                await store.write(one_row)
            return (time.perf_counter() - started) / samples
        finally:
            await store.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument(
        "--client",
        choices=("wrk", "aiohttp"),
        default="wrk" if shutil.which("wrk") else "aiohttp",
        help="load generator: wrk (C, apt-get install wrk) leaves the server the CPU",
    )
    parser.add_argument(
        "--slow-fsync",
        default="",
        help="comma-separated extra milliseconds per fsync for a second round (e.g. 2,5)",
    )
    parser.add_argument("--serve", choices=MODES)
    parser.add_argument("--port", type=int)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    if args.serve:
        await serve(args.serve, args.port, args.data)
        return

    results = {}
    for mode in MODES:
        results[mode] = await measure(mode, args.seconds, args.clients, args.warmup, args.client)
    slow: dict[float, dict[str, dict[str, Any]]] = {}
    if args.slow_fsync:
        with tempfile.TemporaryDirectory(prefix="reactiond-bench-") as tmp:
            library = build_slow_fsync(Path(tmp))
            for ms in (float(x) for x in args.slow_fsync.split(",")):
                slow[ms] = {
                    mode: await measure(
                        mode, args.seconds, args.clients, args.warmup, args.client, (library, ms)
                    )
                    for mode in ("durable", "per-request")
                }
    commit_s = await commit_cost()
    ceiling = results["store-nothing"]["rps"]
    per_request = results["per-request"]["rps"]
    print(f"machine: {machine()}")
    print(
        f"one durable commit: {commit_s * 1e6:.0f} µs → at most {1 / commit_s:.0f} "
        "one-transaction-per-request acks/s; the store-nothing ceiling is "
        f"{ceiling * commit_s:.1f}× that"
    )
    print(
        f"load: {args.client}, {args.clients} concurrent connections on loopback, "
        f"{args.seconds:.0f} s per mode"
    )
    print()
    print("| mode | requests/s | p50 ms | p99 ms | vs store-nothing | vs per-request | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for mode in MODES:
        r = results[mode]
        print(
            f"| {mode} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
            f"{r['rps'] / ceiling:.0%} | {r['rps'] / per_request:.1f}× | {r['errors']} |"
        )
    if slow:
        print()
        print("Every fsync of the server lengthened (LD_PRELOAD shim):")
        print()
        print("| fsync + | mode | requests/s | p50 ms | p99 ms | vs per-request | errors |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for ms, by_mode in slow.items():
            base = by_mode["per-request"]["rps"]
            for mode, r in by_mode.items():
                print(
                    f"| {ms:g} ms | {mode} | {r['rps']:.0f} | {r['p50_ms']:.2f} | "
                    f"{r['p99_ms']:.2f} | {r['rps'] / base:.1f}× | {r['errors']} |"
                )


if __name__ == "__main__":
    asyncio.run(main())
