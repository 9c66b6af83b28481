"""Waiting on a real condition instead of sleeping for a guessed time.

CI runs the suite once on a loaded 2-core machine: a fixed `sleep` before an assertion,
or a poll that gives up after a second or two, fails there now and then while the code
is right. These helpers poll until the condition holds, with a deadline generous enough
for a slow machine (it only costs time when the behaviour is broken), and fail naming
what was awaited.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")

PATIENCE = 30.0  # seconds: far above any healthy wait, far below pytest-timeout's 300 s


async def eventually(
    probe: Callable[[], Awaitable[T]],
    *,
    what: str,
    within: float = PATIENCE,
    step: float = 0.02,
) -> T:
    """Await `probe()` until it returns something truthy, and return that value."""
    deadline = time.monotonic() + within
    while True:
        value = await probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {within:g} s for {what}; last saw {value!r}")
        await asyncio.sleep(step)


def eventually_sync(
    probe: Callable[[], T],
    *,
    what: str,
    within: float = PATIENCE,
    step: float = 0.05,
) -> T:
    """`eventually` for code outside an event loop (subprocess tests)."""
    deadline = time.monotonic() + within
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {within:g} s for {what}; last saw {value!r}")
        time.sleep(step)
