"""The reads behind `/api/analytics/…`: counts over a time window, as rows.

`reactiond/records/analytics.py` turns them into figures (rates, rounding, local hours).
Whole quarter hours come from the counters migration 010 keeps (`action_quarters`,
`parse_quarters`), the partial quarters at the window's ends from the rows themselves.
"""

from __future__ import annotations

import math
from typing import Any

from reactiond.store.interface import Row, Transaction
from reactiond.store.queries import query

QUARTER = 900  # seconds: the counters' bucket, as migration 010 computes it


def _window(since: float, until: float) -> dict[str, Any]:
    """The window and the whole quarters inside it, [lo, hi); none: lo = hi = until."""
    lo = float(math.ceil(since / QUARTER) * QUARTER)
    hi = float(math.floor(until / QUARTER) * QUARTER)
    if hi <= lo:
        lo = hi = until
    return {"since": since, "until": until, "lo": lo, "hi": hi}


def parse_figures(tx: Transaction, since: float, until: float) -> list[Row]:
    """Per (parser, language): total, ok, average confidence and micros."""
    return tx.execute(query("analytics", "parse_figures"), _window(since, until))


def action_groups(tx: Transaction, since: float, until: float) -> list[Row]:
    """Per (emoji, rule): how many actions, how many made their record (ok)."""
    return tx.execute(query("analytics", "action_groups"), _window(since, until))


def top_reactors(tx: Transaction, since: float, until: float, limit: int) -> list[Row]:
    return tx.execute(query("analytics", "top_reactors"), {**_window(since, until), "top": limit})


def action_times(tx: Transaction, since: float, until: float) -> list[tuple[float, int]]:
    """(instant, how many actions): a whole quarter hour at its first second, each action
    of a partial quarter at its own time."""
    rows = tx.execute(query("analytics", "action_times"), _window(since, until))
    return [(float(r["at"]), int(r["n"])) for r in rows]
