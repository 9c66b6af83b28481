"""Exports and feeds stream in bounded memory (issue 17): 50,000 records go out a window
at a time, so the Python memory an export takes at its peak is a window's worth, not
the records' or the document's (before, a whole calendar of 1M records was built in
memory: ~8 GB). Measured with tracemalloc: what Python allocates while the export runs,
the server's and the client's, whatever else the process holds."""

from __future__ import annotations

import tracemalloc

import pytest
from apisupport import Api

from reactiond.store.interface import Transaction

RECORDS = 50_000
# A window of 500 records, its rendered text, the components to keep (2,000 at most,
# ~0.6 MB), the client's read buffer. The documents themselves are 12 MB (CSV) and
# 19 MB (calendar).
BOUND_MB = 6


def copy_tasks(tx: Transaction) -> None:
    # Raw SQL: 50,000 rows in one statement; through the repository it would take seconds.
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


@pytest.mark.slow  # ~10 s of CPU each: started first under xdist, not left for the end
@pytest.mark.parametrize("path", ["/export/tasks.csv", "/export/calendar.ics?kind=tasks"])
async def test_an_export_of_50k_records_stays_under_a_memory_bound(api: Api, path: str) -> None:
    await api.seed.task("Pagar la renta de la oficina", due="2026-01-16T15:00", tags=["casa"])
    # Warm on the one record (imports, zones, connections, the render cache): what stays
    # allocated after an export, at the cost of one record, not of 50,000 more.
    async with api.http.get(api.url + path) as r:
        assert r.status == 200
        await r.read()
    await api.daemon.store.write(copy_tasks)  # new records: none rendered before
    size = 0
    tracemalloc.start()
    try:
        async with api.http.get(api.url + path) as r:
            assert r.status == 200
            async for chunk in r.content.iter_chunked(64 * 1024):
                size += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size > RECORDS * 50
    assert peak / 1e6 < BOUND_MB, f"{peak / 1e6:.1f} MB at the peak for {size / 1e6:.0f} MB out"
