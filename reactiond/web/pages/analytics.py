"""The Analytics page: parsing success by parser × language, reactions by emoji and rule,
and by hour of day, as server-drawn SVG bars with the numbers beside them (the figures of
`/api/analytics/nlp` and `/api/analytics/actions`, `reactiond.records.analytics`)."""

from __future__ import annotations

from aiohttp import web

from reactiond.records.analytics import action_figures, nlp_figures, parse_window
from reactiond.records.errors import RecordsError
from reactiond.web.pages.frame import Guard, Pages, Viewer


def analytics_routes(pages: Pages, guard: Guard) -> list[web.RouteDef]:
    ctx = pages.ctx

    @guard
    async def view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        params = {k: v for k, v in request.query.items() if v and k in ("since", "until")}
        try:
            window = parse_window({**params, "tz": viewer.tz}, ctx.clock(), viewer.tz)
        except RecordsError as exc:
            return pages.render(
                request, viewer, "error.html", status=400, error=exc.error, hint=exc.hint
            )
        nlp = await ctx.store.read(lambda tx: nlp_figures(tx, window))
        actions = await ctx.store.read(lambda tx: action_figures(tx, window))
        return pages.render(
            request,
            viewer,
            "analytics.html",
            window=window,
            nlp=nlp,
            actions=actions,
            most_groups=max((g.count for g in actions.groups), default=0),
            most_hour=max(actions.by_hour, default=0),
            since=params.get("since", ""),
            until=params.get("until", ""),
        )

    return [web.get("/analytics", view)]
