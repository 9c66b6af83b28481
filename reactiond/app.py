"""The composition root: settings → store → parts → web server and worker; signals;
sd_notify. `standard_parts` is the list of what the daemon is."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field

import structlog
from aiohttp import web

from reactiond.caldav.part import calendars_part
from reactiond.engine.event_bus import EventBus
from reactiond.engine.held import one_at_a_time
from reactiond.engine.records_part import records_part
from reactiond.engine.rule_book import reaction_job_priority
from reactiond.engine.talkback import evolution_client, talkback_part
from reactiond.engine.worker import JobHandlers, Wakeup, Worker, WorkerSettings
from reactiond.evolution.client import EvolutionClient
from reactiond.logs import configure_logging, register_secrets
from reactiond.ops.lock import DataDirLock
from reactiond.ops.retention import retention_part
from reactiond.part import Hook, Part, Role, Service
from reactiond.private_files import keep_private, private_dir
from reactiond.settings import LIVE_SETTINGS, Settings, SettingsError, unknown_env
from reactiond.store import store_for
from reactiond.store.interface import JOBS_TOPIC, Store
from reactiond.systemd import Notifier
from reactiond.web.api import api_part
from reactiond.web.api_auth import LiveToken
from reactiond.web.api_common import ApiContext
from reactiond.web.app import build_web_app
from reactiond.web.client_deadline import server_options
from reactiond.web.metrics import Metrics
from reactiond.web.pages import pages_part
from reactiond.web.webhook import WebhookConfig, webhook_part
from reactiond.webhook_credentials import webhook_credentials

log = structlog.get_logger("reactiond")
GIL_SWITCH_SECONDS = 0.001  # see serve()


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


def standard_parts(daemon: Daemon) -> list[Part]:
    """What the daemon is, in order. Each part is a value built from the daemon's shared
    pieces (store, clock, settings, the Evolution client); none reaches into another.
    Services start in this order and stop in the reverse one."""
    d = daemon
    api = ApiContext(store=d.store, clock=d.clock, current_settings=lambda: d.settings)
    return [
        webhook_part(d.store, d.current_webhook_config, observer=d.metrics),
        records_part(d.store, d.settings, d.clock, d.evolution),  # reactions → records
        talkback_part(d.store, d.settings, d.clock, d.evolution),  # replies, reminders
        api_part(api, d.api_token, d.metrics, d.events),  # JSON API, stream, feeds
        pages_part(api, d.api_token, d.events),  # the pages for people at / (issue 19)
        retention_part(d.store, lambda: d.settings, d.clock),  # periodic pruning
        calendars_part(d.store, lambda: d.settings, d.clock, d.wakeup),  # CalDAV push
    ]


PartsOf = Callable[["Daemon"], Sequence[Part]]


@dataclass
class Daemon:
    """Everything one `reactiond run` holds: the shared pieces, and the parts built from
    them by `parts_of` (`standard_parts` unless a caller adds or swaps some). `role` says
    which sides of the parts this process runs (`reactiond/part.py`)."""

    settings: Settings
    clock: Callable[[], float] = time.time
    parts_of: PartsOf = standard_parts
    role: Role = Role.ALL
    store: Store = field(init=False)
    wakeup: Wakeup = field(init=False)
    worker: Worker = field(init=False)
    api_token: LiveToken = field(init=False)  # the API token now (SIGHUP replaces it)
    metrics: Metrics = field(init=False)  # observes the webhook and the worker
    events: EventBus = field(init=False)  # wakes the live stream on each commit
    evolution: EvolutionClient | None = field(init=False)  # None: none configured
    parts: tuple[Part, ...] = field(init=False)
    handlers: JobHandlers = field(init=False)
    runner: web.AppRunner | None = None
    port: int | None = None
    _running: list[Service] = field(default_factory=list)  # as started (engine/held.py)
    webhook_config: WebhookConfig | None = None

    def __post_init__(self) -> None:
        # First: an exposed bind without a token is refused before anything is built.
        self.api_token = LiveToken(self.settings)
        self.store = store_for(
            self.settings, job_priority=reaction_job_priority, daemon_role=self.role.value
        )
        self.wakeup = Wakeup()
        self.store.subscribe(JOBS_TOPIC, self.wakeup)
        self.metrics = Metrics()
        self.events = EventBus(self.store)
        self.evolution = evolution_client(self.settings)
        self.parts = tuple(self.parts_of(self))
        self.handlers = JobHandlers()
        for part in self.parts:
            for kind, handler in part.handlers.items():
                self.handlers.register(kind, handler)  # a kind handled twice is refused
        self.worker = Worker(
            self.store,
            self.handlers,
            self.wakeup,
            WorkerSettings(
                lease_seconds=self.settings.job_lease_seconds,
                backoff_base=self.settings.job_backoff_base_seconds,
                backoff_max=self.settings.job_backoff_max_seconds,
                concurrency=self.settings.jobs_at_once,
            ),
            clock=self.clock,
        )
        self.worker.observer = self.metrics

    @property
    def services(self) -> tuple[Service, ...]:
        """The services this role runs, in start order."""
        if not self.role.runs_jobs:
            return ()
        return tuple(service for part in self.parts for service in part.services)

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
        # one process that holds its lease (engine/held.py).
        self._running = one_at_a_time(
            self.services,
            self.store,
            shared=self.settings.postgres_url is not None,
            lease_seconds=self.settings.task_lease_seconds,
            clock=self.clock,
        )
        for service in self._running:
            await service.start()
        # What this process does: a worker serves no port, and names only the parts that
        # bring it handlers or services.
        web = {"host": s.host, "port": self.port} if self.role.serves_web else {}
        doing = [
            part.name
            for part in self.parts
            if (self.role.serves_web and (part.routes or part.middlewares))
            or (self.role.runs_jobs and (part.handlers or part.services))
        ]
        log.info(
            "listening" if self.role.serves_web else "working",
            **web,
            data_dir=str(s.data_dir),
            role=self.role.value,
            parts=doing,
            handlers=list(self.handlers.kinds) if self.role.runs_jobs else [],
        )

    async def _serve_web(self) -> None:
        s = self.settings
        app = build_web_app(
            self.web_routes(),
            max_body_bytes=s.max_body_bytes,
            middlewares=[m for part in self.parts for m in part.middlewares],
            client_timeout_seconds=s.client_timeout_seconds,
        )
        for part in self.parts:
            for hook in part.on_shutdown:
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
            # A connection that sends no request (or no whole head) in this long closes.
            **server_options(s.client_timeout_seconds),
        )
        await self.runner.setup()
        site = web.TCPSite(self.runner, s.host, s.port)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []
        self.port = int(sockets[0].getsockname()[1]) if sockets else s.port

    def web_routes(self) -> list[web.RouteDef]:
        """Every route the daemon serves, the parts' in order (the docs test walks them
        without starting anything)."""
        return [route for part in self.parts for route in part.routes]

    def current_webhook_config(self) -> WebhookConfig:
        """Read per request: SIGHUP swaps secrets and instances."""
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


def _on_shutdown(hook: Hook) -> Callable[[web.Application], Awaitable[None]]:
    async def call(_app: web.Application) -> None:
        await hook()

    return call


def webhook_config(settings: Settings) -> WebhookConfig:
    return WebhookConfig(
        credentials=webhook_credentials(settings),
        allowed_instances=frozenset(settings.allowed_instances),
        max_body_bytes=settings.max_body_bytes,
        max_media_bytes=settings.media_max_bytes,
        max_media_body_bytes=settings.max_media_body_bytes,
    )


async def serve(
    settings: Settings,
    *,
    reload: Callable[[], Settings] | None = None,
    parts: PartsOf = standard_parts,
    role: Role = Role.ALL,
) -> None:
    """Run one daemon until SIGTERM/SIGINT. On SQLite, refuses to start when another
    reactiond holds the data directory (`InstanceLocked`). `reload` builds fresh settings on SIGHUP;
    `parts` lists the daemon's parts (a caller may add one, such as the start line)."""
    keep_private()  # the database, backups and exports: this user's only
    # Renders, parses and row conversions run in threads; when the event loop wants the
    # GIL back it waits up to the switch interval (5 ms by default) per turn, several
    # turns per request. 1 ms keeps the loop's lag under an export within its 20 ms
    # budget (issue 17), for a little more switching while threads compete.
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    # SQLite takes one process (its one writer); PostgreSQL takes any number.
    lock = DataDirLock(settings.data_dir)
    if settings.postgres_url is None:
        lock.acquire()
    try:
        daemon = Daemon(settings, parts_of=parts, role=role)
        await run_until_stopped(daemon, reload=reload, freeze_heap=True)
    finally:
        lock.release()


def freeze_start_up_heap() -> None:
    """Keep what start-up allocated (modules, parsers' tables, icalendar, pydantic models:
    ~90k objects) out of the garbage collector's full passes from now on. A full pass
    walks every tracked object holding the GIL; under an export's allocations it ran every
    few seconds and stopped the loop for 100-300 ms at 1M records (issue 17: the loop's
    lag under 20 ms). Start-up's own garbage is collected first; what is frozen stays."""
    gc.collect()
    gc.freeze()


async def run_until_stopped(
    daemon: Daemon,
    *,
    reload: Callable[[], Settings] | None = None,
    notifier: Notifier | None = None,
    freeze_heap: bool = False,
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
    starting = asyncio.create_task(_still_starting(notify)) if notify.enabled else None
    try:
        try:
            await daemon.start()
        finally:
            if starting is not None:
                starting.cancel()
        if freeze_heap:
            freeze_start_up_heap()
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


def _status(daemon: Daemon) -> str:
    if not daemon.role.serves_web:
        return "working: jobs and periodic tasks, no web server (role worker)"
    return f"listening on {daemon.settings.host}:{daemon.port}"


# A start longer than systemd's TimeoutStartSec is extended this often, by twice as
# long, for at most STARTING_LIMIT_S: migrations of a large data dir (issue 17: new
# indexes and the FTS backfill, minutes at 1M records on a Pi) must not be killed and
# rolled back at every restart.
STARTING_PING_S = 15.0
STARTING_LIMIT_S = 3600.0


async def _still_starting(notify: Notifier) -> None:
    waited = 0.0
    while waited < STARTING_LIMIT_S:
        await asyncio.sleep(STARTING_PING_S)
        waited += STARTING_PING_S
        notify.starting(2 * STARTING_PING_S)


async def _watchdog(notify: Notifier, interval: float) -> None:
    """Pings from the event loop itself: a loop stuck in a blocking call stops pinging and
    systemd restarts the service (WatchdogSec=)."""
    while True:
        notify.watchdog()
        await asyncio.sleep(interval)
