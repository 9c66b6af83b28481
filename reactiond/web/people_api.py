"""`/api/people`: who reactiond knows, and each person's time zone and reply language, set
with the same function and words as the People page (`reactiond.people_settings`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiohttp import web

from reactiond.json_input import JsonRefused, load_json
from reactiond.people_settings import (
    KEEP,
    PersonChange,
    PersonRefused,
    change_person,
    person_json,
)
from reactiond.store import people_repo
from reactiond.store.interface import Store
from reactiond.web.api_common import answers_errors, ok
from reactiond.web.errors import json_error

EXAMPLE = 'send e.g. {"language": "pt"} or {"tz": "America/Cancun"}'


def _change(raw: bytes) -> PersonChange:
    try:
        body: Any = load_json(raw) if raw.strip() else {}
    except JsonRefused as exc:
        raise PersonRefused(exc.reason, EXAMPLE) from exc
    if not isinstance(body, dict) or not body:
        raise PersonRefused("the body must be a JSON object with tz or language", EXAMPLE)
    extra = sorted(set(body) - {"tz", "language"})
    if extra:
        raise PersonRefused(f"unknown field {extra[0]!r}", "fields: tz, language")
    for name in ("tz", "language"):
        if body.get(name) is not None and not isinstance(body[name], str):
            raise PersonRefused(f"{name} must be a string or null", EXAMPLE)
    return PersonChange(tz=body.get("tz", KEEP), language=body.get("language", KEEP))


def people_routes(store: Store) -> list[web.RouteDef]:
    @answers_errors
    async def list_(request: web.Request) -> web.StreamResponse:
        people = await store.read(people_repo.list_people)
        return ok({"people": [person_json(p) for p in people]})

    @answers_errors
    async def patch(request: web.Request) -> web.StreamResponse:
        who = request.match_info["who"]
        try:
            change = _change(await request.read())
            person = await store.write(lambda tx: change_person(tx, who, change))
        except PersonRefused as exc:
            return json_error(exc.status, exc.error, exc.hint)
        return ok(person_json(person))

    return [web.get("/api/people", list_), web.patch("/api/people/{who}", patch)]


def people_openapi_paths(ref: Callable[[str], dict[str, str]]) -> dict[str, Any]:
    """The OpenAPI description of these routes (web/openapi.py merges it in)."""

    def resp(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
        body = schema if schema is not None else ref("Error")
        return {"description": description, "content": {"application/json": {"schema": body}}}

    person = {
        "type": "object",
        "required": ["id", "jid", "identities", "language_set"],
        "properties": {
            "id": {"type": "integer"},
            "jid": {"type": "string"},
            "name": {"type": ["string", "null"]},
            "identities": {"type": "array", "items": {"type": "string"}},
            "tz": {"type": ["string", "null"], "description": "Null: the number's zone."},
            "language": {
                "type": ["string", "null"],
                "description": "The reply language: detected, or chosen when language_set.",
            },
            "language_set": {"type": "boolean"},
        },
    }
    tags = ["people"]
    return {
        "/api/people": {
            "get": {
                "operationId": "list_people",
                "tags": tags,
                "summary": "Everyone who wrote or reacted: identities, zone, reply language.",
                "responses": {
                    "200": resp(
                        "The people.",
                        {
                            "type": "object",
                            "properties": {"people": {"type": "array", "items": person}},
                        },
                    )
                },
            }
        },
        "/api/people/{who}": {
            "patch": {
                "operationId": "change_person",
                "tags": tags,
                "summary": "Set (or clear, with null) a person's time zone or reply language.",
                "parameters": [
                    {
                        "name": "who",
                        "in": "path",
                        "required": True,
                        "description": "A phone number or a JID.",
                        "schema": {"type": "string"},
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {
                                    "tz": {"type": ["string", "null"]},
                                    "language": {
                                        "type": ["string", "null"],
                                        "enum": ["es", "en", "pt", "fr", None],
                                    },
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": resp("The person as changed.", person),
                    "400": resp("A field is wrong; the hint says how to write it."),
                    "404": resp("Nobody with that number or JID has written or reacted."),
                },
            }
        },
    }
