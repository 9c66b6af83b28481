"""What a part of the daemon brings, declared rather than wired in.

A part (the webhook, the reactions, talking back, the API, retention, …) is a value: its
routes and middlewares for the web server, its job handlers and services for the worker
side, and its hooks. `reactiond/app.py` lists the parts in one place and builds the
daemon from them; no part reaches into another's lists. (datasette's hook specs are the
model: the app asks every plugin for what it adds, in one place.)

A role selects sides, not parts: `web` serves the parts' routes, `worker` runs their job
handlers and services, `all` (the default, one process) does both.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # types only: the CLI imports this module without loading aiohttp
    from aiohttp import web
    from aiohttp.typedefs import Middleware

    from reactiond.engine.worker import JobHandler

Hook = Callable[[], Awaitable[None]]


class Service(Protocol):
    """A long-running piece of a part (the outbox sender, the retention loop, …)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class Role(StrEnum):
    """Which sides of the parts one process runs."""

    ALL = "all"
    WEB = "web"  # the routes: webhook, API, stream
    WORKER = "worker"  # the job handlers and the services (senders, periodic tasks)

    @property
    def serves_web(self) -> bool:
        return self in (Role.ALL, Role.WEB)

    @property
    def runs_jobs(self) -> bool:
        return self in (Role.ALL, Role.WORKER)


@dataclass(frozen=True)
class Part:
    """One part of the daemon. Every field is optional: a part brings what it has."""

    name: str
    # -- the web side (roles all and web) --------------------------------------------
    routes: tuple[web.RouteDef, ...] = ()
    middlewares: tuple[Middleware, ...] = ()  # around every route, the parts' in order
    # Run when the web server begins shutting down, before it waits for open requests
    # (long-lived ones such as GET /api/stream must end then).
    on_shutdown: tuple[Hook, ...] = ()
    # -- the worker side (roles all and worker) --------------------------------------
    handlers: Mapping[str, JobHandler] = field(default_factory=dict)  # job kind → handler
    # Started in the order of the parts (and within a part, in this order) once the
    # worker runs; stopped in the reverse order after it stopped.
    services: tuple[Service, ...] = ()
