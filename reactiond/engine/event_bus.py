"""The in-process event bus: wakes every reader of the event log as soon as a transaction
that wrote to it commits (`store.subscribe("event_log", …)`), instead of a polling timer.

The readers are the live stream's clients (`web/stream.py`); the bus knows nothing of
HTTP. `close()` tells every reader to end (the daemon is stopping)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

from reactiond.store import events
from reactiond.store.interface import Store


class EventBus:
    def __init__(self, store: Store) -> None:
        self._waiters: set[asyncio.Event] = set()
        self.closing = False
        self.listeners = 0
        self.waiting = 0  # readers caught up and waiting for the next commit
        store.subscribe(events.TOPIC, self.notify)

    def notify(self) -> None:
        for waiter in self._waiters:
            waiter.set()

    async def close(self) -> None:
        """End every reader (the daemon is stopping; clients will reconnect)."""
        self.closing = True
        self.notify()

    async def wait(self, waiter: asyncio.Event, seconds: float) -> bool:
        """Wait on `waiter` (from `listening`) for a commit, up to `seconds`: whether one came."""
        self.waiting += 1
        try:
            await asyncio.wait_for(waiter.wait(), seconds)
            return True
        except TimeoutError:
            return False
        finally:
            self.waiting -= 1

    @contextmanager
    def listening(self) -> Iterator[asyncio.Event]:
        """An event set on every commit to the event log, for as long as the block runs."""
        waiter = asyncio.Event()
        self._waiters.add(waiter)
        self.listeners += 1
        try:
            yield waiter
        finally:
            self._waiters.discard(waiter)
            self.listeners -= 1
