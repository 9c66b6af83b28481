"""Analytics' quarter-hour counters on PostgreSQL have no hot row (issue 18, migration
014): two transactions counting into the same quarter do not wait on each other, and the
counts still add up, removals included."""

from __future__ import annotations

import psycopg

from reactiond.store.postgres.sql import to_postgres
from reactiond.store.queries import query

NOW = 1_800_000_000.0
# Raw SQL: the test holds one transaction open while another writes, which no store call
# does (each of its transactions commits before it returns).
PARSE = (
    "INSERT INTO nlp_log (parser, language, success, confidence, micros, created_at)"
    " VALUES ('bill', 'es', 1, 0.5, 100, %s) RETURNING id"
)


def _figures(url: str) -> list[tuple[object, ...]]:
    params = {"lo": NOW - 900, "hi": NOW + 900, "since": NOW - 900, "until": NOW + 900}
    with psycopg.connect(url) as conn, psycopg.ClientCursor(conn) as cur:
        cur.execute(to_postgres(query("analytics", "parse_figures")), params)
        return [(r[0], r[1], r[2], r[3]) for r in cur.fetchall()]


def test_two_open_transactions_count_into_one_quarter_without_waiting(pg_url: str) -> None:
    at = NOW - NOW % 900  # both in the same quarter, which the window covers whole
    with psycopg.connect(pg_url) as first, psycopg.connect(pg_url) as second:
        first.execute(PARSE, (at + 1,))  # its transaction stays open
        second.execute("SET lock_timeout = '2s'")
        row = second.execute(PARSE, (at + 2,)).fetchone()  # waited before: LockNotAvailable
        assert row is not None
        second.commit()
        first.commit()
        second.execute("DELETE FROM nlp_log WHERE id = %s", (row[0],))
        second.commit()
    assert _figures(pg_url) == [("bill", "es", 1, 1)]


def test_two_open_webhook_transactions_count_one_event_without_waiting(pg_url: str) -> None:
    """The webhook counters (migration 015): each transaction adds to its backend's row."""
    count = to_postgres(query("counters", "count_event"))
    event = {"instance": "demo", "event": "messages.upsert", "outcome": "stored"}
    with psycopg.connect(pg_url) as first, psycopg.connect(pg_url) as second:
        with psycopg.ClientCursor(first) as cur:
            cur.execute(count, {**event, "now": NOW})  # its transaction stays open
        second.execute("SET lock_timeout = '2s'")
        with psycopg.ClientCursor(second) as cur:
            cur.execute(count, {**event, "now": NOW + 1})  # waited before: LockNotAvailable
        second.commit()
        first.commit()
        total = second.execute(
            "SELECT SUM(count), MAX(last_at) FROM event_counters WHERE event = 'messages.upsert'"
        ).fetchone()
    assert total == (2, NOW + 1)
