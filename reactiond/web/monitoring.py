"""`GET /api/health` (readiness: the checks, behind the API token), `GET /livez` (liveness:
no token, no data) and `GET /metrics`."""

from __future__ import annotations

from aiohttp import web

from reactiond.store.snapshot import take_snapshot
from reactiond.web.api_common import ApiContext, answers_errors, ok
from reactiond.web.health import HealthLimits, health_report
from reactiond.web.metrics import CONTENT_TYPE, Metrics


def monitoring_routes(
    ctx: ApiContext, metrics: Metrics, limits: HealthLimits | None = None
) -> list[web.RouteDef]:
    health_limits = limits or HealthLimits()

    async def health_view(request: web.Request) -> web.StreamResponse:
        healthy, body = await health_report(
            ctx.store, ctx.settings, ctx.clock(), health_limits, ctx.database_probe
        )
        return ok(body, status=200 if healthy else 503)

    async def livez_view(request: web.Request) -> web.StreamResponse:
        # Reads nothing: it answers as long as the event loop does, which is what a load
        # balancer or a watchdog needs to know; outside /api/, so no token (api_auth.py).
        return ok({"status": "alive"})

    @answers_errors
    async def metrics_view(request: web.Request) -> web.StreamResponse:
        now = ctx.clock()
        snapshot = await ctx.store.read(lambda tx: take_snapshot(tx, now))
        response = web.Response(body=metrics.render(snapshot))
        response.headers["Content-Type"] = CONTENT_TYPE
        return response

    return [
        web.get("/api/health", health_view),
        web.get("/livez", livez_view),
        web.get("/metrics", metrics_view),
    ]
