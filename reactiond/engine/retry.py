"""When to try a failed job again. Pure: the random source is an argument."""

from __future__ import annotations

import random


def backoff_delay(
    attempt: int, *, base: float, cap: float, rand: random.Random | None = None
) -> float:
    """Exponential backoff with full jitter over the upper half: base·2^(attempt-1), capped.

    Attempt 1 waits about `base`, attempt 2 about 2·base, … Jitter keeps many failed jobs
    from retrying in lock-step against a service that just came back.
    """
    r: random.Random = rand or random.Random()
    ceiling = min(cap, base * 2.0 ** max(0, attempt - 1))
    return ceiling / 2 + r.random() * ceiling / 2
