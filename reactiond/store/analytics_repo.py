"""The reads behind `/api/analytics/…`: counts over a time window, as rows.

`reactiond/records/analytics.py` turns them into figures (rates, rounding, local hours).
"""

from __future__ import annotations

from reactiond.store.interface import Row, Transaction
from reactiond.store.queries import query


def parse_figures(tx: Transaction, since: float, until: float) -> list[Row]:
    """Per (parser, language): total, ok, average confidence and micros."""
    return tx.execute(query("analytics", "parse_figures"), {"since": since, "until": until})


def action_groups(tx: Transaction, since: float, until: float) -> list[Row]:
    """Per (emoji, rule): how many actions, how many made their record (ok)."""
    return tx.execute(query("analytics", "action_groups"), {"since": since, "until": until})


def top_reactors(tx: Transaction, since: float, until: float, limit: int) -> list[Row]:
    return tx.execute(
        query("analytics", "top_reactors"), {"since": since, "until": until, "top": limit}
    )


def action_times(tx: Transaction, since: float, until: float) -> list[float]:
    rows = tx.execute(query("analytics", "action_times"), {"since": since, "until": until})
    return [float(r["created_at"]) for r in rows]
