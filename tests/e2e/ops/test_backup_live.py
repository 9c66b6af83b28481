"""`reactiond backup` while a daemon is ingesting: a consistent copy, nothing acked missing."""

from __future__ import annotations

import asyncio
import os
import sys
from functools import partial
from pathlib import Path
from typing import Any

import aiohttp
import apsw

from tests.e2e.ops.support import REPO, reaction_payload
from tests.e2e.ops.test_lifecycle import post
from tests.waiting import eventually


async def at_least(items: list[str], n: int) -> bool:
    return len(items) >= n


async def test_backup_during_ingest_is_consistent_and_has_everything_acked_before_it(
    daemon_factory: Any, tmp_path: Path
) -> None:
    d = daemon_factory().start()
    acked: list[str] = []
    stop = asyncio.Event()

    async def sender(session: aiohttp.ClientSession, start: int) -> None:
        i = start
        while not stop.is_set():
            payload = reaction_payload(i)
            if await post(session, d.url, payload) == 200:
                acked.append(payload["data"]["key"]["id"])
            i += 8

    async with aiohttp.ClientSession() as session:
        senders = [asyncio.create_task(sender(session, k)) for k in range(8)]
        await eventually(partial(at_least, acked, 50), what="50 reactions acknowledged")
        acked_before = list(acked)
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "reactiond",
            "backup",
            str(tmp_path / "live.db"),
            cwd=REPO,
            env={**os.environ, "REACTIOND_DATA_DIR": str(d.data_dir)},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await proc.communicate()
        assert proc.returncode == 0, err.decode()
        assert b"integrity ok" in out
        # Raw SQL: the backup file itself, opened read-only as the plain SQLite it must be.
        conn = apsw.Connection(str(tmp_path / "live.db"), flags=apsw.SQLITE_OPEN_READONLY)
        try:
            in_backup = {r[0] for r in conn.execute("SELECT reaction_id FROM reactions")}
            jobs = conn.execute("SELECT COUNT(*) FROM jobs").fetchone()
        finally:
            conn.close()
        # The daemon keeps ingesting after the snapshot: more get acknowledged than it holds.
        await eventually(
            partial(at_least, acked, len(in_backup) + 1),
            what=f"more than the backup's {len(in_backup)} reactions acknowledged",
        )
        stop.set()
        await asyncio.gather(*senders)
    assert set(acked_before) <= in_backup
    assert jobs == (len(in_backup),)  # each reaction with its job: one transaction's worth
