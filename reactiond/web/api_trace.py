"""`/api/trace/messages/{message_id}` and `/api/trace/reactions/{id}`: what happened to one
message, or to the message one reaction was on. The same read as `reactiond trace` and
the trace page (`reactiond.records.trace`)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from reactiond.records.errors import InvalidFilter
from reactiond.records.trace import (
    AmbiguousMessage,
    read_any_reaction_trace,
    read_trace,
    trace_json,
)
from reactiond.web.api_common import ApiContext, answers_errors, ok, single_params
from reactiond.web.errors import json_error


def trace_routes(ctx: ApiContext) -> list[web.RouteDef]:
    @answers_errors
    async def message_view(request: web.Request) -> web.StreamResponse:
        message_id = request.match_info["message_id"]
        instance = instance_param(request)
        try:
            trace = await ctx.store.read(lambda tx: read_trace(tx, message_id, instance))
        except AmbiguousMessage as exc:
            return ambiguous(exc)
        return ok(trace_json(trace))

    @answers_errors
    async def reaction_view(request: web.Request) -> web.StreamResponse:
        # reactiond's number for the reaction or its WhatsApp id, as `reactiond trace
        # --reaction` takes it: one resolution for every door.
        ident = request.match_info["id"]
        instance = instance_param(request)
        try:
            trace = await ctx.store.read(lambda tx: read_any_reaction_trace(tx, ident, instance))
        except AmbiguousMessage as exc:
            return ambiguous(exc)
        return ok(trace_json(trace))

    return [
        web.get("/api/trace/messages/{message_id}", message_view),
        web.get("/api/trace/reactions/{id}", reaction_view),
    ]


def instance_param(request: web.Request) -> str | None:
    """The one query parameter a trace takes: the instance, when the id was seen on several."""
    params = single_params(request)
    instance = params.pop("instance", None) or None
    if params:
        raise InvalidFilter(
            f"unknown parameter {sorted(params)[0]!r}",
            "the only parameter is instance (when the id was seen on several)",
        )
    return instance


def ambiguous(exc: AmbiguousMessage) -> web.Response:
    return json_error(409, str(exc), f"add ?instance= with one of {', '.join(exc.instances)}")


def trace_openapi_paths() -> dict[str, Any]:
    def error(description: str) -> dict[str, Any]:
        return {
            "description": description,
            "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}},
        }

    trace = {
        "description": "The message, its reactions, the rules that fired, parses, records,"
        " the changes made to them from the chat, and replies.",
        "content": {JSON: {"schema": TRACE_SCHEMA}},
    }
    common = {
        "401": error("Missing or wrong API token (only when a token is configured)."),
        "404": error("No such message or reaction."),
        "503": error("The database cannot be read or written now."),
    }
    return {
        "/api/trace/messages/{message_id}": {
            "get": {
                "operationId": "trace_message",
                "tags": ["trace"],
                "summary": "What happened to one message (by its WhatsApp id).",
                "parameters": [
                    {
                        "name": "message_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    {
                        "name": "instance",
                        "in": "query",
                        "required": False,
                        "description": "Needed only when the id was seen on several instances.",
                        "schema": {"type": "string"},
                    },
                ],
                "responses": {
                    "200": trace,
                    "400": error("An unknown parameter."),
                    "409": error("The id was seen on several instances: add ?instance=."),
                    **common,
                },
            }
        },
        "/api/trace/reactions/{id}": {
            "get": {
                "operationId": "trace_reaction",
                "tags": ["trace"],
                "summary": "What happened to the message one reaction was on (by reactiond's"
                " number for the reaction or its WhatsApp id).",
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "description": "reactiond's number for the reaction (the Today page,"
                        ' "Reaction #N" in a trace), tried first, or its WhatsApp id (the'
                        " reaction's key.id in the webhook payload).",
                        "schema": {"type": "string"},
                    },
                    {
                        "name": "instance",
                        "in": "query",
                        "required": False,
                        "description": "Needed only when the WhatsApp id was seen on several"
                        " instances.",
                        "schema": {"type": "string"},
                    },
                ],
                "responses": {
                    "200": trace,
                    "400": error("An unknown parameter."),
                    "409": error("The id was seen on several instances: add ?instance=."),
                    **common,
                },
            }
        },
    }


JSON = "application/json"
CHANGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A change made to a record from the chat: an edit of its message"
    " followed (via edit, delete), a correction quoting reactiond's confirmation"
    " (correction), a ✅/❌ on reactiond's confirmation or reminder or its undo (reaction).",
    "required": ["id", "via", "record", "changed", "at", "message_id", "by"],
    "properties": {
        "id": {"type": "integer"},
        "via": {"type": "string", "enum": ["edit", "delete", "correction", "reaction"]},
        "record": {"type": "object"},
        "changed": {"type": "object"},
        "at": {"type": "string", "format": "date-time"},
        "message_id": {"type": "string"},
        "by": {"type": ["object", "null"]},
    },
}
TRACE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["instance", "message_id", "message", "reactions", "focus_reaction"],
    "properties": {
        "instance": {"type": "string"},
        "message_id": {"type": "string"},
        "focus_reaction": {"type": ["integer", "null"]},
        "message": {"type": ["object", "null"]},
        "reactions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "emoji", "reactor", "actions", "why_no_rule"],
                "properties": {
                    "id": {"type": "integer"},
                    "emoji": {"type": "string"},
                    "reactor": {"type": "object"},
                    "actions": {"type": "array", "items": {"type": "object"}},
                    "why_no_rule": {"type": ["object", "null"]},
                },
            },
        },
        "changes_asked": {
            "type": "array",
            "description": "What this message asked to change in records made from other"
            " messages (a correction). Changes to this message's own records are under"
            " reactions[].actions[].changes.",
            "items": CHANGE_SCHEMA,
        },
    },
}
