"""`Transaction` over an apsw connection that is already inside a transaction."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import apsw

from reactiond.domain import NewJob
from reactiond.store.interface import Params, Row
from reactiond.store.queries import query


class SqliteTransaction:
    def __init__(self, conn: apsw.Connection) -> None:
        self.conn = conn
        self.jobs_enqueued = 0
        self.topics: set[str] = set()

    def notify(self, topic: str) -> None:
        self.topics.add(topic)

    def execute(self, sql: str, params: Params = ()) -> list[Row]:
        return list(self.conn.execute(sql, params))

    def execute_one(self, sql: str, params: Params = ()) -> Row | None:
        row: Any = self.conn.execute(sql, params).fetchone()
        return row  # type: ignore[no-any-return]

    def execute_batch(
        self, statements: Sequence[tuple[str, Params]], *, commit: bool = False
    ) -> list[list[Row]]:
        # `commit`: SQLite has no round trip to save; the transaction commits at its end.
        return [list(self.conn.execute(sql, params)) for sql, params in statements]

    def execute_later(
        self, sql: str, params: Params = (), then: Callable[[list[Row]], None] | None = None
    ) -> None:
        rows = list(self.conn.execute(sql, params))
        if then is not None:
            then(rows)

    def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        cur = self.conn.cursor()
        cur.row_trace = _as_is  # not the connection's dict per row
        return list(cur.execute(sql, params))

    def enqueue(self, job: NewJob, now: float, *, default_max_attempts: int = 8) -> int | None:
        row = self.execute_one(
            query("ingest", "enqueue_job"),
            {
                "kind": job.kind,
                "dedupe": job.dedupe_key,
                "payload": json.dumps(job.payload, ensure_ascii=False, sort_keys=True),
                "priority": job.priority,
                "max": job.max_attempts or default_max_attempts,
                "run_at": job.run_at if job.run_at is not None else now,
                "now": now,
            },
        )
        if row is None:
            return None
        self.jobs_enqueued += 1
        return int(row["id"])


def _as_is(cursor: apsw.Cursor, row: tuple[Any, ...]) -> tuple[Any, ...]:
    return row
