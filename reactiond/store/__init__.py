"""Persistence behind the closed `Store` interface (store/interface.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from reactiond.store.interface import JobPriority, Store
from reactiond.store.sqlite.store import SqliteStore


class StoreSettings(Protocol):
    """What building a store reads from the settings (`reactiond.settings.Settings` has
    it); a protocol, so that the store imports nothing from the layers above it."""

    @property
    def database_path(self) -> Path: ...

    @property
    def group_commit_max(self) -> int: ...

    @property
    def job_max_attempts(self) -> int: ...

    @property
    def postgres_url(self) -> str | None: ...


def store_for(
    settings: StoreSettings,
    *,
    job_priority: JobPriority | None = None,
    daemon_role: str | None = None,
) -> Store:
    """The store the settings ask for: every caller outside `store/` holds it as a `Store`.
    `job_priority`: how ingest orders reaction jobs (the daemon gives the rule book's).
    `daemon_role`: given by a running daemon, which a database server then shows as such
    (PostgreSQL: `restore` and `store copy --replace` refuse while one runs)."""
    url = settings.postgres_url
    if url is None:
        return sqlite_store(settings, job_priority=job_priority)
    # Imported here, not at the top: psycopg loads only in processes that use PostgreSQL.
    from reactiond.store.postgres.presence import CLIENT_NAME, daemon_name
    from reactiond.store.postgres.store import PgStore

    return PgStore(
        url,
        default_max_attempts=settings.job_max_attempts,
        job_priority=job_priority,
        application_name=CLIENT_NAME if daemon_role is None else daemon_name(daemon_role),
    )


def sqlite_store(
    settings: StoreSettings, *, job_priority: JobPriority | None = None
) -> SqliteStore:
    return SqliteStore(
        settings.database_path,
        group_commit_max=settings.group_commit_max,
        default_max_attempts=settings.job_max_attempts,
        job_priority=job_priority,
    )
