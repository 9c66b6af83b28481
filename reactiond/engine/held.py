"""A service that one process at a time runs, among all those sharing one database.

Several reactiond processes (roles `all` or `worker`) may share one PostgreSQL database.
Jobs are safe to run anywhere (each is claimed once), but some services are not: the
outbox sender must send each reply once and in order per chat, and retention and the
event-log pruner need run in one place only. `Held` wraps such a service: it runs it
while this process holds the task's lease (store/leases_repo.py), renews the lease every
third of its length, and stops the service when the lease is lost or cannot be renewed
before it runs out. A holder that dies stops renewing; the next process to ask takes the
task within one lease (plus a third, its asking interval). On SQLite there is one
process, and it takes every lease at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import time
from collections.abc import Callable, Sequence
from typing import Protocol

import structlog

from reactiond.store import leases_repo
from reactiond.store.interface import Store, StoreUnavailable, Transaction

log = structlog.get_logger("reactiond.held")


class Service(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...


def process_name() -> str:
    """Who holds a lease: host and PID, plus a random part so that a restarted process
    that got the same PID is not mistaken for the old one."""
    return f"{socket.gethostname()}:{os.getpid()}:{os.urandom(3).hex()}"


class Held:
    def __init__(
        self,
        service: Service,
        task: str,
        store: Store,
        holder: str,
        *,
        lease_seconds: float = 15.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.service = service
        self.task = task
        self.holder = holder
        self._store = store
        self._lease = lease_seconds
        self._clock = clock
        self._loop_task: asyncio.Task[None] | None = None
        self._held_until = 0.0
        self.running = False  # whether the wrapped service runs in this process now
        self.asked = 0  # times this process asked for the lease (tests wait on it)

    async def start(self) -> None:
        self._loop_task = asyncio.create_task(self._keep(), name=f"held-{self.task}")

    async def stop(self) -> None:
        if self._loop_task is not None:
            self._loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
            self._loop_task = None
        if self.running:
            await self._stop_service("stopping")
            with contextlib.suppress(StoreUnavailable):
                await self._store.write(lambda tx: leases_repo.let_go(tx, self.task, self.holder))

    async def _keep(self) -> None:
        while True:
            now = self._clock()
            try:
                held = await self._store.write(self._hold(now))
            except StoreUnavailable:
                held = None  # unknown: keep running until the lease would have run out
            self.asked += 1
            if held:
                self._held_until = now + self._lease
                if not self.running:
                    await self.service.start()
                    self.running = True
                    log.info("task_taken", task=self.task, holder=self.holder)
            elif self.running and (held is False or self._clock() >= self._held_until):
                await self._stop_service("lease lost" if held is False else "lease expired")
            await asyncio.sleep(self._lease / 3)

    def _hold(self, now: float) -> Callable[[Transaction], bool]:
        return lambda tx: leases_repo.hold(tx, self.task, self.holder, self._lease, now)

    async def _stop_service(self, why: str) -> None:
        self.running = False
        await self.service.stop()
        log.info("task_given_up", task=self.task, holder=self.holder, why=why)


def one_at_a_time(
    services: Sequence[Service],
    store: Store,
    *,
    shared: bool,
    lease_seconds: float,
    clock: Callable[[], float] = time.time,
) -> list[Service]:
    """The services to start: on a database several processes share (`shared`), each
    service that declares `ONE_PROCESS = "<task>"` runs under that task's lease."""
    if not shared:
        return list(services)
    holder = process_name()
    wrapped: list[Service] = []
    for service in services:
        task = getattr(type(service), "ONE_PROCESS", None)
        if isinstance(task, str):
            if hasattr(service, "lease_holder"):  # it fences its own work with the lease
                service.lease_holder = holder
            wrapped.append(
                Held(service, task, store, holder, lease_seconds=lease_seconds, clock=clock)
            )
        else:
            wrapped.append(service)
    return wrapped
