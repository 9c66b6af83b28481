"""`/api/outbox`: the replies reactiond sent, is sending or gave up on, with their text;
send a dead one again. The same functions and JSON shape as `reactiond outbox
list|show|retry` and the Replies page."""

from __future__ import annotations

from aiohttp import web

from reactiond.outbox_report import (
    LISTING,
    ReplyNotRetryable,
    next_cursor,
    outbox_json,
    parse_outbox_query,
    retry_reply,
)
from reactiond.records.errors import RecordNotFound
from reactiond.store import outbox
from reactiond.store.interface import Transaction
from reactiond.store.outbox import OutboxRow
from reactiond.web.api_common import ApiContext, answers_errors, ok, path_id, single_params
from reactiond.web.errors import json_error


def outbox_routes(ctx: ApiContext) -> list[web.RouteDef]:
    listing = LISTING

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

    @answers_errors
    async def retry_view(request: web.Request) -> web.StreamResponse:
        reply_id = path_id(request, "reply", listing)
        now = ctx.clock()
        try:
            row = await ctx.store.write(lambda tx: retry_reply(tx, reply_id, now))
        except ReplyNotRetryable as exc:
            return json_error(409, exc.error, exc.hint)
        return ok(outbox_json(row))

    return [
        web.get("/api/outbox", list_view),
        web.get("/api/outbox/{id}", one_view),
        web.post("/api/outbox/{id}/retry", retry_view),
    ]
