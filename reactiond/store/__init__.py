"""Persistence behind the narrow `Store` interface (store/interface.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reactiond.settings import Settings
from reactiond.store.sqlite.store import SqliteStore

if TYPE_CHECKING:
    from reactiond.store.postgres.store import PgStore


def store_for(settings: Settings) -> SqliteStore | PgStore:
    """The store the settings ask for: PostgreSQL when REACTIOND_DATABASE_URL is set
    (several processes may share it), else SQLite in the data directory."""
    url = settings.postgres_url
    if url is None:
        return sqlite_store(settings)
    # Imported here, not at the top: psycopg loads only in processes that use PostgreSQL.
    from reactiond.store.postgres.store import PgStore

    return PgStore(url, default_max_attempts=settings.job_max_attempts)


def sqlite_store(settings: Settings) -> SqliteStore:
    return SqliteStore(
        settings.database_path,
        group_commit_max=settings.group_commit_max,
        default_max_attempts=settings.job_max_attempts,
    )
