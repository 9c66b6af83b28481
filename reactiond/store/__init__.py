"""Persistence behind the closed `Store` interface (store/interface.py)."""

from __future__ import annotations

from reactiond.settings import Settings
from reactiond.store.interface import Store
from reactiond.store.sqlite.store import SqliteStore


def store_for(settings: Settings) -> Store:
    """The store the settings ask for: every caller outside `store/` holds it as a `Store`."""
    return sqlite_store(settings)


def sqlite_store(settings: Settings) -> SqliteStore:
    return SqliteStore(
        settings.database_path,
        group_commit_max=settings.group_commit_max,
        default_max_attempts=settings.job_max_attempts,
    )
