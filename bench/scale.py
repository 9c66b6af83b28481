"""Costs as the data grows: issue 17's table at 10k / 100k (/ 1M) records.

A data dir is built once per size and cached under `tmp/bench/` (in the repository, git
ignores it): the real daemon (`reactiond run`, a subprocess) receives the shipped demo
conversation `--seed-rounds` times with fresh ids and turns it into records, replies,
jobs and logs with its own code; then, with the daemon stopped, SQL inside the database
copies those rows until the record tables hold N rows (ids, keys and foreign keys
offset per copy, the copies spread back over a year, their jobs done and replies sent,
as on a busy install a year old).

Then, for each tree asked (`--base REF` adds the code at REF, e.g. `main`, beside this
checkout, on its own copy of the same data dir), the daemon is started on the data
dir and measured from outside, through HTTP and /proc:

- start to READY (sd_notify): first start (an upgrade's migrations) and a second one;
- idle RSS, and the daemon's peak RSS (VmHWM) at the end;
- `/api/health` and `/metrics`, the notes' and tasks' first page (default sort), the
  tasks' first page with `q=` (median of several calls);
- `/export/calendar.ics` (every record with a date), again after one record changed;
  a bills feed (`/feeds/<token>.ics`); `/export/tasks.csv`: each with its time, the peak
  RSS reached while rendering it, and the slowest `/livez` asked meanwhile (loop lag);
- reactions: N bill messages and a 💳 on each, posted by 16 clients, until every bill
  is committed (sustained reactions/s), then one at a time (reaction → job done p50);
- retention catch-up: `prune()` with the default policy, daemon stopped (a subprocess
  of the same tree), with a time limit.

    python bench/scale.py                        # 10k and 100k, this checkout only
    python bench/scale.py --base main            # before (main) and after, side by side
    python bench/scale.py --sizes 1000000 --base main --skip-base calendar,feed \
        --retention-limit 900

The same data dir serves every tree: it is built with the oldest tree's schema (the
base's), so a newer tree's migrations run at its first start, as on an upgrade.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import apsw

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import bill_reaction_pair, free_port, machine  # noqa: E402
from reactiond.demo import conversation  # noqa: E402

CACHE = REPO / "tmp" / "bench"
SECRET = "bench-secret-0123456789"
INSTANCE = "reactiond-demo"
FEED_TOKEN = "rdf_bench-scale-feed-token-0123456789"
ALL_FEED_TOKEN = "rdf_bench-scale-feed-every-record-0123456789"
WINDOW_FEED_TOKEN = "rdf_bench-scale-feed-data-window-0123456789"
SEED_VERSION = 1  # bump when the way a data dir is built changes
YEAR_DAYS = 365
RECORD_TABLES = ("tasks", "calendar_events", "bills", "notes")
# Copied per copy, parents first. job_attempts has no id of its own.
COPIED = (
    "messages",
    "reactions",
    "jobs",
    "job_attempts",
    "actions",
    "tasks",
    "calendar_events",
    "bills",
    "notes",
    "nlp_log",
    "outbox",
    "event_log",
)
REFERENCES = {"action_id": "actions", "reaction_row_id": "reactions", "job_id": "jobs"}
RETENTION_AGES = ("RAW", "JOBS", "LOGS", "MESSAGES")
UNIQUE_TEXT = {
    "message_id",
    "reaction_id",
    "target_message_id",
    "dedupe_key",
}


# -- trees ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Tree:
    label: str
    path: Path


def tree_at(ref: str) -> Tree:
    """The code at `ref`, extracted once (git archive) under the cache."""
    sha = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", ref], check=True, capture_output=True, text=True
    ).stdout.strip()
    dest = CACHE / f"tree-{sha[:12]}"
    if not (dest / "reactiond").is_dir():
        tmp = Path(tempfile.mkdtemp(dir=CACHE))
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", sha], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive, check=True)
        tmp.rename(dest)
    return Tree(f"{ref} ({sha[:7]})", dest)


def this_tree() -> Tree:
    sha = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "reactiond"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return Tree(f"this checkout ({sha}{'+' if dirty else ''})", REPO)


def schema_key(tree: Tree) -> str:
    digest = hashlib.sha256(str(SEED_VERSION).encode())
    for f in sorted((tree.path / "reactiond" / "store" / "migrations").glob("*.sql")):
        digest.update(f.name.encode() + f.read_bytes())
    return digest.hexdigest()[:12]


# -- the daemon, a subprocess ----------------------------------------------------------------
def status_kb(pid: int, name: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


class Daemon:
    def __init__(self, tree: Tree, data_dir: Path) -> None:
        self.tree = tree
        self.data_dir = data_dir
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.base = f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": str(self.tree.path),
            "REACTIOND_DATA_DIR": str(self.data_dir),
            "REACTIOND_PORT": str(self.port),
            "REACTIOND_WEBHOOK_SECRET": SECRET,
            "REACTIOND_LOG_LEVEL": "warning",
            "REACTIOND_REACTION_FLOOD_PER_MINUTE": str(10**9),
            # Retention is measured on its own (catch-up, daemon stopped): the daemon's
            # own run, a minute after start, would prune in the middle of the figures.
            **{f"REACTIOND_RETENTION_{age}_DAYS": "0" for age in RETENTION_AGES},
        }

    def start(self, timeout: float = 3600.0) -> float:
        """Start and wait for READY=1; seconds it took."""
        sock_path = str(self.data_dir.parent / f"notify-{self.port}")
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        notify.bind(sock_path)
        notify.settimeout(timeout)
        log = (self.data_dir.parent / "daemon.log").open("ab")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reactiond", "run"],
            cwd=self.tree.path,
            env={**self.env(), "NOTIFY_SOCKET": sock_path},
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            while b"READY=1" not in notify.recv(4096):
                pass
        finally:
            notify.close()
            os.unlink(sock_path)
            log.close()
        return time.perf_counter() - t0

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=120)
            self.proc = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def rss_mb(self) -> float:
        return status_kb(self.pid, "VmRSS") / 1024

    def peak_mb(self) -> float:
        return status_kb(self.pid, "VmHWM") / 1024

    def reset_peak(self) -> None:
        """VmHWM back to the current RSS (Linux: clear_refs 5)."""
        Path(f"/proc/{self.pid}/clear_refs").write_text("5")

    def get(self, path: str) -> tuple[float, int, int]:
        """(ms, status, bytes) of one GET, the whole body read."""
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(self.base + path, timeout=3600) as r:
                body = r.read()
                status = r.status
        except urllib.error.HTTPError as exc:
            body, status = exc.read(), exc.code
        return (time.perf_counter() - t0) * 1000, status, len(body)

    def patch(self, path: str, body: dict[str, Any]) -> int:
        req = urllib.request.Request(
            self.base + path,
            data=json.dumps(body).encode(),
            method="PATCH",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as r:
            return int(r.status)


async def post_all(base: str, bodies: list[dict[str, Any]], clients: int) -> None:
    url = f"{base}/webhook/{INSTANCE}"
    headers = {"X-Reactiond-Secret": SECRET, "Content-Type": "application/json"}
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    for b in bodies:
        queue.put_nowait(b)
    async with aiohttp.ClientSession() as http:

        async def client() -> None:
            while not queue.empty():
                body = queue.get_nowait()
                async with http.post(url, data=json.dumps(body), headers=headers) as r:
                    if r.status != 200:
                        raise RuntimeError(f"webhook answered {r.status}: {await r.text()}")

        await asyncio.gather(*(client() for _ in range(clients)))


def reader(db: Path) -> apsw.Connection:
    conn = apsw.Connection(str(db), flags=apsw.SQLITE_OPEN_READONLY)
    conn.setbusytimeout(5000)
    return conn


def scalar(conn: apsw.Connection, sql: str) -> Any:
    row = conn.execute(sql).fetchone()
    return None if row is None else row[0]


def wait_for(check: Callable[[], bool], within: float, pause: float = 0.001) -> None:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError("the daemon did not get there in time")
        time.sleep(pause)


# -- building a data dir ---------------------------------------------------------------------
def seed_payloads(rounds: int) -> list[dict[str, Any]]:
    """The demo conversation `rounds` times, each round's ids its own."""
    out = []
    for r in range(rounds):
        for step in conversation():
            p = json.loads(json.dumps(step["payload"]))
            data = p["data"]
            data["key"]["id"] = f"{data['key']['id']}-S{r}"
            reaction = data["message"].get("reactionMessage")
            if reaction is not None:
                reaction["key"]["id"] = f"{reaction['key']['id']}-S{r}"
            out.append(p)
    return out


def build_seed(tree: Tree, dest: Path, rounds: int) -> None:
    """What the daemon itself makes of the demo conversation, `rounds` times."""
    work = Path(tempfile.mkdtemp(dir=CACHE))
    daemon = Daemon(tree, work / "data")
    daemon.start()
    try:
        payloads = seed_payloads(rounds)
        # Messages before reactions, in conversation order per round.
        asyncio.run(post_all(daemon.base, payloads, 1))
        db = reader(work / "data" / "reactiond.db")
        wait_for(
            lambda: (
                not scalar(
                    db,
                    "SELECT COUNT(*) FROM jobs WHERE kind = 'reaction'"
                    " AND status IN ('queued', 'running')",
                )
            ),
            within=600,
            pause=0.2,
        )
        db.close()
    finally:
        daemon.stop()
    work.rename(dest)


def _columns(conn: apsw.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")]


def _copy_expr(table: str, column: str, spans: dict[str, int]) -> str:
    days = "((c.k * :year) / :copies)"
    if column == "id":
        return f"t.id + c.k * {spans[table]}"
    if column in REFERENCES and REFERENCES[column] in spans:
        return f"t.{column} + c.k * {spans[REFERENCES[column]]}"
    if column in UNIQUE_TEXT:
        return f"t.{column} || '~' || c.k"
    if column.endswith("_at"):
        return f"t.{column} - {days} * 86400"
    if column == "sent_at_ms":
        return f"t.{column} - {days} * 86400000"
    if column.endswith("_local"):
        return (
            f"CASE WHEN length(t.{column}) = 10 THEN date(t.{column}, '-' || {days} || ' days')"
            f" ELSE strftime('%Y-%m-%dT%H:%M', t.{column}, '-' || {days} || ' days') END"
        )
    return f"t.{column}"


def multiply(db: Path, records: int) -> dict[str, int]:
    """Copy the seed's rows until the record tables hold about `records` rows."""
    conn = apsw.Connection(str(db))
    conn.execute("PRAGMA synchronous=OFF")
    seed_records = sum(int(scalar(conn, f"SELECT COUNT(*) FROM {t}")) for t in RECORD_TABLES)
    copies = max(1, math.ceil(records / seed_records))
    spans = {
        t: int(scalar(conn, f"SELECT COALESCE(MAX(id), 0) FROM {t}"))
        for t in COPIED
        if t != "job_attempts"
    }
    with conn:
        # The seed's own replies count as sent (no Evolution while seeding).
        conn.execute("UPDATE outbox SET status = 'sent', sent_at = updated_at")
        for table in COPIED if copies > 1 else ():
            cols = _columns(conn, table)
            exprs = ", ".join(_copy_expr(table, c, spans) for c in cols)
            conn.execute(
                f"WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c"
                f" WHERE k < :copies - 1)"
                f" INSERT INTO {table} ({', '.join(cols)}) SELECT {exprs}"
                f" FROM c, (SELECT * FROM {table}) AS t",
                {"copies": copies, "year": YEAR_DAYS},
            )
        # Copies are history: their jobs ran long ago.
        conn.execute(
            "UPDATE jobs SET status = 'done', finished_at = run_at, lease_owner = NULL,"
            " lease_expires_at = NULL WHERE status IN ('queued', 'running') AND id > :span",
            {"span": spans["jobs"]},
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: int(scalar(conn, f"SELECT COUNT(*) FROM {t}")) for t in (*RECORD_TABLES, "jobs")}
    conn.close()
    return counts


def add_feed(db: Path, token: str = FEED_TOKEN, **extra: str) -> None:
    conn = apsw.Connection(str(db))
    digest = hashlib.sha256(token.encode()).hexdigest()
    conn.execute(
        "INSERT INTO feeds (token_hash, name, filter, created_at) VALUES (?, 'bills', ?, ?)",
        (digest, json.dumps({"kind": "bills", **extra}), time.time()),
    )
    conn.close()


def add_window_feeds(db: Path) -> None:
    """Feeds with their own window (issue 17; a tree without windows answers 400):
    every record, and the data's own last 90 days (its bills end months before today)."""
    add_feed(db, ALL_FEED_TOKEN, window_days="0")
    conn = reader(db)
    last = scalar(conn, "SELECT MAX(due_local) FROM bills")
    conn.close()
    behind = (time.time() - time.mktime(time.strptime(str(last)[:10], "%Y-%m-%d"))) // 86400
    add_feed(db, WINDOW_FEED_TOKEN, window_days=str(int(behind) + 90))


SCHEMA = """
import json, sys, tempfile
from pathlib import Path
from reactiond.store.sqlite.connection import migrate, open_connection

conn = open_connection(Path(tempfile.mkdtemp()) / "db")
migrate(conn)
tables = [r["name"] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
print(json.dumps({
    "version": conn.execute("PRAGMA user_version").fetchall()[0]["user_version"],
    "objects": [r["name"] for r in conn.execute("SELECT name FROM sqlite_master")],
    "columns": {t: [r["name"] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables},
}))
"""


def take_back_schema(tree: Tree, db: Path) -> bool:
    """Take a copy of a data dir built with a newer schema back to `tree`'s (its
    migrations are a prefix of the newer ones): drop the tables, indexes and triggers
    the later migrations added, set the schema version. Refuses when a later migration
    added a column (it cannot be taken back). False when nothing was to do."""
    out = subprocess.run(
        [sys.executable, "-c", SCHEMA],
        cwd=tree.path,
        env={**os.environ, "PYTHONPATH": str(tree.path)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    schema = json.loads(out)
    conn = apsw.Connection(str(db))
    try:
        version = conn.execute("PRAGMA user_version").fetchall()[0][0]
        if version <= schema["version"]:
            return False
        for table, cols in schema["columns"].items():
            have = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            if have != cols:
                raise SystemExit(f"{table}: columns {have} cannot be taken back to {cols}")
        known = set(schema["objects"])
        later = [
            (kind, name)
            for kind, name in conn.execute(
                "SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL"
                " AND name NOT LIKE 'sqlite_%'"
            )
            if name not in known
        ]
        with conn:
            for kind, name in later:
                exists = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,))
                if exists.fetchall():  # an FTS table's shadow tables go with it
                    conn.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
            conn.execute(f"PRAGMA user_version={int(schema['version'])}")
    finally:
        conn.close()
    return True


def data_dir(tree: Tree, records: int, rounds: int) -> Path:
    """The cached data dir of `records` records built with `tree`'s schema."""
    key = schema_key(tree)
    seed = CACHE / f"seed-{key}-r{rounds}"
    if not seed.exists():
        print(f"building the seed ({rounds} rounds of the demo conversation)…", flush=True)
        build_seed(tree, seed, rounds)
    dest = CACHE / f"data-{key}-r{rounds}-{records}"
    if not dest.exists():
        print(f"building the {records:,}-record data dir…", flush=True)
        t0 = time.perf_counter()
        tmp = Path(tempfile.mkdtemp(dir=CACHE))
        shutil.copytree(seed / "data", tmp / "data")
        counts = multiply(tmp / "data" / "reactiond.db", records)
        add_feed(tmp / "data" / "reactiond.db")
        tmp.rename(dest)
        print(f"  {counts} in {time.perf_counter() - t0:.0f} s", flush=True)
    return dest


# -- measuring -------------------------------------------------------------------------------
@dataclass
class Figures:
    rows: dict[str, str] = field(default_factory=dict)

    def __setitem__(self, key: str, value: str) -> None:
        self.rows[key] = value


def median_ms(daemon: Daemon, path: str, n: int = 15, budget_s: float = 10.0) -> str:
    """Median of n calls, or of those made within the budget (at least 3)."""
    times: list[float] = []
    while len(times) < n and (len(times) < 3 or sum(times) < budget_s * 1000):
        ms, status, _ = daemon.get(path)
        if status >= 400 and status != 503:
            return f"HTTP {status}"
        times.append(ms)
    return f"{statistics.median(times):.1f} ms"


def reactions(daemon: Daemon, db_path: Path, burst: int, one_by_one: int) -> tuple[str, str]:
    prefix = f"SCALE{int(time.time())}"
    pairs = [
        bill_reaction_pair(i, prefix=prefix, amount=100 + i) for i in range(burst + one_by_one)
    ]
    asyncio.run(post_all(daemon.base, [m for m, _ in pairs], 16))
    db = reader(db_path)
    start = int(scalar(db, "SELECT MAX(id) FROM bills") or 0)

    def bills() -> int:
        return int(scalar(db, "SELECT MAX(id) FROM bills") or 0) - start

    t0 = time.perf_counter()
    asyncio.run(post_all(daemon.base, [r for _, r in pairs[:burst]], 16))
    wait_for(lambda: bills() >= burst, within=1800)
    sustained = burst / (time.perf_counter() - t0)
    latencies = []
    for i in range(burst, burst + one_by_one):
        before = bills()
        t = time.perf_counter()
        asyncio.run(post_all(daemon.base, [pairs[i][1]], 1))
        wait_for(lambda before=before: bills() > before, within=120)  # type: ignore[misc]
        latencies.append((time.perf_counter() - t) * 1000)
    db.close()
    return f"{sustained:.0f}", f"{statistics.median(latencies):.1f} ms"


def render(daemon: Daemon, path: str) -> str:
    """Time, size and peak RSS growth of one render, and the event loop's worst lag
    meanwhile (the slowest `/livez` asked every 50 ms while it runs)."""
    daemon.reset_peak()
    before = daemon.rss_mb()
    done = threading.Event()
    lags: list[float] = []

    def probe() -> None:
        while not done.wait(0.05):
            lags.append(daemon.get("/livez")[0])

    prober = threading.Thread(target=probe)
    prober.start()
    try:
        ms, status, size = daemon.get(path)
    finally:
        done.set()
        prober.join()
    if status != 200:
        return f"HTTP {status}"
    peak = daemon.peak_mb() - before
    lag = f", /livez max {max(lags):.0f} ms" if lags else ""
    return f"{ms / 1000:.2f} s, {size / 1e6:.1f} MB, peak RSS +{peak:.0f} MB{lag}"


RETENTION = """
import asyncio, sys, time
from pathlib import Path
from reactiond.ops.retention import Policy, prune
from reactiond.store.sqlite.store import SqliteStore

async def main() -> None:
    store = SqliteStore(Path(sys.argv[1]))
    await store.open()
    t0 = time.perf_counter()
    done = await prune(store, Policy(), time.time())
    print(f"{time.perf_counter() - t0:.1f}", sum(done.values()))
    await store.close()

asyncio.run(main())
"""


def retention(tree: Tree, db: Path, limit: float) -> str:
    try:
        out = subprocess.run(
            [sys.executable, "-c", RETENTION, str(db)],
            cwd=tree.path,
            env={**os.environ, "PYTHONPATH": str(tree.path)},
            capture_output=True,
            text=True,
            timeout=limit,
            check=True,
        ).stdout.split()
    except subprocess.TimeoutExpired:
        return f"> {limit:.0f} s (stopped)"
    return f"{float(out[0]):.1f} s ({int(out[1]):,} rows)"


def exports_only(daemon: Daemon, f: Figures) -> None:
    """`--only exports`: the CSV exports and the bills feed, nothing else."""
    f["tasks.csv"] = render(daemon, "/export/tasks.csv")
    f["bills.csv"] = render(daemon, "/export/bills.csv")
    f["bills feed (default)"] = render(daemon, f"/feeds/{FEED_TOKEN}.ics")
    f["bills feed, window_days=0 (every record)"] = render(daemon, f"/feeds/{ALL_FEED_TOKEN}.ics")
    f["bills feed, every record, again (kept components)"] = render(
        daemon, f"/feeds/{ALL_FEED_TOKEN}.ics"
    )


def measure(tree: Tree, cached: Path, args: argparse.Namespace, skip: set[str]) -> Figures:
    """Every row of the table for one tree; `skip` names the renders not to run (a 1M
    calendar on a tree that builds it in memory needs ~8 GB and half an hour)."""
    f = Figures()
    work = Path(tempfile.mkdtemp(dir=CACHE, prefix="run-"))
    try:
        shutil.copytree(cached / "data", work / "data")
        db_path = work / "data" / "reactiond.db"
        if take_back_schema(tree, db_path):
            print(f"  {tree.label}: the data dir taken back to its schema", flush=True)
        add_window_feeds(db_path)
        empty = Daemon(tree, work / "empty")
        f["start to READY, empty data dir"] = f"{empty.start():.2f} s"
        empty.stop()
        daemon = Daemon(tree, work / "data")
        f["first start to READY (migrations)"] = f"{daemon.start():.2f} s"
        daemon.stop()
        f["start to READY"] = f"{daemon.start():.2f} s"
        time.sleep(2)
        f["idle RSS"] = f"{daemon.rss_mb():.0f} MB"
        f["/api/health"] = median_ms(daemon, "/api/health")
        f["/metrics"] = median_ms(daemon, "/metrics")
        f["notes first page"] = median_ms(daemon, "/api/notes")
        f["tasks first page"] = median_ms(daemon, "/api/tasks")
        f["tasks first page, q=taller"] = median_ms(daemon, "/api/tasks?q=taller")
        f["tasks first page, q=presentation"] = median_ms(daemon, "/api/tasks?q=presentation")
        if args.only == "exports":
            exports_only(daemon, f)
            daemon.stop()
            return f
        if "calendar" in skip:
            f["calendar.ics"] = f["calendar.ics after one change"] = "skipped"
        else:
            f["calendar.ics"] = render(daemon, "/export/calendar.ics")
            db = reader(db_path)
            task = scalar(db, "SELECT MIN(id) FROM tasks WHERE due_local IS NOT NULL")
            db.close()
            daemon.patch(f"/api/tasks/{task}", {"title": "changed by bench/scale.py"})
            f["calendar.ics after one change"] = render(daemon, "/export/calendar.ics")
        feed = f"/feeds/{FEED_TOKEN}.ics"
        f["bills feed"] = "skipped" if "feed" in skip else render(daemon, feed)
        for label, token in (
            ("bills feed, window_days=0 (every record)", ALL_FEED_TOKEN),
            ("bills feed, the data's last 90 days and ahead", WINDOW_FEED_TOKEN),
        ):
            f[label] = "skipped" if "feed" in skip else render(daemon, f"/feeds/{token}.ics")
        if "feed" not in skip:
            f["bills feed, every record, again (kept components)"] = render(
                daemon, f"/feeds/{ALL_FEED_TOKEN}.ics"
            )
        f["tasks.csv"] = "skipped" if "csv" in skip else render(daemon, "/export/tasks.csv")
        sustained, p50 = reactions(daemon, db_path, args.burst, args.one_by_one)
        f["sustained reactions/s"] = sustained
        f["reaction → job done p50"] = p50
        f["RSS at the end"] = f"{daemon.rss_mb():.0f} MB"
        f["peak RSS of the daemon"] = f"{daemon.peak_mb():.0f} MB"
        daemon.stop()
        f["retention catch-up"] = retention(tree, db_path, args.retention_limit)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return f


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="records per data dir")
    parser.add_argument("--base", help="a git ref measured beside this checkout (before)")
    parser.add_argument(
        "--head",
        help="measure the code at this git ref (after) instead of the working checkout,"
        " so that editing the checkout meanwhile changes nothing in a long run",
    )
    parser.add_argument("--seed-rounds", type=int, default=50)
    parser.add_argument("--burst", type=int, default=300, help="reactions in the burst")
    parser.add_argument("--one-by-one", type=int, default=30, help="reactions timed alone")
    parser.add_argument("--retention-limit", type=float, default=600.0, help="seconds")
    parser.add_argument(
        "--skip-base",
        default="",
        help="renders the base tree skips: calendar,feed,csv (for 1M: hours and GBs)",
    )
    parser.add_argument(
        "--only",
        choices=["exports"],
        help="exports: start-up, pages, the CSV exports and the bills feed only",
    )
    parser.add_argument(
        "--data",
        type=Path,
        help="a cached data dir to use as it is (a tree older than its schema measures a"
        " copy taken back to its own schema: what later migrations added dropped)",
    )
    args = parser.parse_args()
    base_skip = {s for s in args.skip_base.split(",") if s}
    CACHE.mkdir(parents=True, exist_ok=True)
    trees = [tree_at(args.base)] if args.base else []
    trees.append(tree_at(args.head) if args.head else this_tree())
    print(machine(), f"load average {os.getloadavg()[0]:.1f}", time.strftime("%Y-%m-%d %H:%M"))
    by_size: dict[int, list[Figures]] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        cached = args.data or data_dir(trees[0], size, args.seed_rounds)
        results = [
            measure(t, cached, args, base_skip if i < len(trees) - 1 else set())
            for i, t in enumerate(trees)
        ]
        by_size[size] = results
        print(f"\n{size:,} records (load average {os.getloadavg()[0]:.1f})\n")
        print("| | " + " | ".join(t.label for t in trees) + " |")
        print("|---|" + "---|" * len(trees))
        for key in results[0].rows:
            print(f"| {key} | " + " | ".join(r.rows.get(key, "-") for r in results) + " |")
        sys.stdout.flush()
    if len(by_size) > 1:
        print_ratios(trees, by_size)


def _number(cell: str) -> float | None:
    try:
        return float(cell.split()[0])
    except (ValueError, IndexError):
        return None


RATIO_ROWS = ("sustained reactions/s", "reaction → job done p50", "start to READY")


def print_ratios(trees: list[Tree], by_size: dict[int, list[Figures]]) -> None:
    """Issue 17's flatness targets: the largest size against the smallest, per tree
    (reactions/s and p50 within 1.25×, READY within 1.2× of an empty data dir)."""
    small, large = min(by_size), max(by_size)
    print(f"\n{large:,} against {small:,} records (same run)\n")
    print("| | " + " | ".join(t.label for t in trees) + " |")
    print("|---|" + "---|" * len(trees))
    for key in RATIO_ROWS:
        cells = []
        for i in range(len(trees)):
            a = _number(by_size[small][i].rows.get(key, ""))
            b = _number(by_size[large][i].rows.get(key, ""))
            cells.append(f"{b / a:.2f}×" if a and b else "-")
        print(f"| {key} | " + " | ".join(cells) + " |")
    cells = []
    for i in range(len(trees)):
        a = _number(by_size[large][i].rows.get("start to READY, empty data dir", ""))
        b = _number(by_size[large][i].rows.get("start to READY", ""))
        cells.append(f"{b / a:.2f}×" if a and b else "-")
    print(f"| READY at {large:,} ÷ empty data dir | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
