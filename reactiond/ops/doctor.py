"""`reactiond doctor`: is this installation able to work? Each check says ok, or what to do.

The checks read; they never repair, migrate or generate anything (not even the webhook
secret a first start would create), so doctor is safe next to a running daemon.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from enum import Enum
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import aiohttp
import apsw

from reactiond.evolution.client import (
    EvolutionClient,
    EvolutionError,
    EvolutionUnauthorized,
    EvolutionUnavailable,
    InstanceNotFound,
    Timeouts,
)
from reactiond.evolution.client import WebhookConfig as InstanceWebhook
from reactiond.ops.lock import holder_pid
from reactiond.settings import Settings
from reactiond.store.sqlite.connection import latest_version, open_connection, schema_version

MIN_FREE_BYTES = 50 * 1024 * 1024  # below this, writes will soon fail
LOW_FREE_BYTES = 500 * 1024 * 1024
MAX_CLOCK_SKEW = 60.0
# No earlier "now" is plausible for this build: a Pi without an RTC boots in 1970.
CLOCK_FLOOR = 1_735_689_600.0  # 2025-01-01T00:00:00Z
SECRET_HEADER = "x-reactiond-secret"


class Status(Enum):
    OK = "ok"
    WARN = "warn"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    detail: str  # what was found when ok; what to do otherwise


def ok(name: str, detail: str) -> Check:
    return Check(name, Status.OK, detail)


def warn(name: str, detail: str) -> Check:
    return Check(name, Status.WARN, detail)


def failed(name: str, detail: str) -> Check:
    return Check(name, Status.FAIL, detail)


# -- local checks -----------------------------------------------------------------------


def check_data_dir(data_dir: Path) -> Check:
    name = "data dir"
    if not data_dir.is_dir():
        return failed(
            name,
            f"{data_dir} does not exist: create it (or start reactiond once), or set "
            "REACTIOND_DATA_DIR",
        )
    probe = data_dir / f".doctor-{uuid.uuid4().hex}"
    try:
        probe.write_bytes(b"x")
        probe.unlink()
    except OSError as exc:
        return failed(
            name,
            f"{data_dir} is not writable ({exc.strerror}): give the reactiond user write "
            "access, or check the mount",
        )
    free = shutil.disk_usage(data_dir).free
    if free < MIN_FREE_BYTES:
        return failed(name, f"only {free / 1e6:.0f} MB free in {data_dir}: free some space")
    if free < LOW_FREE_BYTES:
        return warn(name, f"{free / 1e6:.0f} MB free in {data_dir}: free space soon")
    return ok(name, f"{data_dir} writable, {free / 1e9:.1f} GB free")


def check_database(database: Path) -> list[Check]:
    if not database.exists():
        return [warn("database", f"no database at {database} yet: start reactiond once")]
    try:
        conn = open_connection(database, readonly=True)
    except Exception as exc:
        return [failed("database", f"cannot open {database}: {exc}")]
    try:
        rows = [next(iter(r.values())) for r in conn.execute("PRAGMA quick_check")]
        version = schema_version(conn)
    except apsw.Error as exc:
        return [
            failed(
                "database",
                f"{database} cannot be read ({exc}): restore the last backup (reactiond restore)",
            )
        ]
    finally:
        conn.close()
    checks = []
    if rows == ["ok"]:
        checks.append(ok("database", f"{database} passes quick_check"))
    else:
        checks.append(
            failed(
                "database",
                f"quick_check found damage ({'; '.join(map(str, rows[:3]))}): stop reactiond, "
                "keep a copy, and restore the last backup (reactiond restore --force)",
            )
        )
    latest = latest_version()
    if version == latest:
        checks.append(ok("migrations", f"schema v{version} is current"))
    elif version < latest:
        checks.append(
            warn(
                "migrations",
                f"schema v{version}, this reactiond has v{latest}: they apply at the next "
                "start (systemctl restart reactiond)",
            )
        )
    else:
        checks.append(
            failed(
                "migrations",
                f"schema v{version} is newer than this reactiond (v{latest}): upgrade "
                "reactiond, or restore a backup made by this version",
            )
        )
    return checks


def check_daemon(data_dir: Path) -> Check:
    pid = holder_pid(data_dir)
    if pid is None:
        return warn("daemon", "not running on this data dir: systemctl start reactiond")
    return ok("daemon", f"running (pid {pid})" if pid > 0 else "running")


def system_zone() -> str | None:
    """The machine's zone name: $TZ, else the /etc/localtime link, else /etc/timezone."""
    if os.environ.get("TZ"):
        return os.environ["TZ"].lstrip(":")
    try:
        target = os.readlink("/etc/localtime")
        if "zoneinfo/" in target:
            return target.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    try:
        return Path("/etc/timezone").read_text().strip() or None
    except OSError:
        return None


def check_time_zone(default_tz: str, system_tz: str | None) -> Check:
    name = "time zone"
    try:
        ZoneInfo(default_tz)
    except Exception:
        return failed(name, f"{default_tz!r} is not a time zone: use an IANA name")
    if default_tz in ("UTC", "Etc/UTC"):
        hint = (
            f" (this machine says {system_tz})" if system_tz not in (None, "UTC", "Etc/UTC") else ""
        )
        return warn(
            name,
            f'REACTIOND_DEFAULT_TZ is UTC{hint}: "mañana 15h" is read in it for contacts '
            "without a zone; set it to your users' zone, e.g. America/Mexico_City",
        )
    return ok(name, f"default zone {default_tz}")


def check_clock(now: float, reference: float | None, source: str) -> Check:
    name = "clock"
    if now < CLOCK_FLOOR:
        return failed(
            name,
            "the clock is in the past (before 2025): enable NTP (timedatectl set-ntp true)",
        )
    if reference is None:
        return ok(name, "plausible (no reference clock to compare with)")
    skew = now - reference
    if abs(skew) > MAX_CLOCK_SKEW:
        return failed(
            name,
            f"{abs(skew):.0f} s {'ahead of' if skew > 0 else 'behind'} {source}: enable NTP "
            "on both machines (timedatectl set-ntp true)",
        )
    return ok(name, f"within {abs(skew):.0f} s of {source}")


# -- Evolution --------------------------------------------------------------------------


def our_secret(settings: Settings) -> str | None:
    """The shared secret the daemon accepts, without generating one."""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    try:
        return settings.generated_secret_path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def check_webhook(instance: str, hook: InstanceWebhook | None, settings: Settings) -> Check:
    """Does the instance's webhook point at this daemon, with the secret, and the events?"""
    name = f"webhook {instance}"
    connect = "run `reactiond evolution connect` or fix it in Evolution's manager"
    if hook is None or not hook.url:
        return failed(name, f"the instance has no webhook: {connect}")
    if not hook.enabled:
        return failed(name, f"the webhook is disabled: enable it ({connect})")
    url = urlsplit(hook.url)
    if url.path.rstrip("/") != f"/webhook/{instance}":
        return failed(
            name,
            f"it points at {hook.url}, not …/webhook/{instance} on this daemon: {connect}",
        )
    expected_port = settings.port
    port = url.port or (443 if url.scheme == "https" else 80)
    notes = []
    if port != expected_port:
        notes.append(f"port {port} is not REACTIOND_PORT {expected_port} (fine behind a proxy)")
    secret = our_secret(settings)
    jwt_key = settings.webhook_jwt_key.get_secret_value() if settings.webhook_jwt_key else None
    headers = {k.lower(): v for k, v in hook.headers.items()}
    token = parse_qs(url.query).get("token", [None])[0]
    if secret is not None or jwt_key is not None:
        sends_secret = secret is not None and secret in (headers.get(SECRET_HEADER), token)
        sends_jwt = jwt_key is not None and headers.get("jwt_key") == jwt_key
        if not (sends_secret or sends_jwt):
            return failed(
                name,
                "Evolution does not send this daemon's secret (header x-reactiond-secret): "
                f"every webhook will get 401; {connect}",
            )
    events = {e.upper() for e in hook.events}
    if events and "MESSAGES_UPSERT" not in events:
        return failed(name, f"MESSAGES_UPSERT is not among its events: {connect}")
    if hook.base64:
        notes.append("webhookBase64 is on: media bodies get large; turn it off")
    if notes:
        return warn(name, f"{hook.url}; " + "; ".join(notes))
    return ok(name, f"{hook.url} with the secret")


@dataclass
class EvolutionReport:
    checks: list[Check]
    server_clock: float | None


async def check_evolution(settings: Settings, instances: list[str]) -> EvolutionReport:
    if not settings.evolution_url or settings.evolution_api_key is None:
        return EvolutionReport(
            [
                failed(
                    "evolution",
                    "REACTIOND_EVOLUTION_URL and REACTIOND_EVOLUTION_API_KEY are not both set: "
                    "set them in /etc/reactiond/env",
                )
            ],
            None,
        )
    if not instances:
        return EvolutionReport(
            [
                failed(
                    "evolution",
                    "which instance? set REACTIOND_ALLOWED_INSTANCES or pass --instance NAME",
                )
            ],
            None,
        )
    checks: list[Check] = []
    clock = await server_clock(settings.evolution_url)
    client = EvolutionClient(
        settings.evolution_url,
        settings.evolution_api_key.get_secret_value(),
        timeouts=Timeouts(connect=3.0, total=8.0),
    )
    async with client:
        for instance in instances:
            name = f"evolution {instance}"
            try:
                state = await client.connection_state(instance)
            except EvolutionUnauthorized:
                checks.append(
                    failed(
                        name,
                        "Evolution refused the API key: set REACTIOND_EVOLUTION_API_KEY to the "
                        "global AUTHENTICATION_API_KEY or the instance token",
                    )
                )
                continue
            except InstanceNotFound:
                checks.append(
                    failed(
                        name,
                        f"Evolution has no instance {instance!r}: fix the name "
                        "(REACTIOND_ALLOWED_INSTANCES / --instance) or create it",
                    )
                )
                continue
            except EvolutionUnavailable as exc:
                checks.append(
                    failed(
                        name,
                        f"{exc.message}; check REACTIOND_EVOLUTION_URL "
                        f"({settings.evolution_url}) and that Evolution is up",
                    )
                )
                continue
            except EvolutionError as exc:
                checks.append(failed(name, f"Evolution answered: {exc.message}"))
                continue
            if state.is_open:
                checks.append(ok(name, "reachable with the key; WhatsApp connected"))
            else:
                checks.append(
                    warn(
                        name,
                        f"reachable, but WhatsApp is {state.state!r}: reconnect it (scan the "
                        "QR code in Evolution's manager)",
                    )
                )
            try:
                hook = await client.find_webhook(instance)
            except EvolutionError as exc:
                checks.append(failed(f"webhook {instance}", f"cannot read it: {exc.message}"))
                continue
            checks.append(check_webhook(instance, hook, settings))
    return EvolutionReport(checks, clock)


async def server_clock(base_url: str) -> float | None:
    """Evolution's idea of now, from the HTTP Date header of any answer."""
    try:
        timeout = aiohttp.ClientTimeout(total=5.0)
        async with (
            aiohttp.ClientSession(timeout=timeout) as http,
            http.get(base_url.rstrip("/") + "/") as resp,
        ):
            date = resp.headers.get("Date")
    except (aiohttp.ClientError, TimeoutError):
        return None
    if not date:
        return None
    try:
        return parsedate_to_datetime(date).timestamp()
    except (TypeError, ValueError):
        return None


# -- all together ---------------------------------------------------------------------------


async def diagnose(
    settings: Settings,
    *,
    instances: list[str] | None = None,
    clock: Callable[[], float] = time.time,
    evolution: bool = True,
) -> list[Check]:
    checks = [check_data_dir(settings.data_dir)]
    checks += check_database(settings.database_path)
    checks.append(check_daemon(settings.data_dir))
    checks.append(check_time_zone(settings.default_tz, system_zone()))
    reference = None
    if evolution:
        report = await check_evolution(
            settings, instances if instances is not None else list(settings.allowed_instances)
        )
        checks += report.checks
        reference = report.server_clock
    checks.append(check_clock(clock(), reference, "Evolution's clock"))
    return checks


def render(checks: list[Check]) -> str:
    width = max(len(c.name) for c in checks)
    return "\n".join(f"{c.status.value:<4}  {c.name:<{width}}  {c.detail}" for c in checks)
