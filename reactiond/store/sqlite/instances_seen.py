"""Which Evolution instances a database has taken webhooks from (for `reactiond doctor`,
which reads the database file directly, without a running store)."""

from __future__ import annotations

import apsw

from reactiond.store.snapshot import instances_seen
from reactiond.store.sqlite.transaction import SqliteTransaction

# More than any installation runs; doctor checks every one it finds.
ALL = 1000


def seen_instances(conn: apsw.Connection) -> list[str]:
    """Instances whose webhooks were stored or ignored here (not those refused), the most
    recently heard first: the same named query `/api/health` uses."""
    return instances_seen(SqliteTransaction(conn), ALL)
