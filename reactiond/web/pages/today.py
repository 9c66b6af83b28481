"""The Today page: what is due today and this week, what failed (dead jobs, undelivered
replies, messages not understood), the last reactions and health at a glance. The page
listens to the event stream (`/live`) and reloads its body when a record is created or
changed, a job fails or a reply dies."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from aiohttp import web

from reactiond.records.kinds import SPECS, RecordKind
from reactiond.records.model import Record
from reactiond.records.query import list_records, parse_query
from reactiond.store import outbox, trace_repo
from reactiond.store.interface import Row, StoreUnavailable, Transaction
from reactiond.store.outbox import OutboxRow
from reactiond.web.health import HealthLimits, health_report
from reactiond.web.pages.frame import Guard, Pages, Viewer

# The kinds that have a date, and the status that means "still to do".
DUE_KINDS = (
    (RecordKind.TASKS, "open"),
    (RecordKind.CALENDAR_EVENTS, "scheduled"),
    (RecordKind.BILLS, "pending"),
)
SHOWN = 20
# Health asks Evolution about each instance (up to 3 s when it is down): Today, reloaded
# on every event, reuses an answer this recent instead of asking again each time.
HEALTH_FRESH_SECONDS = 15.0


@dataclass
class Today:
    due_today: list[Record] = field(default_factory=list)
    this_week: list[Record] = field(default_factory=list)
    dead_replies: list[OutboxRow] = field(default_factory=list)
    refused: list[Row] = field(default_factory=list)
    reactions: list[Row] = field(default_factory=list)


def read_today(tx: Transaction, today: date) -> Today:
    """Everything the page shows from the database, in one snapshot."""
    out = Today()
    day = today.isoformat()
    week_end = (today + timedelta(days=7)).isoformat()
    tomorrow = (today + timedelta(days=1)).isoformat()
    for kind, status in DUE_KINDS:
        spec = SPECS[kind]
        name = spec.when_name
        assert name is not None
        base = {"status": status, "limit": str(SHOWN), "sort": name}
        q = parse_query(spec, {**base, f"{name}_from": day, f"{name}_to": day})
        out.due_today += list_records(tx, q).items
        q = parse_query(spec, {**base, f"{name}_from": tomorrow, f"{name}_to": week_end})
        out.this_week += list_records(tx, q).items
    out.dead_replies = outbox.list_rows(
        tx,
        statuses=("dead",),
        instance=None,
        destination=None,
        kind=None,
        limit=10,
        before_id=None,
    )
    out.refused = trace_repo.refused_parses(tx, 10)
    out.reactions = trace_repo.recent_reactions(tx, 10)
    return out


def when_of(record: Record) -> str | None:
    value = getattr(record, "due", None) or getattr(record, "start", None)
    return value if isinstance(value, str) else None


def today_routes(pages: Pages, guard: Guard) -> list[web.RouteDef]:
    ctx = pages.ctx
    limits = HealthLimits()
    last_health: list[tuple[float, bool, dict[str, Any]]] = []

    async def health() -> tuple[bool, dict[str, Any]]:
        now = time.monotonic()
        if last_health and now - last_health[0][0] < HEALTH_FRESH_SECONDS:
            return last_health[0][1], last_health[0][2]
        healthy, body = await health_report(
            ctx.store, ctx.settings, ctx.clock(), limits, ctx.database_probe
        )
        last_health[:] = [(now, healthy, body)]
        return healthy, body

    @guard
    async def today_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        now = ctx.clock()
        today = datetime.fromtimestamp(now, viewer.zone).date()
        error = hint = None
        data = Today()
        try:
            data = await ctx.store.read(lambda tx: read_today(tx, today))
        except StoreUnavailable as exc:
            error, hint = exc.reason, exc.hint
        dead_jobs = await ctx.store.list_jobs("dead", None, 10)
        healthy, health_body = await health()
        return pages.render(
            request,
            viewer,
            "today.html",
            data=data,
            dead_jobs=dead_jobs,
            healthy=healthy,
            health=health_body,
            today=today,
            when_of=when_of,
            error=error,
            hint=hint,
        )

    return [web.get("/", today_view)]
