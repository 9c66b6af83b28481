"""The composition root: settings → store → engine → web server; signals; sd_notify."""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

import structlog
from aiohttp import web
from aiohttp.typedefs import Middleware

from reactiond.engine import talkback
from reactiond.engine.held import one_at_a_time
from reactiond.engine.worker import JobHandlers, Wakeup, Worker, WorkerSettings
from reactiond.evolution.client import EvolutionClient
from reactiond.logs import configure_logging, register_secrets
from reactiond.ops.lock import DataDirLock
from reactiond.private_files import keep_private, private_dir
from reactiond.settings import (
    LIVE_SETTINGS,
    MAKE_SECRET,
    MIN_SECRET_CHARS,
    Settings,
    SettingsError,
    unknown_env,
)
from reactiond.store import store_for
from reactiond.store.postgres.store import PgStore
from reactiond.store.sqlite.store import SqliteStore
from reactiond.systemd import Notifier
from reactiond.web.api import wire as wire_api
from reactiond.web.api_auth import LiveToken
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


def warn_unknown_env(environ: Mapping[str, str] | None = None) -> None:
    """Name the `REACTIOND_*` variables that are no setting (a typo such as
    REACTIOND_EVOLUTON_URL would otherwise be silently ignored)."""
    unknown = unknown_env(os.environ if environ is None else environ)
    if unknown:
        log.warning(
            "unknown_settings_ignored",
            names=[u.name for u in unknown],
            did_you_mean={u.name: u.suggestion for u in unknown if u.suggestion},
            hint="fix the name: the settings are listed in the README",
        )


def secret_values(settings: Settings, config: WebhookConfig) -> list[str | None]:
    """Every secret the daemon holds, for the logs to blank out (reactiond/logs.py)."""
    named = (
        settings.webhook_secret,
        settings.webhook_jwt_key,
        settings.webhook_hmac_secret,
        settings.api_token,
        settings.evolution_api_key,
    )
    creds = config.credentials
    return [
        *(v.get_secret_value() for v in named if v is not None),
        creds.secret,
        creds.jwt_key,
        creds.hmac_secret,
    ]


def ensure_generated_secret(settings: Settings) -> str:
    path = settings.generated_secret_path
    if path.exists():
        # A person may have edited the file: the minimum REACTIOND_WEBHOOK_SECRET has
        # holds here too (an empty file would otherwise refuse every webhook, silently).
        value = path.read_text(encoding="utf-8").strip()
        if len(value) < MIN_SECRET_CHARS:
            raise SettingsError(
                f"the webhook secret in {path} is shorter than {MIN_SECRET_CHARS} characters:"
                f" put one made with {MAKE_SECRET} in it, or delete the file and reactiond"
                " makes one"
            )
        return value
    private_dir(path.parent)
    value = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
    log.info("webhook_secret_generated", path=str(path))
    return value


class Role(StrEnum):
    """Which side of the daemon one process runs (`reactiond run --role`)."""

    ALL = "all"  # one process does everything (the default)
    WEB = "web"  # the webhook, the API and the stream
    WORKER = "worker"  # the jobs and the periodic tasks (outbox sender, retention)

    @property
    def serves_web(self) -> bool:
        return self in (Role.ALL, Role.WEB)

    @property
    def runs_jobs(self) -> bool:
        return self in (Role.ALL, Role.WORKER)


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
    role: Role = Role.ALL
    handlers: JobHandlers = field(default_factory=JobHandlers)
    routes: list[web.RouteDef] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    _running: list[Service] = field(default_factory=list)  # as started (engine/held.py)
    store: SqliteStore | PgStore = field(init=False)
    wakeup: Wakeup = field(init=False)
    worker: Worker = field(init=False)
    api_token: LiveToken = field(init=False)  # the API token now (SIGHUP replaces it)
    runner: web.AppRunner | None = None
    webhook_observer: WebhookObserver | None = None  # set by the API's wire() (metrics)
    middlewares: list[Middleware] = field(default_factory=list)  # e.g. the API token
    port: int | None = None
    evolution: EvolutionClient | None = None  # None when no Evolution is configured
    webhook_config: WebhookConfig | None = None
    # Run when the web server starts shutting down, before it waits for open requests
    # (long-lived ones such as GET /api/stream must end then).
    on_shutdown: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # First: an exposed bind without a token is refused before anything is built.
        self.api_token = LiveToken(self.settings)
        self.store = store_for(self.settings)
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

        from reactiond.ops.retention import wire as wire_retention

        wire_retention(self)

    async def start(self) -> None:
        s = self.settings
        private_dir(s.data_dir)
        warn_unknown_env()
        self.webhook_config = webhook_config(s)
        register_secrets(secret_values(s, self.webhook_config))
        await self.store.open()
        if self.role.serves_web:
            await self._serve_web()
        if self.role.runs_jobs:
            self.worker.start()
        # On PostgreSQL, each one-process service (outbox sender, retention) runs in the
        # one process that holds its lease (engine/held.py); a web process runs none.
        services = [s for s in self.services if self.role.runs_jobs or not _one_process(s)]
        self._running = one_at_a_time(
            services,
            self.store,
            shared=self.settings.postgres_url is not None,
            lease_seconds=self.settings.task_lease_seconds,
            clock=self.clock,
        )
        for service in self._running:
            await service.start()
        log.info(
            "listening",
            host=s.host,
            port=self.port,
            data_dir=str(s.data_dir),
            role=self.role.value,
            handlers=list(self.handlers.kinds),
        )

    async def _serve_web(self) -> None:
        s = self.settings
        app = build_web_app(
            self.web_routes(), max_body_bytes=s.max_body_bytes, middlewares=self.middlewares
        )
        for hook in self.on_shutdown:
            app.on_shutdown.append(_on_shutdown(hook))
        self.runner = web.AppRunner(
            app,
            access_log=None,
            handle_signals=False,
            # In-flight webhooks get this long to commit and answer after SIGTERM.
            shutdown_timeout=min(5.0, s.stop_timeout_seconds / 4),
            # A body we answered without reading to its end (413, a refusal) closes the
            # connection: aiohttp's default lingers up to 10 s reading, and for gzip
            # decompressing, the rest on the event loop, for anyone, credentials or not.
            lingering_time=0,
        )
        await self.runner.setup()
        site = web.TCPSite(self.runner, s.host, s.port)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []
        self.port = int(sockets[0].getsockname()[1]) if sockets else s.port

    def web_routes(self) -> list[web.RouteDef]:
        """Every route the daemon serves: the webhook's and the parts' (the docs test walks
        them without starting anything)."""
        return [
            *webhook_routes(self.store, self._current_webhook_config, self.webhook_observer),
            *self.routes,
        ]

    def _current_webhook_config(self) -> WebhookConfig:
        assert self.webhook_config is not None
        return self.webhook_config

    async def stop(self) -> None:
        """Stop accepting webhooks (in-flight ones commit and are answered), let the running
        job finish or give its lease back, stop the services, flush the writer, close."""
        grace = self.settings.stop_timeout_seconds
        if self.runner is not None:
            await self.runner.cleanup()  # stop accepting webhooks first
            self.runner = None
        await self.worker.stop(grace=grace / 2)
        for service in reversed(self._running):
            await service.stop()
        await self.store.close()  # the writer commits everything queued before it stops
        log.info("stopped")

    def reload(self, new: Settings) -> list[str]:
        """Apply the settings that can change live (SIGHUP); return the names changed.

        Live: the settings declared `live=True` in settings.py (`LIVE_SETTINGS`): log
        level and format, allowed instances, webhook credentials, the API token,
        retention. Rules need no reload: they are read from the database for every
        reaction. Everything else (address, port, data dir, Evolution URL/key, queue and
        writer sizes) is read once at start and needs a restart.

        Raises `SettingsError`, changing nothing, for settings the running daemon cannot
        take (an API token removed while bound to a non-loopback address)."""
        old = self.settings
        self.api_token.reload(new, bound_host=old.host)  # first: it may refuse
        webhook = webhook_config(new)  # may refuse too (a short secret in the file)
        configure_logging(new.log_level, new.log_format)
        self.webhook_config = webhook
        register_secrets(secret_values(new, self.webhook_config))
        self.settings = new
        changed = [
            name for name in type(new).model_fields if getattr(old, name) != getattr(new, name)
        ]
        needs_restart = sorted(set(changed) - LIVE_SETTINGS)
        log.info("settings_reloaded", changed=changed, needs_restart=needs_restart)
        return changed


def _on_shutdown(
    hook: Callable[[], Awaitable[None]],
) -> Callable[[web.Application], Awaitable[None]]:
    async def call(_app: web.Application) -> None:
        await hook()

    return call


def webhook_config(settings: Settings) -> WebhookConfig:
    return WebhookConfig(
        credentials=webhook_credentials(settings),
        allowed_instances=frozenset(settings.allowed_instances),
        max_body_bytes=settings.max_body_bytes,
    )


async def serve(
    settings: Settings,
    *,
    reload: Callable[[], Settings] | None = None,
    wire: Callable[[Daemon], None] | None = None,
    role: Role = Role.ALL,
) -> None:
    """Run one daemon until SIGTERM/SIGINT. On SQLite, refuses to start when another
    reactiond holds the data directory (`InstanceLocked`). `reload` builds fresh settings on SIGHUP;
    `wire` lets a caller plug extra parts in before start."""
    keep_private()  # the database, backups and exports: this user's only
    # SQLite takes one process (its one writer); PostgreSQL takes any number.
    lock = DataDirLock(settings.data_dir)
    if settings.postgres_url is None:
        lock.acquire()
    try:
        daemon = Daemon(settings, role=role)
        if wire is not None:
            wire(daemon)
        await run_until_stopped(daemon, reload=reload)
    finally:
        lock.release()


async def run_until_stopped(
    daemon: Daemon,
    *,
    reload: Callable[[], Settings] | None = None,
    notifier: Notifier | None = None,
) -> None:
    notify = notifier or Notifier()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    def on_hup() -> None:
        if reload is None:
            log.info("sighup_ignored", why="no settings source to reload from")
            return
        notify.reloading()
        try:
            daemon.reload(reload())
        except SettingsError as exc:
            log.error("settings_reload_failed", error=str(exc), kept="previous settings")
        notify.notify(ready=1, status=_status(daemon))

    loop.add_signal_handler(signal.SIGHUP, on_hup)
    watchdog: asyncio.Task[None] | None = None
    try:
        await daemon.start()
        notify.ready(_status(daemon))
        if notify.watchdog_interval is not None:
            watchdog = asyncio.create_task(_watchdog(notify, notify.watchdog_interval))
        await stop.wait()
        log.info("stopping", why="signal")
        notify.stopping()
    finally:
        if watchdog is not None:
            watchdog.cancel()
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            loop.remove_signal_handler(sig)
        await daemon.stop()


def _one_process(service: Service) -> bool:
    return isinstance(getattr(type(service), "ONE_PROCESS", None), str)


def _status(daemon: Daemon) -> str:
    if not daemon.role.serves_web:
        return "working: jobs and periodic tasks, no web server (role worker)"
    return f"listening on {daemon.settings.host}:{daemon.port}"


async def _watchdog(notify: Notifier, interval: float) -> None:
    """Pings from the event loop itself: a loop stuck in a blocking call stops pinging and
    systemd restarts the service (WatchdogSec=)."""
    while True:
        notify.watchdog()
        await asyncio.sleep(interval)
