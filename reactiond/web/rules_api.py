"""`/api/rules`: list, add, show, replace, change, delete, and `POST /api/rules/test`.

The same functions as `reactiond rules …` (rule_service). Errors are JSON with a hint:
400 invalid rule (field: reason), 404 unknown rule, 409 conflict with another rule.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from aiohttp import web

from reactiond import rule_service
from reactiond.date_range import RANGE_TEXT, in_range
from reactiond.json_input import JsonRefused, load_json
from reactiond.rules.match import RuleConflict
from reactiond.rules.model import Rule, RuleInvalid
from reactiond.settings import Settings
from reactiond.store.interface import Store
from reactiond.store.rules_repo import RuleNotFound
from reactiond.web.api_common import ok
from reactiond.web.errors import json_error

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
ONE = "/api/rules/{ref:(?!test$)[^/]+}"


def _rule_errors(fn: Handler) -> Handler:
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await fn(request)
        except RuleInvalid as exc:
            return ok(
                {
                    "error": f"invalid rule: {exc}",
                    "hint": "fix the fields named and send the rule again",
                    "problems": [{"field": f, "reason": r} for f, r in exc.problems],
                },
                status=400,
            )
        except RuleNotFound as exc:
            return json_error(404, f"no rule {exc.ref!r}", "GET /api/rules lists names and ids")
        except RuleConflict as exc:
            return json_error(409, str(exc), f"change or disable rule '{exc.other.name}' first")

    return wrapped


async def _json_body(request: web.Request) -> Any:
    try:
        return load_json(await request.read())
    except JsonRefused as exc:
        raise RuleInvalid([("body", exc.reason)]) from exc


def _one(rule: Rule, status: int = 200) -> web.Response:
    return ok(rule.public(), status=status)


def rules_routes(
    store: Store, settings: Settings, clock: Callable[[], float]
) -> list[web.RouteDef]:
    @_rule_errors
    async def list_(request: web.Request) -> web.StreamResponse:
        rules = await rule_service.list_rules(store)
        return ok({"rules": [r.public() for r in rules]})

    @_rule_errors
    async def add(request: web.Request) -> web.StreamResponse:
        return _one(await rule_service.add_rule(store, await _json_body(request), clock()), 201)

    @_rule_errors
    async def show(request: web.Request) -> web.StreamResponse:
        return _one(await rule_service.show_rule(store, request.match_info["ref"]))

    @_rule_errors
    async def replace(request: web.Request) -> web.StreamResponse:
        ref = request.match_info["ref"]
        return _one(await rule_service.replace_rule(store, ref, await _json_body(request), clock()))

    @_rule_errors
    async def patch(request: web.Request) -> web.StreamResponse:
        ref = request.match_info["ref"]
        return _one(await rule_service.patch_rule(store, ref, await _json_body(request), clock()))

    @_rule_errors
    async def delete(request: web.Request) -> web.StreamResponse:
        rule = await rule_service.delete_rule(store, request.match_info["ref"])
        return ok({"deleted": rule.public()})

    @_rule_errors
    async def test(request: web.Request) -> web.StreamResponse:
        body = await _json_body(request)
        if (
            not isinstance(body, dict)
            or not isinstance(body.get("emoji"), str)
            or not isinstance(body.get("text"), str)
            # tz, now and lang are strings when given (now=5 used to be a 500)
            or any(not isinstance(body.get(k), str | None) for k in ("tz", "now", "lang"))
        ):
            return json_error(
                400,
                'send {"emoji": "💳", "text": "…"}',
                'optional: "tz" (IANA zone), "now" (ISO 8601), "lang" (es, en, pt, fr)',
            )
        given_tz, when, lang = body.get("tz"), body.get("now"), body.get("lang")
        if not all(isinstance(v, str | None) for v in (given_tz, when, lang)):
            return json_error(400, "tz, now and lang must be strings", 'e.g. "tz": "UTC"')
        tz = given_tz or settings.default_tz
        try:
            rule_service.forced_language(lang)
        except rule_service.UnknownLanguage as exc:
            return json_error(400, str(exc), exc.hint)
        try:
            zone = ZoneInfo(tz)
            now = datetime.fromisoformat(when) if when else None
            if now is not None and not in_range(now):
                raise ValueError(f"now must be within the {RANGE_TEXT} reactiond keeps")
        # OSError: a zone name the file system refuses (too long)
        except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
            return json_error(
                400,
                f"bad tz or now: {str(exc)[:200]}",
                "tz: e.g. America/Mexico_City; now: ISO 8601",
            )
        if now is not None and now.tzinfo is None:
            now = now.replace(tzinfo=zone)
        outcomes = await rule_service.preview_rules(
            store, body["emoji"], body["text"], tz=tz, now=now, lang=lang
        )
        return ok(
            {"emoji": body["emoji"], "saved": False, "results": [o.as_json() for o in outcomes]}
        )

    return [
        web.get("/api/rules", list_),
        web.post("/api/rules", add),
        web.post("/api/rules/test", test),
        # `{ref}` is any id or name but "test", which is the POST-only route above.
        web.get(ONE, show),
        web.put(ONE, replace),
        web.patch(ONE, patch),
        web.delete(ONE, delete),
    ]


def rules_openapi_paths(ref: Callable[[str], dict[str, str]]) -> dict[str, Any]:
    """The OpenAPI description of these routes (web/openapi.py merges it in)."""

    def resp(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
        body = schema if schema is not None else ref("Error")
        return {"description": description, "content": {"application/json": {"schema": body}}}

    unauthorized = resp("Missing or wrong API token (only when a token is configured).")
    invalid = resp("Invalid rule: `problems` names each field and the reason.")
    missing = resp("No rule with that id or name.")
    conflict = resp("Overlaps an enabled rule, which the error names.")
    rule_body = {"required": True, "content": {"application/json": {"schema": ref("Rule")}}}
    ref_param = [
        {
            "name": "ref",
            "in": "path",
            "required": True,
            "description": "Rule id or name.",
            "schema": {"type": "string"},
        }
    ]
    tags = ["rules"]
    return {
        "/api/rules": {
            "get": {
                "operationId": "list_rules",
                "tags": tags,
                "summary": "Every rule.",
                "responses": {
                    "200": resp(
                        "The rules.",
                        {
                            "type": "object",
                            "required": ["rules"],
                            "properties": {"rules": {"type": "array", "items": ref("Rule")}},
                        },
                    ),
                    "401": unauthorized,
                },
            },
            "post": {
                "operationId": "add_rule",
                "tags": tags,
                "summary": "Add a rule; applies to the next reaction.",
                "requestBody": rule_body,
                "responses": {
                    "201": resp("Added.", ref("Rule")),
                    "400": invalid,
                    "401": unauthorized,
                    "409": conflict,
                },
            },
        },
        "/api/rules/test": {
            "post": {
                "operationId": "test_rules",
                "tags": tags,
                "summary": "What this emoji on this text would create; saves nothing.",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["emoji", "text"],
                                "properties": {
                                    "emoji": {"type": "string"},
                                    "text": {"type": "string"},
                                    "tz": {"type": ["string", "null"]},
                                    "now": {"type": ["string", "null"]},
                                    "lang": {"enum": ["es", "en", "pt", "fr", None]},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": resp(
                        "The parse and the rows that would be created.", {"type": "object"}
                    ),
                    "400": resp("Missing emoji or text, or a bad tz or now."),
                    "401": unauthorized,
                },
            }
        },
        "/api/rules/{ref}": {
            "parameters": ref_param,
            "get": {
                "operationId": "show_rule",
                "tags": tags,
                "summary": "One rule.",
                "responses": {
                    "200": resp("The rule.", ref("Rule")),
                    "401": unauthorized,
                    "404": missing,
                },
            },
            "put": {
                "operationId": "replace_rule",
                "tags": tags,
                "summary": "Replace a rule.",
                "requestBody": rule_body,
                "responses": {
                    "200": resp("Replaced.", ref("Rule")),
                    "400": invalid,
                    "401": unauthorized,
                    "404": missing,
                    "409": conflict,
                },
            },
            "patch": {
                "operationId": "change_rule",
                "tags": tags,
                "summary": "Change some fields; config and conditions are merged.",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "responses": {
                    "200": resp("Changed.", ref("Rule")),
                    "400": invalid,
                    "401": unauthorized,
                    "404": missing,
                    "409": conflict,
                },
            },
            "delete": {
                "operationId": "delete_rule",
                "tags": tags,
                "summary": "Delete a rule; its records stay.",
                "responses": {
                    "200": resp(
                        "Deleted.",
                        {
                            "type": "object",
                            "required": ["deleted"],
                            "properties": {"deleted": ref("Rule")},
                        },
                    ),
                    "401": unauthorized,
                    "404": missing,
                },
            },
        },
    }
