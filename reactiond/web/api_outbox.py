"""`/api/outbox`: the replies reactiond sent, is sending or gave up on, with their text.
The same store functions and JSON shape as `reactiond outbox list|show`."""

from __future__ import annotations

from aiohttp import web

from reactiond.outbox_report import next_cursor, outbox_json, parse_outbox_query
from reactiond.records.errors import RecordNotFound
from reactiond.store import outbox
from reactiond.store.interface import Transaction
from reactiond.store.outbox import OutboxRow
from reactiond.web.api_common import ApiContext, answers_errors, ok, path_id, single_params


def outbox_routes(ctx: ApiContext) -> list[web.RouteDef]:
    listing = "list replies with GET /api/outbox"

    @answers_errors
    async def list_view(request: web.Request) -> web.StreamResponse:
        q = parse_outbox_query(single_params(request))

        def read(tx: Transaction) -> list[OutboxRow]:
            return outbox.list_rows(
                tx,
                statuses=q.statuses,
                instance=q.instance,
                destination=q.destination,
                kind=q.kind,
                limit=q.limit,
                before_id=q.before_id,
            )

        rows = await ctx.store.read(read)
        return ok(
            {"items": [outbox_json(r) for r in rows], "next_cursor": next_cursor(rows, q.limit)}
        )

    @answers_errors
    async def one_view(request: web.Request) -> web.StreamResponse:
        reply_id = path_id(request, "reply", listing)
        row = await ctx.store.read(lambda tx: outbox.get(tx, reply_id))
        if row is None:
            raise RecordNotFound(f"no reply {reply_id}", listing)
        return ok(outbox_json(row))

    return [web.get("/api/outbox", list_view), web.get("/api/outbox/{id}", one_view)]
