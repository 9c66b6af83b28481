"""`/api/talk`: the talk rules (issue 20) — which conversations reactiond takes part in
(questions, the digest command, corrections, ✅ on its messages, edits) and who may ask
in their direct chat. The same functions as `reactiond talk …` (engine/talk_rules.py);
a change applies to the next message, no restart. Errors are JSON with a hint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiohttp import web

from reactiond.engine.talk_rules import (
    read_talk_rules,
    settings_talk_rules,
    store_talk_rules,
    talk_rules_stored,
)
from reactiond.json_input import JsonRefused, load_json
from reactiond.rules.talk import FIELDS, TalkRules, TalkRulesInvalid, changed
from reactiond.settings import Settings
from reactiond.store.interface import Store, Transaction
from reactiond.web.api_common import ok


def talk_json(rules: TalkRules, stored: bool) -> dict[str, Any]:
    return {**rules.public(), "stored": stored}


def talk_routes(store: Store, settings: Settings, clock: Callable[[], float]) -> list[web.RouteDef]:
    default = settings_talk_rules(settings)

    async def show(request: web.Request) -> web.StreamResponse:
        def read(tx: Transaction) -> dict[str, Any]:
            return talk_json(read_talk_rules(tx, default), talk_rules_stored(tx))

        return ok(await store.read(read))

    async def put(request: web.Request) -> web.StreamResponse:
        try:
            try:
                body = load_json(await request.read())
            except JsonRefused as exc:
                raise TalkRulesInvalid([("body", exc.reason)]) from exc
            now = clock()

            def write(tx: Transaction) -> dict[str, Any]:
                rules = changed(read_talk_rules(tx, default), body)
                return talk_json(store_talk_rules(tx, rules, now), True)

            return ok(await store.write(write))
        except TalkRulesInvalid as exc:
            return ok(
                {
                    "error": f"invalid talk rules: {exc}",
                    "hint": 'send the fields to change, e.g. {"questions": false} or'
                    ' {"askers": ["5215587654321"]}',
                    "problems": [{"field": f, "reason": r} for f, r in exc.problems],
                },
                status=400,
            )

    return [web.get("/api/talk", show), web.put("/api/talk", put)]


def talk_openapi_paths(ref: Callable[[str], dict[str, str]]) -> dict[str, Any]:
    """The OpenAPI description of these routes (web/openapi.py merges it in)."""

    def resp(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
        body = schema if schema is not None else ref("Error")
        return {"description": description, "content": {"application/json": {"schema": body}}}

    switch = {"type": "boolean"}
    fields: dict[str, Any] = {
        "questions": {**switch, "description": "Answer questions in the owner's own chat."},
        "contacts": {
            **switch,
            "description": "Any contact may ask (and set a digest) in their direct chat.",
        },
        "askers": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Phone numbers (country code first) or JIDs who may ask in their"
            " direct chat even with contacts off.",
        },
        "digest": {**switch, "description": '"resumen diario 8:00" in the chat.'},
        "corrections": {**switch, "description": "Replies quoting a confirmation correct it."},
        "ticks": {**switch, "description": "✅/❌ on reactiond's messages close or cancel."},
        "edits": {**switch, "description": "Edited or deleted messages change their records."},
    }
    assert set(fields) == set(FIELDS)
    rules = {
        "type": "object",
        "required": [*FIELDS, "stored"],
        "properties": {
            **fields,
            "stored": {
                "type": "boolean",
                "description": "False: none stored yet, the settings' defaults apply.",
            },
        },
    }
    unauthorized = resp("Missing or wrong API token (only when a token is configured).")
    tags = ["talk"]
    return {
        "/api/talk": {
            "get": {
                "operationId": "get_talk_rules",
                "tags": tags,
                "summary": "What reactiond does with what people write to it, and who may ask.",
                "responses": {"200": resp("The talk rules.", rules), "401": unauthorized},
            },
            "put": {
                "operationId": "set_talk_rules",
                "tags": tags,
                "summary": "Change some talk rules; the next message follows them.",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": fields,
                            }
                        }
                    },
                },
                "responses": {
                    "200": resp("The talk rules as stored.", rules),
                    "400": resp("A field is wrong; problems name each and why."),
                    "401": unauthorized,
                },
            },
        }
    }
