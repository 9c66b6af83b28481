"""`Transaction` over a psycopg connection that is inside a transaction.

Statements arrive in the store's one SQL (SQLite placeholders, portable forms) and are
translated once each (`sql.to_postgres`). Parameters are bound on the client side
(`ClientCursor`), as SQLite binds them: a `NULL` parameter needs no declared type there
(`:status IS NULL OR status = :status`), which PostgreSQL's server-side binding refuses.

`notify(topic)` is PostgreSQL's own NOTIFY, sent inside the transaction: it reaches the
listeners of every process when, and only if, the transaction commits, so a job is
always visible to the worker its notification wakes.
"""

from __future__ import annotations

import json
from typing import Any

import psycopg
from psycopg.rows import dict_row, tuple_row

from reactiond.domain import NewJob
from reactiond.store.interface import Params, Row
from reactiond.store.postgres.sql import to_postgres

CHANNEL = "reactiond"  # one LISTEN channel; the payload is the topic
JOBS_TOPIC = "jobs"  # a job became runnable: workers wake up


class PgTransaction:
    dialect = "postgres"  # what dialect-dependent repositories (store/search.py) ask

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn
        self.cursor: psycopg.ClientCursor[dict[str, Any]] = psycopg.ClientCursor(
            conn, row_factory=dict_row
        )
        self.jobs_enqueued = 0
        self.topics: set[str] = set()

    def notify(self, topic: str) -> None:
        self.topics.add(topic)

    def send_notifications(self) -> None:
        """Queue the NOTIFYs of this transaction; PostgreSQL delivers them at COMMIT."""
        topics = set(self.topics)
        if self.jobs_enqueued:
            topics.add(JOBS_TOPIC)
        for topic in sorted(topics):
            self.cursor.execute("SELECT pg_notify(%s, %s)", (CHANNEL, topic))

    def execute(self, sql: str, params: Params = ()) -> list[Row]:
        cur = self.cursor
        cur.execute(to_postgres(sql), _params(params))
        if cur.description is None:
            return []
        return list(cur.fetchall())

    def execute_one(self, sql: str, params: Params = ()) -> Row | None:
        cur = self.cursor
        cur.execute(to_postgres(sql), _params(params))
        if cur.description is None:
            return None
        return cur.fetchone()

    def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        with psycopg.ClientCursor(self.conn, row_factory=tuple_row) as cur:
            cur.execute(to_postgres(sql), _params(params))
            return list(cur.fetchall()) if cur.description is not None else []

    def enqueue(self, job: NewJob, now: float, *, default_max_attempts: int = 8) -> int | None:
        row = self.execute_one(
            "INSERT INTO jobs (kind, dedupe_key, payload, priority, status, attempts,"
            " max_attempts, run_at, created_at, updated_at)"
            " VALUES (:kind, :dedupe, :payload, :priority, 'queued', 0, :max, :run_at, :now, :now)"
            " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
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


def _params(params: Params) -> Any:
    # Always a (possibly empty) sequence or mapping, never None: psycopg then reads the
    # statement's `%%` as the literal `%` every time, whatever the statement's parameters.
    if isinstance(params, dict | tuple | list):
        return params
    if hasattr(params, "keys"):
        return dict(params)
    return list(params)
