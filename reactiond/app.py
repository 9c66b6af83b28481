"""The composition root: settings → store → engine → web server; signals."""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import structlog
from aiohttp import web
from aiohttp.typedefs import Middleware

from reactiond.engine import talkback
from reactiond.engine.worker import JobHandlers, Wakeup, Worker, WorkerSettings
from reactiond.evolution.client import EvolutionClient
from reactiond.settings import Settings
from reactiond.store import sqlite_store
from reactiond.store.sqlite.store import SqliteStore
from reactiond.web.api import wire as wire_api
from reactiond.web.app import build_web_app
from reactiond.web.auth import WebhookCredentials
from reactiond.web.webhook import WebhookConfig, WebhookObserver, webhook_routes

log = structlog.get_logger("reactiond")


def webhook_credentials(settings: Settings) -> WebhookCredentials:
    """The configured credentials; with none configured, a generated secret kept in the
    data directory, so that a fresh install is never an open door."""
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    jwt_key = settings.webhook_jwt_key.get_secret_value() if settings.webhook_jwt_key else None
    hmac_key = (
        settings.webhook_hmac_secret.get_secret_value() if settings.webhook_hmac_secret else None
    )
    if not (secret or jwt_key or hmac_key) and not settings.webhook_allow_unauthenticated:
        secret = ensure_generated_secret(settings)
    return WebhookCredentials(
        secret=secret,
        jwt_key=jwt_key,
        hmac_secret=hmac_key,
        hmac_header=settings.webhook_hmac_header,
        allow_unauthenticated=settings.webhook_allow_unauthenticated,
    )


def ensure_generated_secret(settings: Settings) -> str:
    path = settings.generated_secret_path
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
    log.info("webhook_secret_generated", path=str(path))
    return value


class Service(Protocol):
    """A long-running part of the daemon (outbox sender, scheduler, …)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


@dataclass
class Daemon:
    """Everything one `reactiond run` holds. Parts plug in here: job handlers, routes,
    services; each part exposes a function that takes the daemon and wires itself."""

    settings: Settings
    clock: Callable[[], float] = time.time
    handlers: JobHandlers = field(default_factory=JobHandlers)
    routes: list[web.RouteDef] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    store: SqliteStore = field(init=False)
    wakeup: Wakeup = field(init=False)
    worker: Worker = field(init=False)
    runner: web.AppRunner | None = None
    webhook_observer: WebhookObserver | None = None  # set by the API's wire() (metrics)
    middlewares: list[Middleware] = field(default_factory=list)  # e.g. the API token
    port: int | None = None
    evolution: EvolutionClient | None = None  # None when no Evolution is configured

    def __post_init__(self) -> None:
        self.store = sqlite_store(self.settings)
        self.wakeup = Wakeup()
        self.store.on_jobs_enqueued = self.wakeup
        self.worker = Worker(
            self.store,
            self.handlers,
            self.wakeup,
            WorkerSettings(
                lease_seconds=self.settings.job_lease_seconds,
                backoff_base=self.settings.job_backoff_base_seconds,
                backoff_max=self.settings.job_backoff_max_seconds,
            ),
            clock=self.clock,
        )
        from reactiond.engine.records_part import wire as wire_records

        wire_records(self)
        talkback.wire(self)
        wire_api(self)

    async def start(self) -> None:
        s = self.settings
        s.data_dir.mkdir(parents=True, exist_ok=True)
        credentials = webhook_credentials(s)
        await self.store.open()
        config = WebhookConfig(
            credentials=credentials,
            allowed_instances=frozenset(s.allowed_instances),
            max_body_bytes=s.max_body_bytes,
        )
        routes = [*webhook_routes(self.store, config, self.webhook_observer), *self.routes]
        app = build_web_app(routes, max_body_bytes=s.max_body_bytes, middlewares=self.middlewares)
        self.runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self.runner.setup()
        site = web.TCPSite(self.runner, s.host, s.port)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []
        self.port = int(sockets[0].getsockname()[1]) if sockets else s.port
        self.worker.start()
        for service in self.services:
            await service.start()
        log.info(
            "listening",
            host=s.host,
            port=self.port,
            data_dir=str(s.data_dir),
            handlers=list(self.handlers.kinds),
        )

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()  # stop accepting webhooks first
            self.runner = None
        await self.worker.stop()
        for service in reversed(self.services):
            await service.stop()
        await self.store.close()
        log.info("stopped")


async def serve(settings: Settings) -> None:
    daemon = Daemon(settings)
    await daemon.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await daemon.stop()
