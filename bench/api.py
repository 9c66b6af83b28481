"""The local API on a large database: how long reads, a change, exports and scrapes take.

In-process daemon on a temporary data dir with N tasks, N/4 events, N/4 bills and N/4
notes written straight into the tables; real HTTP on loopback, one client.
  python bench/api.py [N]
Prints one table: per request p50 / p95 in milliseconds, and the response size.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import structlog

from reactiond.app import Daemon
from reactiond.exports.feeds import create_feed
from reactiond.settings import load_settings
from reactiond.store.interface import Transaction

NOW = time.time()


def seed(tx: Transaction, n: int) -> None:
    row = tx.execute_one(
        "INSERT INTO people (display_jid, name, created_at) VALUES ('5215500000000@s.whatsapp.net',"
        " 'Bench', ?) RETURNING id",
        (NOW,),
    )
    assert row is not None
    pid = row["id"]
    tx.execute(
        "INSERT INTO person_ids (jid, person_id) VALUES ('5215500000000@s.whatsapp.net', ?)", (pid,)
    )
    src = "'main', '5215500000000@s.whatsapp.net'"
    for i in range(n):
        tx.execute(
            "INSERT INTO reactions (instance, reaction_id, target_message_id, target_chat_jid,"
            " target_from_me, chat_jid, is_group, reactor_id, reactor_from_me, emoji,"
            " sent_at_ms, received_at) VALUES ('main', ?, ?, 'c', 0, 'c', 0, ?, 0, '✅', ?, ?)",
            (f"R{i}", f"M{i}", pid, i, NOW),
        )
        tx.execute(
            "INSERT INTO actions (rule_id, rule_name, action, instance, chat_jid, message_id,"
            " reactor_id, reaction_row_id, emoji, outcome, created_at) VALUES (NULL, 'bench',"
            f" 'create_task', {src}, ?, ?, last_insert_rowid(), '✅', 'created', ?)",
            (f"M{i}", pid, NOW),
        )
        day = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
        common = (f"M{i}", pid, NOW + i, NOW + i)
        tx.execute(
            "INSERT INTO tasks (action_id, title, due_local, tz, tags, status, language,"
            " instance, chat_jid, message_id, reactor_id, emoji, created_at, updated_at)"
            f" VALUES (last_insert_rowid(), ?, ?, 'America/Mexico_City', '[]', 'open', 'es',"
            f" {src}, ?, ?, '✅', ?, ?)",
            (f"Tarea {i} revisar contrato", f"{day}T10:30" if i % 2 else day, *common),
        )
        if i % 4 == 0:
            aid = tx.execute_one("SELECT action_id FROM tasks WHERE id = last_insert_rowid()")
            assert aid is not None
            tx.execute(
                "INSERT INTO calendar_events (action_id, title, start_local, start_at, all_day,"
                " tz, duration_minutes, attendees, recurrence, language, instance, chat_jid,"
                " message_id, reactor_id, emoji, created_at, updated_at) VALUES (?, ?, ?, 0, 0,"
                f" 'America/Mexico_City', 60, '[]', ?, 'es', {src}, ?, ?, '📅', ?, ?)",
                (
                    aid["action_id"],
                    f"Reunión {i}",
                    f"{day}T09:00",
                    "FREQ=WEEKLY" if i % 8 == 0 else None,
                    *common,
                ),
            )
            tx.execute(
                "INSERT INTO bills (action_id, position, vendor, amount, currency, due_local, tz,"
                " language, instance, chat_jid, message_id, reactor_id, emoji, created_at,"
                f" updated_at) VALUES (?, 0, 'CFE', '890.00', 'MXN', ?, 'America/Mexico_City',"
                f" 'es', {src}, ?, ?, '💳', ?, ?)",
                (aid["action_id"], day, *common),
            )
            tx.execute(
                "INSERT INTO notes (action_id, title, body, tags, language, instance, chat_jid,"
                f" message_id, reactor_id, emoji, created_at, updated_at) VALUES (?, ?, ?, '[]',"
                f" 'es', {src}, ?, ?, '📝', ?, ?)",
                (aid["action_id"], f"Nota {i}", "texto " * 20, *common),
            )


async def timed(fn: Callable[[], Awaitable[int]], runs: int) -> tuple[float, float, int]:
    samples = []
    size = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        size = await fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return statistics.median(samples), p95, size


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
            feed = await daemon.store.write(lambda tx: create_feed(tx, "bench", {}, NOW))
            base = f"http://127.0.0.1:{daemon.port}"
            async with aiohttp.ClientSession() as http:

                async def get(path: str, **kw: Any) -> int:
                    async with http.get(base + path, **kw) as r:
                        assert r.status in (200, 304), (path, r.status)
                        return len(await r.read())

                async with http.get(base + "/api/tasks", params={"limit": "50"}) as r:
                    first = await r.json()
                deep = first["next_cursor"]
                for _ in range(n // 100):  # walk half-way through
                    async with http.get(
                        base + "/api/tasks", params={"limit": "50", "cursor": deep}
                    ) as r:
                        deep = (await r.json())["next_cursor"]
                task_id = first["items"][0]["id"]

                async def patch() -> int:
                    async with http.patch(
                        f"{base}/api/tasks/{task_id}", json={"title": "Renombrada"}
                    ) as r:
                        return len(await r.read())

                async def feed_304() -> int:
                    async with http.get(base + feed.url(""), headers={"If-None-Match": etag}) as r:
                        assert r.status == 304
                        return len(await r.read())

                rows: list[tuple[str, Callable[[], Awaitable[int]], int]] = [
                    (
                        "GET /api/tasks (first page of 50)",
                        lambda: get("/api/tasks", params={"limit": "50"}),
                        30,
                    ),
                    (
                        "GET /api/tasks (page half-way, cursor)",
                        lambda: get("/api/tasks", params={"limit": "50", "cursor": deep}),
                        30,
                    ),
                    (
                        "GET /api/tasks?status=open&q=contrato&due_from",
                        lambda: get(
                            "/api/tasks",
                            params={"status": "open", "q": "contrato", "due_from": "2026-06-01"},
                        ),
                        30,
                    ),
                    ("GET /api/tasks/{id}", lambda: get(f"/api/tasks/{task_id}"), 30),
                    ("PATCH /api/tasks/{id}", patch, 30),
                    ("GET /export/tasks.csv (all)", lambda: get("/export/tasks.csv"), 3),
                    (
                        "GET /export/calendar.ics (all, first render)",
                        lambda: get("/export/calendar.ics"),
                        1,
                    ),
                    (
                        "GET /export/calendar.ics (all, rendered before)",
                        lambda: get("/export/calendar.ics"),
                        10,
                    ),
                    ("GET /api/health", lambda: get("/api/health"), 30),
                    ("GET /metrics", lambda: get("/metrics"), 30),
                    ("GET /api/analytics/actions", lambda: get("/api/analytics/actions"), 10),
                ]
                each = n // 4
                print(
                    f"N = {n} tasks, {each} events, bills and notes each (seeded in {seeded:.1f} s)"
                )
                print(f"{'request':<50} {'p50 ms':>9} {'p95 ms':>9} {'bytes':>11}")
                for name, fn, runs in rows:
                    p50, p95, size = await timed(fn, runs)
                    print(f"{name:<50} {p50:>9.1f} {p95:>9.1f} {size:>11,}")
                async with http.get(base + feed.url("")) as r:
                    etag = r.headers["ETag"]
                p50, p95, size = await timed(feed_304, 30)
                name = "GET /feeds/{token}.ics, current If-None-Match → 304"
                print(f"{name:<50} {p50:>9.1f} {p95:>9.1f} {size:>11,}")
        finally:
            await daemon.stop()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000))
