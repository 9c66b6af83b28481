"""Exports and feeds stream in bounded memory (issue 17): 50,000 records go out a window
at a time, so the daemon's peak RSS grows by a bounded amount, not with the records
(before, a whole calendar of 1M records was built in memory: ~8 GB)."""

from __future__ import annotations

from pathlib import Path

import pytest
from apisupport import Api

from reactiond.store.interface import Transaction

RECORDS = 50_000
# Streaming keeps a window of records, the rendered-component cache (16 MB at most) and
# the client's read buffer; holding 50,000 records and their document took > 200 MB.
BOUND_MB = 60


def vm_kb(name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {name} in /proc/self/status")


def reset_peak() -> None:
    """VmHWM back to the current RSS (Linux)."""
    Path("/proc/self/clear_refs").write_text("5")


def copy_tasks(tx: Transaction) -> None:
    tx.execute(
        "WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < :n)"
        " INSERT INTO tasks (action_id, title, due_local, due_at, tz, priority, tags, status,"
        " language, instance, chat_jid, message_id, reactor_id, emoji, rule_id, created_at,"
        " updated_at) SELECT t.action_id, t.title || ' ' || c.k, t.due_local, t.due_at, t.tz,"
        " t.priority, t.tags, t.status, t.language, t.instance, t.chat_jid, t.message_id,"
        " t.reactor_id, t.emoji, t.rule_id, t.created_at + c.k, t.updated_at + c.k"
        " FROM c, tasks t",
        {"n": RECORDS - 1},
    )


@pytest.mark.parametrize("path", ["/export/tasks.csv", "/export/calendar.ics?kind=tasks"])
async def test_an_export_of_50k_records_stays_under_a_memory_bound(api: Api, path: str) -> None:
    await api.seed.task("Pagar la renta de la oficina", due="2026-01-16T15:00", tags=["casa"])
    await api.daemon.store.write(copy_tasks)
    async with api.http.get(api.url + path) as r:  # warm: imports, zones, connections
        assert r.status == 200
        await r.read()
    # Every record changed: nothing rendered before may be served again.
    await api.daemon.store.write(
        lambda tx: tx.execute("UPDATE tasks SET updated_at = updated_at + 1")
    )
    reset_peak()
    before = vm_kb("VmRSS")
    size = 0
    async with api.http.get(api.url + path) as r:
        assert r.status == 200
        async for chunk in r.content.iter_chunked(64 * 1024):
            size += len(chunk)
    grown_mb = (vm_kb("VmHWM") - before) / 1024
    assert size > RECORDS * 50
    assert grown_mb < BOUND_MB, f"peak RSS grew {grown_mb:.0f} MB for {size / 1e6:.0f} MB out"
