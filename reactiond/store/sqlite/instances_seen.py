"""Which Evolution instances a database has taken webhooks from (for `reactiond doctor`)."""

from __future__ import annotations

import apsw


def seen_instances(conn: apsw.Connection) -> list[str]:
    """Instances whose webhooks were stored or ignored here (not those refused), the most
    recently heard first."""
    rows = conn.execute(
        "SELECT instance FROM event_counters WHERE outcome IN ('stored', 'ignored')"
        " GROUP BY instance ORDER BY MAX(last_at) DESC, instance"
    ).fetchall()
    return [str(row["instance"] if isinstance(row, dict) else row[0]) for row in rows]
