"""`reactiond doctor`: is this installation able to work? Each check says ok, or what to do.

The checks read; they never repair, migrate or generate anything (not even the webhook
secret a first start would create), so doctor is safe next to a running daemon.

The checks are the model `GET /api/health` shares (`ops/checks.py`): the same `Check`,
the same readings of the disk and of Evolution; doctor runs the local ones and the
Evolution ones, and prints them as lines.

Names and details are worded in the reader's language from doctor's own catalog
(`reactiond/ops/doctor_text.py`, which the CLI's catalog includes): several details are
built from smaller translated parts (the "how to fix the webhook" hint, the webhook's
notes). doctor does not import the CLI (pyproject's import contracts).
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import aiohttp

from reactiond.caldav.checks import check_target
from reactiond.documents import ocr_status
from reactiond.evolution.client import EvolutionClient, EvolutionError, Timeouts
from reactiond.evolution.client import WebhookConfig as InstanceWebhook
from reactiond.evolution.versions import version_warnings
from reactiond.ops.checks import (
    LOW_FREE_BYTES,
    OCR_INSTALL,
    Answer,
    Check,
    InstanceState,
    Status,
    disk_status,
    failed,
    free_bytes,
    instance_state,
    ocr_check,
    ok,
    warn,
)
from reactiond.ops.doctor_text import t
from reactiond.ops.lock import holder_pid
from reactiond.private_files import too_open
from reactiond.reasons import say
from reactiond.settings import Settings, unknown_env
from reactiond.store.sqlite.inspect import (
    DatabaseUnreadable,
    calendar_targets_in,
    inspect_database,
    instances_in,
)
from reactiond.webhook_credentials import JWT_CLOCK_SKEW_SECONDS
from reactiond.wording import LANGUAGE

__all__ = ["Check", "Status", "diagnose", "render"]
# Beyond this, Evolution's webhook JWTs look issued in the future (or too long ago) to
# reactiond: the same bound the webhook applies (web/auth.py).
MAX_CLOCK_SKEW = float(JWT_CLOCK_SKEW_SECONDS)
# No earlier "now" is plausible for this build: a Pi without an RTC boots in 1970.
CLOCK_FLOOR = 1_735_689_600.0  # 2025-01-01T00:00:00Z
SECRET_HEADER = "x-reactiond-secret"
# A write refused for want of space (the disk's, or this user's quota), not of permission.
NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})


# -- local checks -----------------------------------------------------------------------


def check_data_dir(data_dir: Path) -> Check:
    name = t("doctor.name.data_dir")
    if not data_dir.is_dir():
        return failed(name, t("doctor.data_dir.missing", path=data_dir))
    probe = data_dir / f".doctor-{uuid.uuid4().hex}"
    try:
        probe.write_bytes(b"x")
        probe.unlink()
    except OSError as exc:
        # A full disk fails the write after the file was made: take it away again.
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)
        if exc.errno in NO_SPACE:  # not a permission: /api/health's words for it
            return failed(name, t("doctor.data_dir.no_space", path=data_dir, reason=exc.strerror))
        return failed(name, t("doctor.data_dir.not_writable", path=data_dir, reason=exc.strerror))
    free = free_bytes(data_dir) or 0  # it was just written to: its disk answers
    mb = f"{free / 1e6:.0f}"
    status = disk_status(free, low_free=LOW_FREE_BYTES)
    if status is Status.FAIL:
        return failed(name, t("doctor.data_dir.full", mb=mb, path=data_dir))
    if status is Status.WARN:
        return warn(name, t("doctor.data_dir.low", mb=mb, path=data_dir))
    return ok(name, t("doctor.data_dir.ok", path=data_dir, gb=f"{free / 1e9:.1f}"))


def check_file_modes(data_dir: Path) -> Check:
    """Warn when group or others can read the data dir or a file in it (messages and phone
    numbers live there)."""
    name = t("doctor.name.file_modes")
    loose = too_open(data_dir)
    if not loose:
        return ok(name, t("doctor.file_modes.ok", path=data_dir))
    shown = ", ".join(f"{p} {mode:04o}" for p, mode in loose[:5])
    more = f" (+{len(loose) - 5})" if len(loose) > 5 else ""
    return warn(name, t("doctor.file_modes.open", found=shown + more, path=data_dir))


def check_environment(environ: Mapping[str, str]) -> Check:
    """Name the `REACTIOND_*` variables that are no setting (and are therefore ignored)."""
    name = t("doctor.name.environment")
    unknown = unknown_env(environ)
    if not unknown:
        return ok(name, t("doctor.environment.ok"))
    names = ", ".join(
        u.name
        + (f" ({t('doctor.environment.did_you_mean', name=u.suggestion)})" if u.suggestion else "")
        for u in unknown
    )
    return warn(name, t("doctor.environment.unknown", names=names))


def check_database(database: Path) -> list[Check]:
    name = t("doctor.name.database")
    if not database.exists():
        return [warn(name, t("doctor.database.none", path=database))]
    try:
        found = inspect_database(database)
    except DatabaseUnreadable as exc:
        if exc.opened:
            return [failed(name, t("doctor.database.unreadable", path=database, reason=exc.reason))]
        return [failed(name, t("doctor.database.cannot_open", path=database, reason=exc.reason))]
    checks = []
    if found.sound:
        checks.append(ok(name, t("doctor.database.ok", path=database)))
    else:
        damage = "; ".join(found.integrity[:3])
        checks.append(failed(name, t("doctor.database.damaged", found=damage)))
    migrations = t("doctor.name.migrations")
    version, latest = found.version, found.latest
    if version == latest:
        checks.append(ok(migrations, t("doctor.migrations.ok", version=version)))
    elif version < latest:
        behind = t("doctor.migrations.behind", version=version, latest=latest)
        checks.append(warn(migrations, behind))
    else:
        newer = t("doctor.migrations.newer", version=version, latest=latest)
        checks.append(failed(migrations, newer))
    return checks


def check_postgres(url: str) -> list[Check]:
    """The database check when REACTIOND_DATABASE_URL is set: it answers, and its schema."""
    # Imported here: psycopg loads only for a PostgreSQL install.
    from reactiond.store.postgres.inspect import PostgresUnreachable, inspect_postgres, where

    name = t("doctor.name.database")
    try:
        found = inspect_postgres(url)
    except PostgresUnreachable as exc:
        if exc.refused is not None:  # the server runs: the fix is in the URL
            what, todo = exc.refused
            return [failed(name, say(f"{what}: {todo}", LANGUAGE))]
        said = t("doctor.database.postgres_unreachable", where=where(url), reason=exc.reason)
        return [failed(name, said)]
    checks = [ok(name, t("doctor.database.postgres_ok", where=found.where, server=found.server))]
    checks.append(check_processes(found.processes))
    migrations = t("doctor.name.migrations")
    if found.version == found.latest:
        checks.append(ok(migrations, t("doctor.migrations.ok", version=found.version)))
    elif found.version < found.latest:
        behind = t("doctor.migrations.behind", version=found.version, latest=found.latest)
        checks.append(warn(migrations, behind))
    else:
        newer = t("doctor.migrations.newer", version=found.version, latest=found.latest)
        checks.append(failed(migrations, newer))
    return checks


def check_processes(processes: list[str]) -> Check:
    """On PostgreSQL, the `reactiond run` processes with a session on the database: a web
    process alone takes webhooks that no worker turns into records and replies."""
    name = t("doctor.name.daemon")
    if not processes:
        return warn(name, t("doctor.daemon.none_on_postgres"))
    listed = ", ".join(processes)
    if not any(p.startswith(("--role worker", "--role all")) for p in processes):
        return warn(name, t("doctor.daemon.no_worker", processes=listed))
    return ok(name, t("doctor.daemon.processes", processes=listed))


def check_daemon(data_dir: Path) -> Check:
    name = t("doctor.name.daemon")
    pid = holder_pid(data_dir)
    if pid is None:
        return warn(name, t("doctor.daemon.stopped"))
    if pid > 0:
        return ok(name, t("doctor.daemon.running_pid", pid=pid))
    return ok(name, t("doctor.daemon.running"))


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
    name = t("doctor.name.time_zone")
    try:
        ZoneInfo(default_tz)
    except Exception:
        return failed(name, t("doctor.time_zone.unknown", zone=default_tz))
    if default_tz in ("UTC", "Etc/UTC"):
        machine = (
            t("doctor.time_zone.machine", zone=system_tz)
            if system_tz not in (None, "UTC", "Etc/UTC")
            else ""
        )
        return warn(name, t("doctor.time_zone.utc", machine=machine))
    return ok(name, t("doctor.time_zone.ok", zone=default_tz))


def check_ocr(tesseract_cmd: str) -> Check:
    """Bills from pictures and PDFs (issue 23): a warning with the apt command when
    Tesseract, its language data or poppler are missing, or with the fix when
    REACTIOND_OCR_TESSERACT_CMD names a program that cannot be run."""
    check = ocr_check(ocr_status(tesseract_cmd))
    name = t("doctor.name.ocr")
    if check.status is Status.OK:
        return ok(name, t("doctor.ocr.ok", version=check.facts["tesseract_version"]))
    problem = check.facts["command_problem"]
    if problem is not None:
        return warn(name, t(f"doctor.ocr.command_{problem}", command=check.facts["command"]))
    missing = ", ".join(check.facts["missing"])
    return warn(name, t("doctor.ocr.missing", missing=missing, command=OCR_INSTALL))


def check_clock(now: float, evolution_now: float | None) -> Check:
    """Is `now` plausible, and close to Evolution's clock (`evolution_now`) when known?

    The reference is always Evolution's clock: the sentences name it whole, since
    "ahead of" + a translated noun does not compose (es "respecto a" + "el" is "al").
    """
    name = t("doctor.name.clock")
    if now < CLOCK_FLOOR:
        return failed(name, t("doctor.clock.past"))
    if evolution_now is None:
        return ok(name, t("doctor.clock.unchecked"))
    skew = now - evolution_now
    seconds = f"{abs(skew):.0f}"
    if abs(skew) > MAX_CLOCK_SKEW:
        if skew > 0:
            return failed(name, t("doctor.clock.ahead", seconds=seconds))
        return failed(name, t("doctor.clock.behind", seconds=seconds))
    return ok(name, t("doctor.clock.ok", seconds=seconds))


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
    connect = t("doctor.webhook.connect")
    if hook is None or not hook.url:
        return failed(name, t("doctor.webhook.none", connect=connect))
    if not hook.enabled:
        return failed(name, t("doctor.webhook.disabled", connect=connect))
    url = urlsplit(hook.url)
    if url.path.rstrip("/") != f"/webhook/{instance}":
        elsewhere = t("doctor.webhook.elsewhere", url=hook.url, instance=instance, connect=connect)
        return failed(name, elsewhere)
    expected_port = settings.port
    port = url.port or (443 if url.scheme == "https" else 80)
    notes = []
    if port != expected_port:
        notes.append(t("doctor.webhook.other_port", port=port, expected=expected_port))
    secret = our_secret(settings)
    jwt_key = settings.webhook_jwt_key.get_secret_value() if settings.webhook_jwt_key else None
    headers = {k.lower(): v for k, v in hook.headers.items()}
    token = parse_qs(url.query).get("token", [None])[0]
    if secret is not None or jwt_key is not None:
        sends_secret = secret is not None and secret in (headers.get(SECRET_HEADER), token)
        sends_jwt = jwt_key is not None and headers.get("jwt_key") == jwt_key
        if not (sends_secret or sends_jwt):
            return failed(
                name, t("doctor.webhook.no_secret", header=SECRET_HEADER, connect=connect)
            )
    events = {e.upper() for e in hook.events}
    if events and "MESSAGES_UPSERT" not in events:
        return failed(name, t("doctor.webhook.no_upsert", connect=connect))
    if hook.base64:
        notes.append(t("doctor.webhook.base64"))
    if notes:
        return warn(name, "; ".join([hook.url, *notes]))
    return ok(name, t("doctor.webhook.ok", url=hook.url))


@dataclass
class EvolutionReport:
    checks: list[Check]
    server_clock: float | None


async def check_evolution(settings: Settings, instances: list[str]) -> EvolutionReport:
    if not settings.evolution_url or settings.evolution_api_key is None:
        # Records are still made without Evolution; only replies wait. /api/health says
        # the same (a warning with its hint), so the two doors agree.
        return EvolutionReport([warn("evolution", t("doctor.evolution.unset"))], None)
    if not instances:
        return EvolutionReport([failed("evolution", t("doctor.evolution.which"))], None)
    checks: list[Check] = []
    clock = await server_clock(settings.evolution_url)
    client = EvolutionClient(
        settings.evolution_url,
        settings.evolution_api_key.get_secret_value(),
        timeouts=Timeouts(connect=3.0, total=8.0),
    )
    async with client:
        checks.append(await check_version(client))
        for instance in instances:
            name = f"evolution {instance}"
            found = await instance_state(client, instance)
            checks.append(instance_check(name, found, settings.evolution_url))
            if found.answer not in (Answer.OPEN, Answer.NOT_OPEN):
                continue
            try:
                hook = await client.find_webhook(instance)
            except EvolutionError as exc:
                unreadable = t("doctor.webhook.unreadable", reason=exc.message)
                checks.append(failed(f"webhook {instance}", unreadable))
                continue
            checks.append(check_webhook(instance, hook, settings))
    return EvolutionReport(checks, clock)


def instance_check(name: str, found: InstanceState, url: str) -> Check:
    """Evolution's answer about one instance, in doctor's words."""
    match found.answer:
        case Answer.OPEN:
            return ok(name, t("doctor.evolution.ok"))
        case Answer.NOT_OPEN:
            return warn(name, t("doctor.evolution.disconnected", state=found.state))
        case Answer.UNAUTHORIZED:
            return failed(name, t("doctor.evolution.bad_key"))
        case Answer.UNKNOWN_ROUTE:
            return failed(name, t("evolution.unknown_route", url=url, reason=found.said))
        case Answer.LICENSE_REQUIRED:
            return failed(name, t("evolution.license_required"))
        case Answer.NOT_FOUND:
            return failed(name, t("doctor.evolution.no_instance", instance=found.instance))
        case Answer.UNAVAILABLE:
            # The reason is the client's own (English) sentence, as in its logs.
            return failed(name, t("doctor.evolution.unavailable", reason=found.message, url=url))
        case Answer.ERROR:
            return failed(name, t("doctor.evolution.error", reason=found.message))


def version_check(version: str | None) -> Check:
    """The Evolution version and what it is known to get wrong (evolution/versions.py)."""
    name = "evolution version"
    notes = version_warnings(version)
    shown = version or "?"
    if not notes:
        return ok(name, t("evolution.version.ok", version=shown))
    return warn(name, "; ".join(t(f"evolution.version.{n.value}", version=shown) for n in notes))


async def check_version(client: EvolutionClient) -> Check:
    try:
        version = await client.server_version()
    except EvolutionError:
        version = None  # the instance checks say why Evolution does not answer
    return version_check(version)


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


def instances_seen(database: Path) -> list[str]:
    """With no --instance and no REACTIOND_ALLOWED_INSTANCES: the instances whose webhooks
    the daemon has taken, rather than asking "which instance?" (issue 16)."""
    return instances_in(database)


async def check_calendars(database: Path) -> list[Check]:
    """One line per CalDAV target: reachable, signed in, the collection there, taking the
    component types it will receive (reactiond/caldav/checks.py)."""
    targets = calendar_targets_in(database)
    if not targets:
        return []
    checks = []
    for target, conflicts in targets:
        found = await check_target(target, conflicts=conflicts)
        status = {"ok": Status.OK, "warn": Status.WARN}.get(found.status, Status.FAIL)
        checks.append(
            Check(
                f"calendar {target.name}",
                status,
                t(f"check.calendar.{found.code}", **found.values),
            )
        )
    return checks


# -- all together ---------------------------------------------------------------------------


async def diagnose(
    settings: Settings,
    *,
    instances: list[str] | None = None,
    clock: Callable[[], float] = time.time,
    evolution: bool = True,
) -> list[Check]:
    checks = [check_data_dir(settings.data_dir)]
    if settings.data_dir.is_dir():
        checks.append(check_file_modes(settings.data_dir))
    checks.append(check_environment(os.environ))
    url = settings.postgres_url
    checks += check_postgres(url) if url else check_database(settings.database_path)
    if url is None:  # the data-dir lock says whether a daemon runs: SQLite's only
        checks.append(check_daemon(settings.data_dir))
    checks.append(check_time_zone(settings.default_tz, system_zone()))
    checks.append(check_ocr(settings.ocr_tesseract_cmd))
    reference = None
    if evolution:
        if instances is None:
            seen = [] if url else instances_seen(settings.database_path)
            instances = list(settings.allowed_instances) or seen
        report = await check_evolution(settings, instances)
        checks += report.checks
        reference = report.server_clock
        checks += await check_calendars(settings.database_path)
    checks.append(check_clock(clock(), reference))
    return checks


def render(checks: list[Check]) -> str:
    width = max(len(c.name) for c in checks)
    return "\n".join(f"{c.status.value:<4}  {c.name:<{width}}  {c.detail}" for c in checks)
