"""Persistence behind the narrow `Store` interface (store/interface.py)."""

from __future__ import annotations

from reactiond.settings import Settings
from reactiond.store.sqlite.store import SqliteStore


def sqlite_store(settings: Settings) -> SqliteStore:
    return SqliteStore(
        settings.database_path,
        group_commit_max=settings.group_commit_max,
        default_max_attempts=settings.job_max_attempts,
    )
