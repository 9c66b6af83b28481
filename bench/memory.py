"""Memory: RSS of `reactiond run` idle, and after N reactions posted through the webhook.

Starts the real daemon in a subprocess (fresh data dir, loopback port), waits for its
sd_notify READY, reads VmRSS from /proc/<pid>/status, posts N distinct reaction payloads
(the Evolution fixture with unique ids) with C concurrent clients, waits for the queue
to settle, reads VmRSS and VmHWM (peak) again. Prints one table.

    python bench/memory.py [--reactions 10000] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import free_port, machine  # noqa: E402
from tests.fixtures import EVOLUTION  # noqa: E402

FIXTURES = EVOLUTION
SECRET = "bench-secret-0123456789"
INSTANCE = "reactiond-demo"


def status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/{pid}/status")


def payloads(n: int, fixtures: Path, with_messages: bool) -> list[bytes]:
    """n distinct reactions; with_messages: each to its own stored text message (posted
    first), so that a reaction handler parses real text instead of an unseen target."""
    base = json.loads((fixtures / "messages.upsert.reaction-add.json").read_text())
    text = json.loads((fixtures / "messages.upsert.text-conversation.es.json").read_text())
    messages, reactions = [], []
    for i in range(n):
        p = copy.deepcopy(base)
        p["data"]["key"]["id"] = f"BENCH{i:012d}"
        p["data"]["message"]["reactionMessage"]["senderTimestampMs"]["low"] += i
        if with_messages:
            m = copy.deepcopy(text)
            m["data"]["key"]["id"] = f"BENCHMSG{i:012d}"
            p["data"]["message"]["reactionMessage"]["key"]["id"] = m["data"]["key"]["id"]
            messages.append(json.dumps(m).encode())
        reactions.append(json.dumps(p).encode())
    return messages + reactions


async def post_all(url: str, bodies: list[bytes], concurrency: int) -> int:
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for b in bodies:
        queue.put_nowait(b)
    ok = 0
    headers = {"X-Reactiond-Secret": SECRET, "Content-Type": "application/json"}

    async def client(session: aiohttp.ClientSession) -> None:
        nonlocal ok
        while not queue.empty():
            body = queue.get_nowait()
            async with session.post(url, data=body, headers=headers) as resp:
                await resp.read()
                ok += resp.status == 200

    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(client(session) for _ in range(concurrency)))
    return ok


def wait_ready(sock: socket.socket, timeout: float = 30.0) -> None:
    sock.settimeout(timeout)
    while b"READY=1" not in sock.recv(4096):
        pass


def jobs_by_status(db: Path) -> str:
    """Whether a reaction handler ran: without one, reaction jobs wait, queued."""
    import apsw

    conn = apsw.Connection(str(db), flags=apsw.SQLITE_OPEN_READONLY)
    try:
        rows = conn.execute("SELECT status, COUNT(*) FROM jobs GROUP BY status").fetchall()
    finally:
        conn.close()
    return ", ".join(f"{status} {n}" for status, n in rows) or "none"


def records_made(db: Path) -> str:
    import apsw

    conn = apsw.Connection(str(db), flags=apsw.SQLITE_OPEN_READONLY)
    counts = []
    try:
        for table in ("tasks", "calendar_events", "bills", "notes", "actions"):
            row = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
            counts.append(f"{table} {row[0] if row else 0}")
    finally:
        conn.close()
    return ", ".join(counts)


def drain(db: Path, limit: float) -> float | None:
    import apsw

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        conn = apsw.Connection(str(db), flags=apsw.SQLITE_OPEN_READONLY)
        try:
            row = conn.execute(
                "SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')"
            ).fetchone()
        finally:
            conn.close()
        if row is not None and row[0] == 0:
            return time.perf_counter() - t0
        time.sleep(0.5)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reactions", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="Evolution fixtures")
    parser.add_argument(
        "--with-messages",
        action="store_true",
        help="post each reaction's target message first (exercises a reaction handler)",
    )
    parser.add_argument(
        "--drain", type=float, default=0.0, help="wait up to this long for the queue to empty"
    )
    parser.add_argument("--settle", type=float, default=3.0, help="seconds before reading RSS")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="rd-mem-", dir="/tmp"))
    notify_path = str(tmp / "notify")
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(notify_path)
    port = free_port()
    env = {
        **os.environ,
        "REACTIOND_DATA_DIR": str(tmp / "data"),
        "REACTIOND_PORT": str(port),
        "REACTIOND_WEBHOOK_SECRET": SECRET,
        "REACTIOND_LOG_LEVEL": "warning",
        "NOTIFY_SOCKET": notify_path,
    }
    stderr = (tmp / "stderr.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "reactiond", "run"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )
    rows: list[tuple[str, str]] = []
    try:
        t0 = time.perf_counter()
        wait_ready(notify)
        rows.append(("start to READY", f"{time.perf_counter() - t0:.2f} s"))
        time.sleep(args.settle)
        rows.append(("idle RSS", f"{status_kb(proc.pid, 'VmRSS') / 1024:.1f} MB"))
        bodies = payloads(args.reactions, args.fixtures, args.with_messages)
        t1 = time.perf_counter()
        url = f"http://127.0.0.1:{port}/webhook/{INSTANCE}"
        acked = asyncio.run(post_all(url, bodies, args.concurrency))
        elapsed = time.perf_counter() - t1
        rows.append((f"webhooks acked ({args.concurrency} clients)", f"{acked}/{len(bodies)}"))
        rows.append(("ingest rate", f"{acked / elapsed:.0f} /s"))
        if args.drain:
            drained = drain(tmp / "data" / "reactiond.db", args.drain)
            rows.append(("queue drained", f"in {drained:.1f} s" if drained else "no (timeout)"))
        time.sleep(args.settle)
        rows.append(
            (
                f"RSS after {args.reactions} reactions",
                f"{status_kb(proc.pid, 'VmRSS') / 1024:.1f} MB",
            )
        )
        rows.append(("peak RSS (VmHWM)", f"{status_kb(proc.pid, 'VmHWM') / 1024:.1f} MB"))
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        stderr.close()
        notify.close()
        if proc.returncode != 0:
            print((tmp / "stderr.log").read_text(), file=sys.stderr)
        if (tmp / "data" / "reactiond.db").exists():
            rows.append(("jobs after the run", jobs_by_status(tmp / "data" / "reactiond.db")))
            rows.append(("rows made", records_made(tmp / "data" / "reactiond.db")))
        shutil.rmtree(tmp, ignore_errors=True)
    rows.append(("machine", machine()))
    width = max(len(k) for k, _ in rows)
    print(f"| {'measure':<{width}} | value |")
    print(f"|{'-' * (width + 2)}|-------|")
    for k, v in rows:
        print(f"| {k:<{width}} | {v} |")


if __name__ == "__main__":
    main()
