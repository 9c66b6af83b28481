"""The OpenAPI description of `/api/calendars` (reactiond/web/openapi.py merges it in)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reactiond.store.caldav_repo import PUSHED_KINDS

KINDS = {"type": "array", "items": {"type": "string", "enum": list(PUSHED_KINDS)}}
TARGET: dict[str, Any] = {
    "type": "object",
    "required": ["name", "url", "collection_url", "user", "password_from", "kinds"],
    "properties": {
        "name": {"type": "string"},
        "url": {"type": "string"},
        "collection_url": {"type": "string"},
        "user": {"type": "string"},
        "password_from": {
            "type": "object",
            "description": "Where the password is read from (never the password).",
            "properties": {"file": {"type": "string"}, "env": {"type": "string"}},
        },
        "kinds": KINDS,
        "bills_as": {"type": "string", "enum": ["todo", "event"]},
        "on_cancel": {"type": "string", "enum": ["delete", "mark"]},
        "person_id": {"type": ["integer", "null"]},
        "rule_id": {"type": ["integer", "null"]},
    },
}
NEW_TARGET: dict[str, Any] = {
    "type": "object",
    "required": ["name", "url", "user"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "description": "Up to 40 letters, digits, '.', '_', '-'."},
        "url": {"type": "string", "description": "The server's URL, or a calendar's."},
        "user": {"type": "string"},
        "password_file": {
            "type": "string",
            "description": "A file in the data directory's calendar-passwords/.",
        },
        "password_env": {
            "type": "string",
            "description": "An environment variable of the daemon named CALDAV_…",
        },
        "kinds": KINDS,
        "bills_as": {"type": "string", "enum": ["todo", "event"]},
        "on_cancel": {"type": "string", "enum": ["delete", "mark"]},
        "person": {"type": "string", "description": "Only this person's records."},
        "rule": {"type": "string", "description": "Only this rule's records."},
        "calendar": {"type": "string", "description": "Which of the account's calendars."},
    },
}

# PATCH: only what changes; `person` or `rule` null: everyone's records, every rule's.
TARGET_CHANGES: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        **{k: v for k, v in NEW_TARGET["properties"].items() if k not in ("name",)},
        "person": {"type": ["string", "null"], "description": "Only this person's records."},
        "rule": {"type": ["string", "null"], "description": "Only this rule's records."},
    },
}


def calendars_openapi_paths(ref: Callable[[str], dict[str, str]]) -> dict[str, Any]:
    def resp(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
        body = schema if schema is not None else ref("Error")
        return {"description": description, "content": {"application/json": {"schema": body}}}

    unauthorized = resp("Missing or wrong API token (only when a token is configured).")
    missing = resp("No calendar with that name.")
    down = resp("The database cannot be read or written now.")
    name = [
        {
            "name": "name",
            "in": "path",
            "required": True,
            "description": "The calendar's name in reactiond.",
            "schema": {"type": "string"},
        }
    ]
    tags = ["calendars"]
    return {
        "/api/calendars": {
            "get": {
                "operationId": "list_calendars",
                "tags": tags,
                "summary": "The CalDAV calendars records are pushed to.",
                "responses": {
                    "200": resp(
                        "The calendars.",
                        {
                            "type": "object",
                            "required": ["items"],
                            "properties": {"items": {"type": "array", "items": TARGET}},
                        },
                    ),
                    "401": unauthorized,
                    "503": down,
                },
            },
            "post": {
                "operationId": "add_calendar",
                "tags": tags,
                "summary": "Add a calendar, after asking its server (the calendar is found "
                "from the account when the URL is the server's).",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": NEW_TARGET}},
                },
                "responses": {
                    "201": resp("The calendar as stored.", TARGET),
                    "400": resp("The calendar as given cannot be used; the hint says why."),
                    "401": unauthorized,
                    "409": resp("A calendar with that name exists."),
                    "502": resp("The server could not be asked."),
                    "503": down,
                },
            },
        },
        "/api/calendars/{name}": {
            "parameters": name,
            "get": {
                "operationId": "get_calendar",
                "tags": tags,
                "summary": "One calendar, with the records changed on its server.",
                "responses": {
                    "200": resp(
                        "The calendar.",
                        {
                            **TARGET,
                            "properties": {
                                **TARGET["properties"],
                                "pushed": {"type": "integer"},
                                "conflicts": {"type": "array", "items": {"type": "object"}},
                            },
                        },
                    ),
                    "401": unauthorized,
                    "404": missing,
                    "503": down,
                },
            },
            "patch": {
                "operationId": "edit_calendar",
                "tags": tags,
                "summary": "Change a calendar, after asking its server again (as when added); "
                "its waiting pushes run again when it works.",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": TARGET_CHANGES}},
                },
                "responses": {
                    "200": resp(
                        "The calendar as stored now.",
                        {
                            **TARGET,
                            "properties": {
                                **TARGET["properties"],
                                "moved": {"type": "boolean"},
                                "queued": {"type": "integer"},
                                "resumed": {"type": "integer"},
                            },
                        },
                    ),
                    "400": resp("The change cannot be used; the hint says why."),
                    "401": unauthorized,
                    "404": missing,
                    "502": resp("The server could not be asked."),
                    "503": down,
                },
            },
            "delete": {
                "operationId": "remove_calendar",
                "tags": tags,
                "summary": "Stop pushing to a calendar (what is there stays).",
                "responses": {
                    "204": {"description": "Removed."},
                    "401": unauthorized,
                    "404": missing,
                    "503": down,
                },
            },
        },
        "/api/calendars/{name}/test": {
            "parameters": name,
            "post": {
                "operationId": "test_calendar",
                "tags": tags,
                "summary": "Check a calendar now; when it works, its waiting pushes run again.",
                "responses": {
                    "200": resp(
                        "What was found.",
                        {
                            "type": "object",
                            "required": ["ok", "status", "detail", "resumed"],
                            "properties": {
                                "ok": {"type": "boolean"},
                                "status": {"type": "string", "enum": ["ok", "warn", "fail"]},
                                "detail": {"type": "string"},
                                "resumed": {"type": "integer"},
                            },
                        },
                    ),
                    "401": unauthorized,
                    "404": missing,
                    "503": down,
                },
            },
        },
        "/api/calendars/{name}/push": {
            "parameters": name,
            "post": {
                "operationId": "push_calendar",
                "tags": tags,
                "summary": "Queue every record the calendar takes (not cancelled).",
                "responses": {
                    "200": resp(
                        "How many were queued.",
                        {
                            "type": "object",
                            "required": ["queued"],
                            "properties": {"queued": {"type": "integer"}},
                        },
                    ),
                    "401": unauthorized,
                    "404": missing,
                    "503": down,
                },
            },
        },
        "/api/calendars/{name}/resolve": {
            "parameters": name,
            "post": {
                "operationId": "resolve_calendar_conflict",
                "tags": tags,
                "summary": "Settle a record changed both here and on the server.",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["record", "keep"],
                                "properties": {
                                    "record": {"type": "string", "description": "KIND:ID"},
                                    "keep": {"type": "string", "enum": ["server", "reactiond"]},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": resp(
                        "Settled.",
                        {
                            "type": "object",
                            "properties": {
                                "record": {"type": "string"},
                                "kept": {"type": "string"},
                            },
                        },
                    ),
                    "400": resp("No such conflict, or the body cannot be used."),
                    "401": unauthorized,
                    "404": missing,
                    "502": resp("The server could not be asked."),
                    "503": down,
                },
            },
        },
    }
