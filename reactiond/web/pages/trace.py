"""The Trace page: what happened to one message or one reaction, from the same read as
`GET /api/trace/…` and `reactiond trace` (`reactiond.records.trace`)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from aiohttp import web

from reactiond.records.errors import RecordNotFound
from reactiond.records.trace import (
    AmbiguousMessage,
    Trace,
    names_only_a_reaction,
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
        instance = request.query.get("instance", "")
        if not message_id:
            return show(request, viewer, None)
        # A reaction's WhatsApp id pasted here (the webhook payload's key.id) is traced as
        # the reaction, not refused as "no message".
        try:
            reaction = await ctx.store.read(
                lambda tx: names_only_a_reaction(tx, message_id, instance or None)
            )
        except StoreUnavailable as exc:
            return show(request, viewer, None, error=exc.reason, hint=exc.hint, status=503)
        if reaction:
            path = f"/trace/reactions/{quote(message_id, safe='')}"
            return see_other(path + (f"?{urlencode({'instance': instance})}" if instance else ""))
        return see_other(message_path(instance, message_id))

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
