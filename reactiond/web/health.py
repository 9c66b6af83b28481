"""`GET /api/health`: is this reactiond doing its job? 200 when every check passes, 503
naming the failing ones (with what to do), so a supervisor or a load balancer can act;
`warnings` names the checks that pass with something to tell (Evolution not configured).
`GET /livez` (web/monitoring.py) only says the process answers.

Checks: the database takes a write (and its disk has room), the queue is moving (oldest
runnable job younger than a limit), replies are leaving (oldest pending outbox row
younger than a limit), WhatsApp is connected on each known instance (Evolution's
`connectionState`, when Evolution is configured). Dead jobs and the last
webhook are reported but do not fail health: an idle instance receives no webhooks, and
a dead job needs a person (`reactiond queue retry`), not a restart.

The checks are the model `reactiond doctor` shares (`ops/checks.py`): the same `Check`,
the same readings of the disk and of Evolution; health runs the ones a running daemon can
answer and prints them as JSON (`as_json`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import structlog

from reactiond.documents import ocr_status
from reactiond.evolution.client import EvolutionClient, Timeouts
from reactiond.ops.checks import (
    MIN_FREE_BYTES,
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
from reactiond.records.model import iso_utc
from reactiond.settings import Settings
from reactiond.store.caldav_repo import PushTrouble, push_trouble
from reactiond.store.interface import Store, StoreUnavailable, Transaction
from reactiond.store.snapshot import StoreSnapshot, instances_seen, probe_write, take_snapshot
from reactiond.wording import PluralForm, plural_form

log = structlog.get_logger("reactiond.health")


@dataclass(frozen=True)
class HealthLimits:
    queue_oldest_age_s: float = 300.0
    outbox_oldest_age_s: float = 900.0
    min_free_bytes: int = MIN_FREE_BYTES
    evolution_timeout_s: float = 3.0


def as_json(check: Check) -> dict[str, Any]:
    """One check as health shows it: `ok` and its figures; the problem and what to do
    when it fails; the warning and what to do when it passes with one."""
    out: dict[str, Any] = {"ok": check.ok, **check.facts}
    if check.status is Status.FAIL:
        out["problem"] = check.detail
        out["hint"] = check.hint
    elif check.status is Status.WARN:
        out["warning"] = check.detail
        out["hint"] = check.hint
    return out


NOT_CONFIGURED_HINT = (
    "set REACTIOND_EVOLUTION_URL and REACTIOND_EVOLUTION_API_KEY (then reload or restart) "
    "for replies to be sent; without them reactiond still makes records"
)


class DatabaseProbe:
    """The database's write probe, shared by every health call of one daemon. On SQLite a
    probe is a commit with its fsync, queued behind the writer's other commits: pollers
    (a load balancer every second, the Today page, a monitor) each paid one, and a health
    call cost what the disk did (6-7 ms at 1M records under load, issue 17). A probe that
    committed less than `fresh_s` ago answers for the database; callers that arrive while
    one is in flight wait for that one. A failed probe is not kept: the next call tries
    again, so health sees a recovered database at once."""

    def __init__(self, fresh_s: float = 5.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._fresh_s = fresh_s
        self._clock = clock
        self._last_ok: float | None = None
        self._in_flight: asyncio.Future[None] | None = None

    async def takes_writes(self, store: Store, now: float) -> None:
        """Returns when the database took a write within `fresh_s`; raises what the
        write raised (StoreUnavailable, TimeoutError) otherwise."""
        started = self._clock()
        if self._last_ok is not None and started - self._last_ok < self._fresh_s:
            return
        if self._in_flight is None:
            self._in_flight = asyncio.ensure_future(self._probe(store, now, started))
        # Shielded: a caller that gives up (its client went away) leaves the probe to the
        # others waiting on it.
        await asyncio.shield(self._in_flight)

    async def _probe(self, store: Store, now: float, started: float) -> None:
        try:
            await asyncio.wait_for(store.write(lambda tx: probe_write(tx, now)), timeout=5.0)
            self._last_ok = started
        finally:
            self._in_flight = None


async def check_database(
    store: Store, data_dir: Path, now: float, limits: HealthLimits, probe: DatabaseProbe
) -> Check:
    try:
        await probe.takes_writes(store, now)
    except StoreUnavailable as exc:
        return failed("database", exc.reason, hint=exc.hint)
    except TimeoutError:
        return failed(
            "database",
            "the database did not take a write within 5 s",
            hint="look for a long write or a stuck disk in the log",
        )
    free = free_bytes(data_dir)
    facts: dict[str, Any] = {"free_bytes": free}
    if free is not None and disk_status(free, min_free=limits.min_free_bytes) is Status.FAIL:
        return failed(
            "database",
            f"only {free // (1024 * 1024)} MiB free in the data directory",
            hint="free disk space, or move REACTIOND_DATA_DIR to a larger disk",
            facts=facts,
        )
    return ok("database", facts=facts)


def check_queue(snap: StoreSnapshot, limits: HealthLimits) -> Check:
    age = snap.oldest_queued_age_s
    detail = {
        "depth": snap.queue_depth,
        "deferred": snap.deferred,
        "running": snap.jobs_by_status.get("running", 0),
        "oldest_pending_age_s": None if age is None else round(age, 1),
    }
    if age is not None and age > limits.queue_oldest_age_s:
        return failed(
            "queue",
            f"the oldest runnable job has waited {age:.0f} s",
            hint="see `reactiond queue list --status queued` and the worker's log",
            facts=detail,
        )
    return ok("queue", facts=detail)


def check_outbox(
    snap: StoreSnapshot, limits: HealthLimits, *, evolution_configured: bool = True
) -> Check:
    age = snap.outbox_oldest_pending_age_s
    backlog = snap.outbox_by_status.get("pending", 0) + snap.outbox_by_status.get("sending", 0)
    detail = {
        "backlog": backlog,
        "dead": snap.outbox_by_status.get("dead", 0),
        "oldest_pending_age_s": None if age is None else round(age, 1),
    }
    if age is not None and age > limits.outbox_oldest_age_s and not evolution_configured:
        # Nothing is broken: replies wait because nobody said where to send them.
        replies = "1 reply has" if backlog == 1 else f"{backlog} replies have"
        return warn(
            "outbox",
            f"{replies} waited {age:.0f} s: Evolution is not configured",
            hint=NOT_CONFIGURED_HINT,
            facts=detail,
        )
    if age is not None and age > limits.outbox_oldest_age_s:
        return failed(
            "outbox",
            f"replies have waited {age:.0f} s to be sent",
            hint="check that Evolution is up and the instance is connected",
            facts=detail,
        )
    return ok("outbox", facts=detail)


# Health speaks English (the pages say it again in the reader's language): a count agrees
# with its noun, "1 record", "2 records", never "record(s)".
_CHANGED_ON_SERVER: dict[PluralForm, str] = {
    "one": "{count} record changed on the server",
    "many": "{count} records changed on the server",
}


def check_calendars(targets: list[PushTrouble]) -> list[Check]:
    """With CalDAV targets: those with pushes waiting (a wrong password, a server down),
    given up on, or in conflict. reactiond works; a person should look (issue 22)."""
    if not targets:
        return []
    detail = {
        t.name: {"waiting": t.waiting, "dead": t.dead, "conflicts": t.conflicts}
        | ({"last_error": t.last_error} if t.last_error else {})
        for t in targets
    }
    trouble = [t for t in targets if t.troubled]
    if not trouble:
        return [ok("calendars", facts=detail)]
    first = trouble[0]
    said = first.last_error or _CHANGED_ON_SERVER[plural_form(first.conflicts, "en")].format(
        count=first.conflicts
    )
    return [
        warn(
            "calendars",
            f"calendar {first.name}: {said}",
            hint="`reactiond calendars test NAME` once fixed; `reactiond calendars show NAME`",
            facts=detail,
        )
    ]


def dead_jobs(snap: StoreSnapshot) -> Check:
    return ok("dead_jobs", facts={"count": snap.dead_jobs, "last_at": iso_utc(snap.last_dead_at)})


def last_webhook(snap: StoreSnapshot, now: float) -> Check:
    at = snap.last_webhook_at
    return ok(
        "webhook",
        facts={
            "last_received_at": iso_utc(at),
            "age_s": None if at is None else round(max(0.0, now - float(at)), 1),
        },
    )


# At most this many instances are asked about (the ones seen most recently).
MAX_INSTANCES_CHECKED = 5


def known_instances(tx: Transaction, allowed: list[str]) -> list[str]:
    """The instances to ask Evolution about: the allowed ones when configured, else the
    ones webhooks came from, most recent first."""
    if allowed:
        return list(allowed)[:MAX_INSTANCES_CHECKED]
    return instances_seen(tx, MAX_INSTANCES_CHECKED)


@dataclass(frozen=True)
class EvolutionAccess:
    url: str | None
    api_key: str
    instances: list[str]


# Health's words for Evolution's answers (`ops/checks.py` reads them); an unknown route
# or a licence refusal is "error", with the client's words.
_STATE = {
    Answer.UNAVAILABLE: "unreachable",
    Answer.UNAUTHORIZED: "unauthorized",
    Answer.NOT_FOUND: "not_found",
    Answer.UNKNOWN_ROUTE: "error",
    Answer.LICENSE_REQUIRED: "error",
    Answer.ERROR: "error",
}


def _instance_hint(found: InstanceState) -> tuple[str, str | None]:
    """(state, what to do) for one instance; state is Evolution's (open, connecting,
    close, refused) or what kept us from knowing it."""
    instance = found.instance
    match found.answer:
        case Answer.OPEN:
            return str(found.state), None
        case Answer.NOT_OPEN:
            return str(found.state), (
                f"WhatsApp is not connected on {instance!r} (state {found.state}): reconnect"
                f" it in Evolution (GET /instance/connect/{instance} gives the QR code to scan)"
            )
        case Answer.UNAVAILABLE:
            return "unreachable", (
                f"Evolution does not answer ({found.message}): check REACTIOND_EVOLUTION_URL"
                " and that Evolution API is running"
            )
        case Answer.UNAUTHORIZED:
            return "unauthorized", (
                "Evolution refused the key: set REACTIOND_EVOLUTION_API_KEY to the global key"
                " or the instance token"
            )
        case Answer.NOT_FOUND:
            return "not_found", (
                f"Evolution has no instance {instance!r}: fix REACTIOND_ALLOWED_INSTANCES or "
                "create the instance"
            )
        case _:
            return _STATE[found.answer], f"Evolution refused the question: {found.message}"


async def check_evolution(access: EvolutionAccess, limits: HealthLimits) -> Check:
    """Whether each known instance's WhatsApp is connected, through Evolution's
    `connectionState`, with a short timeout. With no instance known yet (no allowed
    instances, no webhook received), only whether Evolution answers at all."""
    if not access.url:
        return warn(
            "evolution",
            "Evolution is not configured: replies are not sent",
            hint=NOT_CONFIGURED_HINT,
            facts={"configured": False},
        )
    if not access.instances:
        return await _evolution_answers(access.url, limits)
    t = limits.evolution_timeout_s
    async with EvolutionClient(
        access.url, access.api_key, timeouts=Timeouts(connect=t, total=t)
    ) as client:
        found = await asyncio.gather(*(instance_state(client, i) for i in access.instances))
    results = [_instance_hint(f) for f in found]
    states = {i: state for i, (state, _) in zip(access.instances, results, strict=True)}
    problems = [(i, hint) for i, (_, hint) in zip(access.instances, results, strict=True) if hint]
    detail: dict[str, Any] = {"configured": True, "instances": states}
    if not problems:
        return ok("evolution", facts=detail)
    names = ", ".join(f"{i} ({states[i]})" for i, _ in problems)
    return failed(
        "evolution",
        f"WhatsApp is not usable on {names}",
        hint="; ".join(hint for _, hint in problems if hint),
        facts=detail,
    )


async def _evolution_answers(url: str, limits: HealthLimits) -> Check:
    """A GET of Evolution's root (it needs no key, and no instance name): any answer
    below 500 is up."""
    target = url.rstrip("/") + "/"
    timeout = aiohttp.ClientTimeout(total=limits.evolution_timeout_s)
    detail: dict[str, Any] = {"configured": True, "instances": {}}
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.get(target, allow_redirects=False) as response,
        ):
            status = response.status
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        return failed(
            "evolution",
            f"Evolution does not answer: {type(exc).__name__}",
            hint="check REACTIOND_EVOLUTION_URL and that Evolution API is running",
            facts=detail,
        )
    if status >= 500:
        return failed(
            "evolution",
            f"Evolution answers {status}",
            hint="see Evolution API's own log",
            facts={**detail, "status": status},
        )
    return ok("evolution", facts={**detail, "status": status})


async def _evolution_access(store: Store, settings: Settings) -> EvolutionAccess:
    key = settings.evolution_api_key.get_secret_value() if settings.evolution_api_key else ""
    if not settings.evolution_url:
        return EvolutionAccess(None, key, [])
    allowed = list(settings.allowed_instances)
    try:
        instances = await store.read(lambda tx: known_instances(tx, allowed))
    except StoreUnavailable:
        instances = allowed[:MAX_INSTANCES_CHECKED]  # the store's own check says why
    return EvolutionAccess(settings.evolution_url, key, instances)


async def health_report(
    store: Store,
    settings: Settings,
    now: float,
    limits: HealthLimits,
    probe: DatabaseProbe,
) -> tuple[bool, dict[str, Any]]:
    access = await _evolution_access(store, settings)
    database, evolution = await asyncio.gather(
        check_database(store, settings.data_dir, now, limits, probe),
        check_evolution(access, limits),
    )
    # Probed once per set of programs (cached): the first health after start runs them.
    ocr = ocr_check(await asyncio.to_thread(ocr_status, settings.ocr_tesseract_cmd))
    checks = [database, evolution, ocr]
    try:
        snap: StoreSnapshot = await store.read(lambda tx: take_snapshot(tx, now))
        trouble = await store.read(push_trouble)
    except StoreUnavailable as exc:
        checks.append(failed("store_read", exc.reason, hint=exc.hint))
    else:
        checks += [
            check_queue(snap, limits),
            check_outbox(snap, limits, evolution_configured=access.url is not None),
            dead_jobs(snap),
            last_webhook(snap, now),
            *check_calendars(trouble),
        ]
    failing = [c.name for c in checks if not c.ok]
    warnings = [c.name for c in checks if c.status is Status.WARN]
    if failing:
        log.warning("health_failing", failing=failing)
    body = {
        "status": "failing" if failing else "ok",
        "failing": failing,
        "warnings": warnings,
        "checks": {c.name: as_json(c) for c in checks},
    }
    return not failing, body
