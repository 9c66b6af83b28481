"""Which reactiond processes run on a PostgreSQL database now: what `restore` and
`store copy --replace` refuse to empty a database under.

Two traces, read on a connection of their own: the task leases (a worker's periodic
tasks, host:pid:…) and the sessions of `reactiond run` processes of any role, which name
themselves on the server (`application_name`, `daemon_name` below): a
`--role web` process holds no lease.
"""

from __future__ import annotations

import os
import socket
import time
from typing import Any

import psycopg

# What the store's sessions are called on the server (pg_stat_activity.application_name):
# a running daemon says so (`daemon_name`), so that `restore` and `store copy --replace`
# see every process of any role on the database, not only those holding a task's lease.
CLIENT_NAME = "reactiond"
DAEMON_PREFIX = "reactiond run"
NAMEDATALEN = 63  # the server cuts a longer application_name there


def daemon_name(role: str) -> str:
    """The `application_name` of a `reactiond run --role <role>` process's sessions."""
    return f"{DAEMON_PREFIX} --role {role} {socket.gethostname()}:{os.getpid()}"[:NAMEDATALEN]


def running_processes(url: str) -> list[str]:
    """The reactiond processes running on the database at `url` now: those holding a
    periodic task's lease (host:pid:…), and every `reactiond run` with a session open
    there, of any role (a web process holds no lease: its sessions name it)."""
    with psycopg.connect(url, autocommit=True) as conn:
        return sorted(set(_lease_holders(conn)) | set(daemon_sessions(conn)))


def _lease_holders(conn: psycopg.Connection[Any]) -> list[str]:
    exists = conn.execute("SELECT to_regclass('task_leases') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return []
    rows = conn.execute(
        "SELECT DISTINCT holder FROM task_leases WHERE expires_at > %s ORDER BY holder",
        (time.time(),),
    ).fetchall()
    return [str(r[0]) for r in rows]


def daemon_sessions(conn: psycopg.Connection[Any]) -> list[str]:
    """The `reactiond run` processes with a session on this database: "--role web host:pid"."""
    rows = conn.execute(
        "SELECT DISTINCT application_name FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        " AND application_name LIKE %s",
        (DAEMON_PREFIX + "%",),
    ).fetchall()
    return [str(r[0]).removeprefix(DAEMON_PREFIX).strip() for r in rows]
