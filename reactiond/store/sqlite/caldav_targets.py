"""The CalDAV targets of a database and their conflicts (for `reactiond doctor`, which
reads the database file directly, without a running store)."""

from __future__ import annotations

import apsw

from reactiond.store import caldav_repo
from reactiond.store.caldav_repo import TargetRow
from reactiond.store.sqlite.transaction import SqliteTransaction


def calendar_targets(conn: apsw.Connection) -> list[tuple[TargetRow, int]]:
    """Each target with how many of its records are in conflict; none in a database
    from before the calendars' migration."""
    tx = SqliteTransaction(conn)
    try:
        targets = caldav_repo.list_targets(tx)
    except apsw.SQLError:  # no such table: a database this reactiond has not migrated
        return []
    return [(t, len(caldav_repo.conflicts_of_target(tx, t.id))) for t in targets]
