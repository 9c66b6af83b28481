"""PostgreSQL beside SQLite, in one run (issue 18, item 6).

    python bench/postgres.py [--ingest-seconds 10] [--rate 50] [--paced-seconds 20]
                             [--reactions 600] [--rows 1000000] [--skip ...]

Starts its own PostgreSQL from the machine's binaries (tests/postgres.py: initdb in a temp
dir, a Unix socket and a loopback port; as the `postgres` user when run as root), with
PostgreSQL's durable defaults (fsync, full_page_writes, synchronous_commit on), and a
fake Evolution on loopback, and prints four tables:

1. ingest: durable webhooks per second, one `--role web` daemon in this process, 32
   clients posting text messages for `--ingest-seconds`; each answered 200 only after its
   commit (SQLite: WAL, synchronous=FULL, group commit; PostgreSQL: a transaction per
   request, fsync and synchronous_commit on). Same handler, same load, on each store.
2. paced: reactions at `--rate`/s for `--paced-seconds` on a `--role all` daemon:
   reaction → record (webhook POST to the record's commit, the reply row written in the
   same transaction) and reaction → reply (POST to the reply arriving at Evolution),
   p50 and p99, on each store, with one job at a time and `--worker-concurrency`; and on
   PostgreSQL the transactions committed per reaction (pg_stat_database.xact_commit over
   the reactions, every transaction of the daemon: webhook, worker, outbox, timers).
3. workers: `--reactions` reactions queued on PostgreSQL by a `--role web` process, then
   drained by one `--role worker` process, then (fresh database, same reactions) by two,
   alternating 1, 2, 1, 2, … for `--trials` trials of each; reactions/s from the first
   claim to the last job done, each trial's two-over-one ratio and their median; with one
   job at a time per process, then `--worker-concurrency` (REACTIOND_WORKER_CONCURRENCY).
4. periodic: with `--rows` queued reminders (due tomorrow) and as many finished jobs:
   the worker's timer (`next_job_due`), claiming the one due reaction among them, and a
   retention run that finds one batch to delete, on each store.
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
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import apsw
import psycopg
import structlog

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import bill_reaction_pair, machine  # noqa: E402
from reactiond.app import Daemon  # noqa: E402
from reactiond.ops.retention import Policy, prune  # noqa: E402
from reactiond.part import Role  # noqa: E402
from reactiond.settings import load_settings  # noqa: E402
from reactiond.store import outbox, store_for  # noqa: E402
from reactiond.store.interface import Store  # noqa: E402
from reactiond.store.postgres.store import PgStore  # noqa: E402
from reactiond.store.sqlite.store import SqliteStore  # noqa: E402
from tests.e2e.process import DaemonProcess  # noqa: E402
from tests.fake_evolution import FakeEvolution  # noqa: E402
from tests.fixtures import INSTANCE  # noqa: E402
from tests.postgres import PgCluster, find_bindir  # noqa: E402

SECRET = "bench-secret-0123456789"
STORES = ("sqlite", "postgres")


def pct(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100)[p - 1]


class Cluster:
    """One PostgreSQL for the run; a fresh, migrated database per measurement."""

    def __init__(self) -> None:
        bindir = find_bindir()
        if bindir is None:
            raise SystemExit("no PostgreSQL binaries: install Debian's postgresql")
        self.pg: PgCluster = PgCluster.create(bindir)
        self.pg.start(durable=True)  # fsync on: a durable commit, as SQLite's
        self._n = 0

    @property
    def postmaster(self) -> int:
        """The server's first process: every backend is its child."""
        return int((self.pg.data / "postmaster.pid").read_text().split()[0])

    def database(self) -> str:
        self._n += 1
        name = f"bench_{self._n}"
        with psycopg.connect(self.pg.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.pg.url(name)

    def close(self) -> None:
        self.pg.destroy()


def settings(
    store: str, data: Path, url: str | None, fake: FakeEvolution | None, concurrency: int = 1
) -> Any:
    extra: dict[str, Any] = {"database_url": url} if store == "postgres" else {}
    extra["worker_concurrency"] = concurrency
    if fake is not None:
        extra |= {"evolution_url": fake.url, "evolution_api_key": fake.api_key}
    return load_settings(
        None,
        data_dir=data,
        port=0,
        webhook_secret=SECRET,
        log_level="error",
        reaction_flood_per_minute=10**9,
        **extra,
    )


# -- 1. ingest ---------------------------------------------------------------------------
async def ingest(store: str, url: str | None, seconds: float, clients: int = 32) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        daemon = Daemon(settings(store, Path(tmp), url, None), role=Role.WEB)
        await daemon.start()
        hook = f"http://127.0.0.1:{daemon.port}/webhook/{INSTANCE}"
        latencies: list[float] = []
        stop = time.perf_counter() + seconds
        counter = iter(range(10**9))
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=clients)) as http:

            async def client() -> None:
                while time.perf_counter() < stop:
                    message, _ = bill_reaction_pair(next(counter), prefix="ING", amount=1)
                    t0 = time.perf_counter()
                    async with http.post(
                        hook, data=json.dumps(message), headers={"X-Reactiond-Secret": SECRET}
                    ) as r:
                        assert r.status == 200, await r.text()
                    latencies.append((time.perf_counter() - t0) * 1000)

            began = time.perf_counter()
            await asyncio.gather(*(client() for _ in range(clients)))
            took = time.perf_counter() - began
        await daemon.stop()
    return [
        store,
        f"{len(latencies) / took:.0f}",
        f"{pct(latencies, 50):.1f}",
        f"{pct(latencies, 99):.1f}",
    ]


# -- 2. paced reactions ------------------------------------------------------------------
async def paced(
    store: str, url: str | None, rate: float, seconds: float, concurrency: int = 1
) -> list[str]:
    n = int(rate * seconds)
    fake = FakeEvolution()
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        # The daemon in a process of its own, as it runs beside Evolution: in this process
        # its threads would wait for the GIL behind the load's client and the fake
        # Evolution, each of the store's round trips a wait (issue 18, session 8).
        env = {
            "REACTIOND_WORKER_CONCURRENCY": str(concurrency),
            "REACTIOND_EVOLUTION_URL": fake.url,
            "REACTIOND_EVOLUTION_API_KEY": fake.api_key,
            "REACTIOND_REACTION_FLOOD_PER_MINUTE": str(10**9),
            "REACTIOND_LOG_LEVEL": "error",
        }
        if url is not None:
            env["REACTIOND_DATABASE_URL"] = url
        daemon = RoleProcess(Path(tmp) / "data", "all", **env)
        daemon.start()
        hook = f"http://127.0.0.1:{daemon.port}/webhook/{INSTANCE}"
        headers = {"X-Reactiond-Secret": SECRET}
        pairs = [bill_reaction_pair(i, prefix="PACE", amount=1000 + i) for i in range(n)]
        posted: dict[int, float] = {}
        posted_wall: dict[int, float] = {}
        try:
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64)) as http:

                async def post(p: dict[str, Any]) -> None:
                    async with http.post(hook, data=json.dumps(p), headers=headers) as r:
                        assert r.status == 200, await r.text()

                for start in range(0, n, 50):  # the messages first, not timed
                    await asyncio.gather(*(post(m) for m, _ in pairs[start : start + 50]))
                # Warm-up, not timed: one second's worth of reactions, each waited for. A
                # daemon's first second (its parser process spawning and loading the
                # lexicons, first replies' code paths) is not the steady rate measured
                # here; the first reaction's time is printed apart.
                cold = await _warm_up(post, fake, max(1, int(rate)))
                before = await _settled_commits(url)

                async def one(i: int, at: float) -> None:
                    await asyncio.sleep(max(0.0, at - time.perf_counter()))
                    posted[i], posted_wall[i] = time.perf_counter(), time.time()
                    await post(pairs[i][1])

                t0 = time.perf_counter() + 0.2
                await asyncio.gather(*(one(i, t0 + i / rate) for i in range(n)))
                deadline = time.perf_counter() + 60
                while (  # noqa: ASYNC110
                    len([i for i in _arrivals(fake) if 0 <= i < n]) < n
                    and time.perf_counter() < deadline
                ):
                    await asyncio.sleep(0.01)
        finally:
            daemon.terminate()  # its sessions end, and report their counts as they do
            daemon.notify.close()
        arrived = _arrivals(fake)
        rows = await _outbox_rows(Path(tmp) / "data", url, limit=10 * n)
        committed = {
            i: r.created_at for r in rows if (i := _index(str(r.body.get("text", "")))) is not None
        }
        after = await _settled_commits(url, idle=0.5)
    await fake.stop()
    print(f"  {store}, jobs at once {concurrency}: first reaction after start {cold:.0f} ms")
    per_reaction = "–" if before is None or after is None else f"{(after - before) / n:.1f}"
    record = [(committed[i] - posted_wall[i]) * 1000 for i in range(n) if i in committed]
    reply = [(arrived[i] - posted[i]) * 1000 for i in range(n) if i in arrived]
    return [
        store,
        str(concurrency),
        str(n),
        f"{rate:.0f}",
        f"{pct(record, 50):.1f}",
        f"{pct(record, 99):.1f}",
        f"{pct(reply, 50):.1f}",
        f"{pct(reply, 99):.1f}",
        str(n - len(reply)),
        per_reaction,
    ]


async def _outbox_rows(data: Path, url: str | None, limit: int) -> list[outbox.OutboxRow]:
    """The replies the stopped daemon committed, read through a store of its database."""
    store = store_for(settings("postgres" if url else "sqlite", data, url, None))
    await store.open()
    try:
        return await store.read(lambda tx: outbox.list_rows(tx, limit=limit))
    finally:
        await store.close()


WARM_UP_AMOUNT = 900_000  # replies of the warm-up: indices far past any timed one


async def _warm_up(
    post: Callable[[dict[str, Any]], Awaitable[None]],
    fake: FakeEvolution,
    count: int,
) -> float:
    """Sends `count` reactions, one after the other, each waited for to its reply; returns
    the first one's time from POST to reply (ms): the daemon's cold start."""
    cold = 0.0
    sent_before = len(fake.sends)
    for k in range(count):
        message, reaction = bill_reaction_pair(k, prefix="WARM", amount=1000 + WARM_UP_AMOUNT + k)
        await post(message)
        started = time.perf_counter()
        await post(reaction)
        await _warm_replies(fake, sent_before, k + 1, within=60)
        if k == 0:
            cold = (time.perf_counter() - started) * 1000
    return cold


async def _warm_replies(fake: FakeEvolution, since: int, count: int, within: float) -> None:
    """Waits until the fake Evolution received `count` warm-up replies after its first
    `since` sends."""
    deadline = time.perf_counter() + within
    while True:
        warm = {
            i
            for r in fake.sends[since:]
            if (i := _index(str(r.body.get("text", "")))) is not None and i >= WARM_UP_AMOUNT
        }
        if len(warm) >= count:
            return
        if time.perf_counter() > deadline:
            raise RuntimeError(f"the warm-up got {len(warm)} of {count} replies in {within:g} s")
        await asyncio.sleep(0.002)


async def _settled_commits(url: str | None, idle: float = 11.0) -> int | None:
    """Transactions committed in the database so far (pg_stat_database.xact_commit), once
    every session has reported its own: an idle session reports within 10 s
    (PGSTAT_IDLE_INTERVAL), a closing one at once. None on SQLite."""
    if url is None:
        return None
    await asyncio.sleep(idle)
    return int(
        _one(
            url,
            "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()",
        )
    )


def _index(text: str) -> int | None:
    import re

    found = re.search(r"\$([\d,]+)\.00", text)
    return None if found is None else int(found.group(1).replace(",", "")) - 1000


def _arrivals(fake: FakeEvolution) -> dict[int, float]:
    got: dict[int, float] = {}
    for r in fake.sends:
        i = _index(str(r.body.get("text", "")))
        if i is not None and i not in got:
            got[i] = r.at
    return got


# -- 3. one worker process vs two --------------------------------------------------------
class RoleProcess(DaemonProcess):
    def __init__(self, data_dir: Path, role: str, **env: str) -> None:
        super().__init__(data_dir, SECRET, **env)
        self.role = role

    def start(self, timeout: float = 120.0) -> None:
        import subprocess

        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "reactiond", "run", "--role", self.role],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            ready = self.notify.wait_for("READY=1", timeout)
        except AssertionError:
            tail = self.log.read_text()[-3000:]
            raise SystemExit(f"{self.role} process not ready: {tail}") from None
        for line in ready.splitlines():
            if line.startswith("STATUS=listening on "):
                self.port = int(line.rsplit(":", 1)[1])


def _run(url: str, sql: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def _one(url: str, sql: str) -> Any:
    with psycopg.connect(url) as conn:
        row = conn.execute(sql).fetchone()
        return None if row is None else row[0]


# -- where the CPU goes during a drain (Linux /proc) ---------------------------------------
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _process_table() -> dict[int, tuple[int, float]]:
    """pid → (parent pid, CPU seconds so far) for every process on the machine."""
    table: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command may hold spaces and parentheses: the fields follow its last ")".
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue  # ended meanwhile
        table[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK)
    return table


def _tree(table: dict[int, tuple[int, float]], roots: set[int]) -> set[int]:
    found, grew = set(roots) & set(table), True
    while grew:
        more = {pid for pid, (parent, _) in table.items() if parent in found} - found
        found |= more
        grew = bool(more)
    return found


def _machine_busy() -> tuple[float, float]:
    """(busy, all) CPU seconds of the whole machine since boot (/proc/stat)."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle, iowait
    total = sum(ticks[:8])  # guest time is counted in user already
    return (total - idle) / _TICK, total / _TICK


class CpuSplit:
    """CPU seconds spent between `start()` and `stop()`: by the worker processes (with
    their parser processes), by PostgreSQL (the postmaster's tree), by everything else on
    the machine, and how many of its cores were busy. Processes that end meanwhile are
    not counted; the drain's processes do not."""

    def __init__(self, workers: list[int], postmaster: int) -> None:
        self.roots = {"workers": set(workers), "postgres": {postmaster}}

    def _read(self) -> tuple[dict[str, dict[int, float]], tuple[float, float]]:
        table = _process_table()
        groups = {
            name: {pid: table[pid][1] for pid in _tree(table, roots)}
            for name, roots in self.roots.items()
        }
        return groups, _machine_busy()

    def start(self) -> None:
        self._before = self._read()

    def stop(self) -> dict[str, float]:
        (after, (busy1, all1)), (before, (busy0, all0)) = self._read(), self._before
        spent = {
            name: sum(t - before[name].get(pid, 0.0) for pid, t in after[name].items())
            for name in after
        }
        busy = busy1 - busy0
        spent["else"] = max(0.0, busy - sum(spent.values()))
        spent["cores busy"] = busy / ((all1 - all0) / (os.cpu_count() or 1))
        return spent


async def workers(
    cluster: Cluster, n: int, processes: int, fake: FakeEvolution, concurrency: int = 1
) -> list[str]:
    url = cluster.database()
    env = {
        "REACTIOND_WORKER_CONCURRENCY": str(concurrency),
        "REACTIOND_DATABASE_URL": url,
        "REACTIOND_EVOLUTION_URL": fake.url,
        "REACTIOND_EVOLUTION_API_KEY": fake.api_key,
        "REACTIOND_REACTION_FLOOD_PER_MINUTE": str(10**9),
        "REACTIOND_LOG_LEVEL": "error",
    }
    with tempfile.TemporaryDirectory() as tmp:
        web = RoleProcess(Path(tmp) / "web", "web", **env)
        started: list[RoleProcess] = [web]
        try:
            web.start()
            hook = f"http://127.0.0.1:{web.port}/webhook/{INSTANCE}"
            headers = {"X-Reactiond-Secret": SECRET}
            pairs = [bill_reaction_pair(i, prefix="WRK", amount=1000 + i) for i in range(n)]
            async with aiohttp.ClientSession() as http:

                async def post(p: dict[str, Any]) -> None:
                    async with http.post(hook, data=json.dumps(p), headers=headers) as r:
                        assert r.status == 200, await r.text()

                for start in range(0, n, 50):
                    await asyncio.gather(*(post(m) for m, _ in pairs[start : start + 50]))
                for start in range(0, n, 50):
                    await asyncio.gather(*(post(r) for _, r in pairs[start : start + 50]))
                jobs = int(_one(url, "SELECT COUNT(*) FROM jobs"))
                measured = int(_one(url, "SELECT MAX(id) FROM jobs"))
                # Held back until every worker is up and warm: a process that starts a
                # second sooner than the other would otherwise drain alone for that
                # second, and a worker's first second (its parser process spawning and
                # loading the lexicons, two at once with two workers) is not its rate.
                _run(url, "UPDATE jobs SET run_at = run_at + 86400 WHERE status = 'queued'")
                for k in range(processes):
                    worker = RoleProcess(Path(tmp) / f"worker{k}", "worker", **env)
                    started.append(worker)
                await asyncio.gather(*(asyncio.to_thread(w.start) for w in started[1:]))
                await _warm_up_workers(post, fake, 10 * processes)
            split = CpuSplit([w.proc.pid for w in started[1:] if w.proc], cluster.postmaster)
            split.start()
            # Due again, and every worker woken at once (the workers' own channel).
            _run(
                url,
                "UPDATE jobs SET run_at = run_at - 86400 WHERE status = 'queued';"
                " NOTIFY reactiond, 'jobs'",
            )
            deadline = time.time() + 600
            while time.time() < deadline:
                left = int(_one(url, "SELECT COUNT(*) FROM jobs WHERE status <> 'done'"))
                if left == 0:
                    break
                await asyncio.sleep(0.2)
            cpu = split.stop()
            mine = f"job_id <= {measured}"  # the measured jobs, not the warm-up's
            first = float(_one(url, f"SELECT MIN(started_at) FROM job_attempts WHERE {mine}"))
            last = float(_one(url, f"SELECT MAX(finished_at) FROM jobs WHERE id <= {measured}"))
            owners = int(
                _one(
                    url,
                    "SELECT COUNT(DISTINCT split_part(worker, '/', 1)) FROM job_attempts"
                    f" WHERE {mine}",
                )
            )
            reruns = int(_one(url, f"SELECT COUNT(*) FROM job_attempts WHERE {mine}")) - jobs
        finally:
            for p in started:
                p.stop_quietly()
            for p in started[1:]:  # why a job ran more than once, if one did
                logged = p.log.read_text(errors="replace").splitlines()  # errors only
                if logged:
                    print(f"    {p.role}: {len(logged)} log lines, first: {logged[0][:300]}")
    took = last - first
    return [
        str(processes),
        str(concurrency),
        str(n),
        str(jobs),
        f"{took:.2f}",
        f"{n / took:.0f}",
        str(owners),
        str(reruns),
        f"{cpu['cores busy']:.2f}",
        " / ".join(f"{1000 * cpu[k] / n:.1f}" for k in ("workers", "postgres", "else")),
    ]


async def _warm_up_workers(
    post: Callable[[dict[str, Any]], Awaitable[None]], fake: FakeEvolution, count: int
) -> None:
    """`count` reactions of their own (due now, the measured ones held back), waited for
    to their replies at the fake Evolution."""
    sent_before = len(fake.sends)
    tag = f"WARM{time.monotonic_ns()}"
    pairs = [
        bill_reaction_pair(k, prefix=tag, amount=1000 + WARM_UP_AMOUNT + k) for k in range(count)
    ]
    for message, _ in pairs:
        await post(message)
    await asyncio.gather(*(post(reaction) for _, reaction in pairs))
    await _warm_replies(fake, sent_before, count, within=120)


async def workers_trials(
    cluster: Cluster, n: int, fake: FakeEvolution, concurrency: int, trials: int
) -> None:
    """One worker process, then two, then one, then two, … `trials` times each, in one run:
    the neighbours' load drifts, and alternating exposes both counts to the same drift.
    Each trial's figures, then the median of the trials' two-over-one ratios."""
    rows: list[list[str]] = []
    ratios: list[float] = []
    for t in range(1, trials + 1):
        pair = [await workers(cluster, n, k, fake, concurrency) for k in (1, 2)]
        ratio = float(pair[1][5]) / float(pair[0][5])
        ratios.append(ratio)
        rows += [[str(t), *r] for r in pair]
        print(
            f"  trial {t}, jobs at once {concurrency}: one {pair[0][5]}/s, two {pair[1][5]}/s,"
            f" {ratio:.2f}× (load {os.getloadavg()[0]:.2f})",
            flush=True,
        )
    head = ["trial", "worker processes", "jobs at once each", "reactions", "jobs", "seconds"]
    table(
        [
            *head,
            "reactions/s",
            "processes that ran jobs",
            "runs again",
            "cores busy",
            "CPU ms per reaction: workers / PostgreSQL / else",
        ],
        rows,
    )
    print(
        f"jobs at once {concurrency}: two workers / one, per trial: "
        f"{', '.join(f'{r:.2f}×' for r in ratios)}; median {statistics.median(ratios):.2f}×"
    )
    print()


# -- 4. periodic tasks with many rows ----------------------------------------------------
JOB_ROWS_PG = (
    "INSERT INTO jobs (kind, dedupe_key, payload, priority, status, attempts, max_attempts,"
    " run_at, created_at, updated_at, finished_at)"
    " SELECT k, k || ':' || g, '{{}}', p, s, 1, 8, r, c, c, f FROM ("
    "  SELECT g, 'reminder' AS k, 10 AS p, 'queued' AS s, {now} + 86400 AS r, {now} AS c,"
    "   NULL::double precision AS f FROM generate_series(1, {n}) g"
    "  UNION ALL SELECT g, 'done-reaction', 0, 'done', {now} - 60, {now} - 60, {now} - 60"
    "   FROM generate_series(1, {n}) g"
    "  UNION ALL SELECT g, 'old-reaction', 0, 'done', {old}, {old}, {old}"
    "   FROM generate_series(1, {batch}) g"
    "  UNION ALL SELECT 1, 'reaction', 0, 'queued', {now} - 1, {now} - 1, NULL) x"
)
JOB_ROWS_SQLITE = (
    "WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < {n})"
    " INSERT INTO jobs (kind, dedupe_key, payload, priority, status, attempts, max_attempts,"
    " run_at, created_at, updated_at, finished_at)"
    " SELECT 'reminder', 'reminder:' || i, '{{}}', 10, 'queued', 1, 8, {now} + 86400, {now},"
    " {now}, NULL FROM g"
    " UNION ALL SELECT 'done-reaction', 'done:' || i, '{{}}', 0, 'done', 1, 8, {now} - 60,"
    " {now} - 60, {now} - 60, {now} - 60 FROM g"
    " UNION ALL SELECT 'old-reaction', 'old:' || i, '{{}}', 0, 'done', 1, 8, {old}, {old},"
    " {old}, {old} FROM g WHERE i <= {batch}"
    " UNION ALL SELECT 'reaction', 'r:1', '{{}}', 0, 'queued', 0, 8, {now} - 1, {now} - 1,"
    " {now} - 1, NULL"
)


async def periodic(store_kind: str, cluster: Cluster, rows: int) -> list[str]:
    now = time.time()
    policy = Policy()
    old = now - policy.jobs_days * 86400 - 3600
    fill = {"n": rows, "now": now, "old": old, "batch": policy.batch}
    with tempfile.TemporaryDirectory() as tmp:
        store: Store
        began = time.perf_counter()
        if store_kind == "postgres":
            url = cluster.database()
            store = PgStore(url)
            await store.open()
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(JOB_ROWS_PG.format(**fill))
                conn.execute("VACUUM ANALYZE jobs")
        else:
            path = Path(tmp) / "reactiond.db"
            store = SqliteStore(path)
            await store.open()
            conn = apsw.Connection(str(path))
            with conn:
                conn.execute(JOB_ROWS_SQLITE.format(**fill))
            conn.execute("ANALYZE")
            conn.close()
        filled = time.perf_counter() - began
        try:
            kinds = ["reaction", "reminder"]
            due_ms = await best(lambda: store.next_job_due(kinds))
            claim_ms = await timed(lambda: store.claim_next_job(kinds, "bench", 60, now))
            t0 = time.perf_counter()
            pruned = await prune(store, policy, now)
            prune_ms = (time.perf_counter() - t0) * 1000
        finally:
            await store.close()
    return [
        store_kind,
        f"{2 * rows + policy.batch + 1:,}",
        f"{filled:.0f}",
        f"{due_ms:.2f}",
        f"{claim_ms:.2f}",
        f"{prune_ms:.0f} ({sum(pruned.values())} rows)",
    ]


async def best(fn: Callable[[], Awaitable[Any]], runs: int = 5) -> float:
    return min([await timed(fn) for _ in range(runs)])


async def timed(fn: Callable[[], Awaitable[Any]]) -> float:
    t0 = time.perf_counter()
    await fn()
    return (time.perf_counter() - t0) * 1000


def table(head: list[str], rows: list[list[str]]) -> None:
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print()


async def main(args: argparse.Namespace) -> None:
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR))
    skip = set(args.skip.split(",")) if args.skip else set()
    print(machine())
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average at start: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print()
    cluster = Cluster()
    try:
        if "ingest" not in skip:
            rows = [
                await ingest(
                    s, cluster.database() if s == "postgres" else None, args.ingest_seconds
                )
                for s in STORES
            ]
            table(["store", "webhooks/s (durable)", "p50 ms", "p99 ms"], rows)
        if "paced" not in skip:
            runs = [(s, c) for c in sorted({1, args.worker_concurrency}) for s in STORES]
            rows = [
                await paced(
                    s,
                    cluster.database() if s == "postgres" else None,
                    args.rate,
                    args.paced_seconds,
                    c,
                )
                for s, c in runs
            ]
            head = ["store", "jobs at once", "reactions", "rate/s", "→ record p50 ms"]
            more = ["→ record p99 ms", "→ reply p50 ms", "→ reply p99 ms", "missing"]
            more.append("commits per reaction")
            table([*head, *more], rows)
        if "workers" not in skip:
            fake = FakeEvolution()
            await fake.start()
            try:
                for c in sorted({1, args.worker_concurrency}):
                    await workers_trials(cluster, args.reactions, fake, c, args.trials)
            finally:
                await fake.stop()
        if "periodic" not in skip:
            rows = [await periodic(s, cluster, args.rows) for s in STORES]
            table(
                ["store", "jobs", "fill s", "next due ms (timer)", "claim ms", "retention run ms"],
                rows,
            )
    finally:
        cluster.close()
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ingest-seconds", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--paced-seconds", type=float, default=20.0)
    parser.add_argument("--reactions", type=int, default=600)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--trials", type=int, default=3, help="workers: alternating 1,2,1,2,… trials of each"
    )
    parser.add_argument(
        "--worker-concurrency", type=int, default=4, help="also measured: jobs at once each"
    )
    parser.add_argument("--skip", default="", help="comma-separated: ingest,paced,workers,periodic")
    asyncio.run(main(parser.parse_args()))
