"""`/api/digests`: who gets the daily digest, and at what time (issue 20 §5). The same
function as `reactiond people digest` and the chat command "resumen diario 8:00"
(engine/digest_service.py). Errors are JSON with a hint."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

from aiohttp import web

from reactiond.engine.digest_service import DigestRefused, digest_json, parse_at, set_digest
from reactiond.json_input import JsonRefused, load_json
from reactiond.settings import Settings
from reactiond.store import conversation_repo as talk
from reactiond.store.interface import Store
from reactiond.web.api_common import ok
from reactiond.web.errors import json_error

_FIELDS = {"at", "language", "enabled"}


def _body(raw: bytes) -> tuple[time | None, str | None, bool]:
    try:
        body: Any = load_json(raw) if raw.strip() else {}
    except JsonRefused as exc:
        raise DigestRefused(exc.reason, 'send e.g. {"at": "08:00"}') from exc
    if not isinstance(body, dict):
        raise DigestRefused("the body must be a JSON object", 'send e.g. {"at": "08:00"}')
    extra = sorted(set(body) - _FIELDS)
    if extra:
        raise DigestRefused(f"unknown field {extra[0]!r}", "fields: at, language, enabled")
    at = body.get("at")
    if at is not None and not isinstance(at, str):
        raise DigestRefused("at must be a string", 'write "at": "08:00" (24-hour)')
    lang = body.get("language")
    if lang is not None and lang not in ("es", "en", "pt", "fr"):
        raise DigestRefused("language must be es, en, pt or fr", 'write "language": "es"')
    enabled = body.get("enabled", True)
    if not isinstance(enabled, bool):
        raise DigestRefused("enabled must be true or false", 'write "enabled": false to stop')
    return (parse_at(at) if at is not None else None), lang, enabled


def digest_routes(
    store: Store, settings: Settings, clock: Callable[[], float]
) -> list[web.RouteDef]:
    async def list_(request: web.Request) -> web.StreamResponse:
        digests = await store.read(talk.list_digests)
        return ok({"digests": [digest_json(d) for d in digests]})

    async def put(request: web.Request) -> web.StreamResponse:
        return await _set(request, enabled=None)

    async def delete(request: web.Request) -> web.StreamResponse:
        return await _set(request, enabled=False)

    async def _set(request: web.Request, *, enabled: bool | None) -> web.StreamResponse:
        who = request.match_info["who"]
        try:
            at, lang, wanted = (
                _body(await request.read()) if enabled is None else (None, None, False)
            )
            now = clock()
            d = await store.write(
                lambda tx: set_digest(
                    tx,
                    who,
                    at=at,
                    enabled=wanted,
                    lang=lang,
                    now=now,
                    default_tz=settings.default_tz,
                    default_language=settings.default_language,
                )
            )
        except DigestRefused as exc:
            status = 404 if "has not" in exc.reason or "nobody" in exc.reason else 400
            return json_error(status, exc.reason, exc.hint)
        return ok(digest_json(d))

    return [
        web.get("/api/digests", list_),
        web.put("/api/digests/{who}", put),
        web.delete("/api/digests/{who}", delete),
    ]


def digests_openapi_paths(ref: Callable[[str], dict[str, str]]) -> dict[str, Any]:
    """The OpenAPI description of these routes (web/openapi.py merges it in)."""

    def resp(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
        body = schema if schema is not None else ref("Error")
        return {"description": description, "content": {"application/json": {"schema": body}}}

    digest = {
        "type": "object",
        "required": ["person_id", "instance", "destination", "at", "tz", "language", "enabled"],
        "properties": {
            "person_id": {"type": "integer"},
            "instance": {"type": "string"},
            "destination": {"type": "string"},
            "at": {"type": "string", "description": "Local time, HH:MM (24-hour)."},
            "tz": {"type": "string"},
            "language": {"type": "string", "enum": ["es", "en", "pt", "fr"]},
            "enabled": {"type": "boolean"},
            "everyone": {"type": "boolean"},
            "last_day": {"type": ["string", "null"]},
        },
    }
    who = [
        {
            "name": "who",
            "in": "path",
            "required": True,
            "description": "A phone number (country code first) or a JID reactiond has seen.",
            "schema": {"type": "string"},
        }
    ]
    unauthorized = resp("Missing or wrong API token (only when a token is configured).")
    tags = ["digests"]
    return {
        "/api/digests": {
            "get": {
                "operationId": "list_digests",
                "tags": tags,
                "summary": "Everyone's daily digest.",
                "responses": {
                    "200": resp(
                        "The digests.",
                        {
                            "type": "object",
                            "required": ["digests"],
                            "properties": {"digests": {"type": "array", "items": digest}},
                        },
                    ),
                    "401": unauthorized,
                },
            }
        },
        "/api/digests/{who}": {
            "put": {
                "operationId": "set_digest",
                "tags": tags,
                "summary": "Turn a person's daily digest on, or move it.",
                "parameters": who,
                "requestBody": {
                    "required": False,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {
                                    "at": {
                                        "type": "string",
                                        "pattern": "^([01]?\\d|2[0-3]):[0-5]\\d$",
                                    },
                                    "language": {
                                        "type": "string",
                                        "enum": ["es", "en", "pt", "fr"],
                                    },
                                    "enabled": {"type": "boolean"},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": resp("The digest as set.", digest),
                    "400": resp("A field is wrong; the hint says how to write it."),
                    "401": unauthorized,
                    "404": resp("Nobody by that number has written yet."),
                },
            },
            "delete": {
                "operationId": "stop_digest",
                "tags": tags,
                "summary": "Turn a person's daily digest off.",
                "parameters": who,
                "responses": {
                    "200": resp("The digest, off.", digest),
                    "401": unauthorized,
                    "404": resp("Nobody by that number has written yet."),
                },
            },
        },
    }
