"""The Trace page: what happened to one message or one reaction, from the same read as
`GET /api/trace/…` and `reactiond trace` (`reactiond.records.trace`)."""

from __future__ import annotations

from aiohttp import web

from reactiond.records.errors import RecordNotFound
from reactiond.records.trace import (
    AmbiguousMessage,
    Trace,
    read_any_reaction_trace,
    read_trace,
)
from reactiond.store.interface import StoreUnavailable
from reactiond.web.pages.frame import Guard, Pages, Viewer, message_path, see_other


def trace_routes(pages: Pages, guard: Guard) -> list[web.RouteDef]:
    ctx = pages.ctx

    def show(
        request: web.Request,
        viewer: Viewer,
        trace: Trace | None,
        *,
        error: str | None = None,
        hint: str | None = None,
        status: int = 200,
    ) -> web.Response:
        return pages.render(
            request,
            viewer,
            "trace.html",
            status=status,
            trace=trace,
            error=error,
            hint=hint,
            asked=request.query.get("message", ""),
        )

    @guard
    async def lookup(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        message_id = request.query.get("message", "").strip()
        if message_id:
            return see_other(message_path(request.query.get("instance", ""), message_id))
        return show(request, viewer, None)

    @guard
    async def message_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        message_id = request.match_info["message_id"]
        instance = request.query.get("instance") or None
        try:
            trace = await ctx.store.read(lambda tx: read_trace(tx, message_id, instance))
        except RecordNotFound as exc:
            return show(request, viewer, None, error=exc.error, hint=exc.hint, status=404)
        except AmbiguousMessage as exc:
            hint = f"add ?instance= with one of {', '.join(exc.instances)}"
            return show(request, viewer, None, error=str(exc), hint=hint, status=409)
        except StoreUnavailable as exc:
            return show(request, viewer, None, error=exc.reason, hint=exc.hint, status=503)
        return show(request, viewer, trace)

    @guard
    async def reaction_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        # reactiond's number for the reaction or its WhatsApp id, resolved as the API and
        # `reactiond trace --reaction` resolve it.
        ident = request.match_info["id"]
        instance = request.query.get("instance") or None
        try:
            trace = await ctx.store.read(lambda tx: read_any_reaction_trace(tx, ident, instance))
        except RecordNotFound as exc:
            return show(request, viewer, None, error=exc.error, hint=exc.hint, status=404)
        except AmbiguousMessage as exc:
            hint = f"add ?instance= with one of {', '.join(exc.instances)}"
            return show(request, viewer, None, error=str(exc), hint=hint, status=409)
        except StoreUnavailable as exc:
            return show(request, viewer, None, error=exc.reason, hint=exc.hint, status=503)
        return show(request, viewer, trace)

    return [
        web.get("/trace", lookup),
        web.get("/trace/messages/{message_id}", message_view),
        web.get("/trace/reactions/{id}", reaction_view),
    ]
