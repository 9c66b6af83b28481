"""`/api/analytics/nlp` and `/api/analytics/actions`."""

from __future__ import annotations

from dataclasses import asdict

from aiohttp import web

from reactiond.records.analytics import action_figures, nlp_figures, parse_window, window_json
from reactiond.web.api_common import ApiContext, answers_errors, ok, single_params


def analytics_routes(ctx: ApiContext) -> list[web.RouteDef]:
    @answers_errors
    async def nlp_view(request: web.Request) -> web.StreamResponse:
        window = parse_window(single_params(request), ctx.clock(), ctx.settings.default_tz)
        figures = await ctx.store.read(lambda tx: nlp_figures(tx, window))
        total = sum(f.total for f in figures)
        ok_count = sum(f.successful for f in figures)
        return ok(
            {
                **window_json(window),
                "total": total,
                "successful": ok_count,
                "success_rate": round(ok_count / total, 4) if total else None,
                "by_parser_language": [asdict(f) for f in figures],
            }
        )

    @answers_errors
    async def actions_view(request: web.Request) -> web.StreamResponse:
        window = parse_window(single_params(request), ctx.clock(), ctx.settings.default_tz)
        figures = await ctx.store.read(lambda tx: action_figures(tx, window))
        return ok({**window_json(window), **asdict(figures)})

    return [
        web.get("/api/analytics/nlp", nlp_view),
        web.get("/api/analytics/actions", actions_view),
    ]
