"""The OpenAPI 3.1 document served at `/api/openapi.json`.

Written as data here; the record and change schemas come from the pydantic models the
code uses, and the filters from the same tables the code checks them with, so the
document cannot drift from them. A test checks that every route the server has is in
it, and schemathesis checks the server against it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from reactiond.caldav.openapi import calendars_openapi_paths
from reactiond.domain import JobStatus
from reactiond.exports.selection import CALENDAR_KINDS, export_filter_names
from reactiond.outbox_report import KINDS as OUTBOX_KINDS
from reactiond.outbox_report import MAX_LIMIT as OUTBOX_MAX_LIMIT
from reactiond.outbox_report import STATUSES as OUTBOX_STATUSES
from reactiond.records.change import CHANGES
from reactiond.records.kinds import SPECS, KindSpec, RecordKind
from reactiond.records.model import Bill, CalendarEvent, Note, Task
from reactiond.records.query import MAX_LIMIT, filter_names, sort_names
from reactiond.records.reader_zone import READER_ZONE
from reactiond.rules.model import Rule
from reactiond.web.api_trace import trace_openapi_paths
from reactiond.web.digests_api import digests_openapi_paths
from reactiond.web.people_api import people_openapi_paths
from reactiond.web.rules_api import rules_openapi_paths
from reactiond.web.talk_api import talk_openapi_paths

REF = "#/components/schemas/{model}"
RECORD_MODELS: dict[RecordKind, type[BaseModel]] = {
    RecordKind.TASKS: Task,
    RecordKind.CALENDAR_EVENTS: CalendarEvent,
    RecordKind.BILLS: Bill,
    RecordKind.NOTES: Note,
}
JSON = "application/json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF.format(model=name)}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": _ref("Error")}}}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": schema}}}


UNAUTHORIZED = _error("Missing or wrong API token (only when a token is configured).")
BAD_REQUEST = _error("A filter, sort, limit, cursor or change that cannot be used.")
STORE_DOWN = _error("The database cannot be read or written now.")


def _query(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _filter_param(spec: KindSpec, name: str) -> dict[str, Any]:
    when = spec.when_name
    descriptions = {
        "status": f"One or more of {', '.join(spec.statuses)}, separated by commas.",
        "reactor": "Who reacted: a phone number or a JID.",
        "chat": "The chat: a JID (…@g.us for groups) or a phone number.",
        "instance": "The Evolution instance.",
        "q": "Text to look for (case-insensitive for ASCII letters).",
        "sort": "Sort key; a leading - sorts descending.",
        "limit": f"Records per page, 1 to {MAX_LIMIT} (default 50).",
        "cursor": "next_cursor from the previous page, unchanged.",
        f"{when}_from": f"{when} on or after: 2026-01-15 or 2026-01-15T09:30 (record's zone).",
        f"{when}_to": f"{when} on or before: a whole day, or up to a local time.",
    }
    schema: dict[str, Any] = {"type": "string"}
    if name == "sort":
        schema = {"type": "string", "enum": list(sort_names(spec))}
    elif name == "limit":
        schema = {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}
    return _query(name, descriptions[name], schema)


READER_ZONE_PARAM = _query(
    READER_ZONE,
    "Show times in this IANA zone (e.g. Europe/Madrid) instead of each record's own:"
    " due and start date-times and the instants; a date alone stays a date.",
)

ID_PARAM = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
}


def _record_paths(spec: KindSpec) -> dict[str, Any]:
    model = RECORD_MODELS[spec.kind].__name__
    change = CHANGES[spec.kind].__name__
    base = f"/api/{spec.kind.value}"
    tag = spec.kind.value
    return {
        base: {
            "get": {
                "operationId": f"list_{spec.table}",
                "tags": [tag],
                "summary": f"List {spec.kind.value} with filters, sorting and cursor pages.",
                "parameters": [
                    *(_filter_param(spec, n) for n in filter_names(spec)),
                    READER_ZONE_PARAM,
                ],
                "responses": {
                    "200": _json(
                        "One page.",
                        {
                            "type": "object",
                            "required": ["items", "next_cursor"],
                            "properties": {
                                "items": {"type": "array", "items": _ref(model)},
                                "next_cursor": {"type": ["string", "null"]},
                            },
                        },
                    ),
                    "400": BAD_REQUEST,
                    "401": UNAUTHORIZED,
                    "503": STORE_DOWN,
                },
            }
        },
        base + "/{id}": {
            "parameters": [ID_PARAM],
            "get": {
                "operationId": f"get_{spec.singular}",
                "tags": [tag],
                "summary": f"One {spec.singular}.",
                "parameters": [READER_ZONE_PARAM],
                "responses": {
                    "200": _json(f"The {spec.singular}.", _ref(model)),
                    "400": _error("An unknown time zone or parameter."),
                    "401": UNAUTHORIZED,
                    "404": _error(f"No {spec.singular} with that id."),
                    "503": STORE_DOWN,
                },
            },
            "patch": {
                "operationId": f"change_{spec.singular}",
                "tags": [tag],
                "summary": f"Change a {spec.singular}'s status or fields.",
                "requestBody": {
                    "required": True,
                    "content": {JSON: {"schema": _ref(change)}},
                },
                "responses": {
                    "200": _json(f"The {spec.singular} after the change.", _ref(model)),
                    "400": BAD_REQUEST,
                    "401": UNAUTHORIZED,
                    "404": _error(f"No {spec.singular} with that id."),
                    "503": STORE_DOWN,
                },
            },
        },
        f"/export/{spec.kind.value}.csv": {
            "get": {
                "operationId": f"export_{spec.table}_csv",
                "tags": ["exports"],
                "summary": f"Every matching {spec.singular} as CSV (UTF-8, one header row).",
                "parameters": [_filter_param(spec, n) for n in export_filter_names(spec)],
                "responses": {
                    "200": {
                        "description": "CSV.",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    "400": BAD_REQUEST,
                    "401": UNAUTHORIZED,
                    "503": STORE_DOWN,
                },
            }
        },
    }


JOB = {
    "type": "object",
    "required": ["id", "kind", "status", "attempts", "max_attempts", "run_at", "last_error"],
    "properties": {
        "id": {"type": "integer"},
        "kind": {"type": "string"},
        "status": {"type": "string", "enum": [s.value for s in JobStatus]},
        "priority": {"type": "integer"},
        "attempts": {"type": "integer"},
        "max_attempts": {"type": "integer"},
        "run_at": {"type": ["string", "null"]},
        "last_error": {"type": ["string", "null"]},
        "created_at": {"type": ["string", "null"]},
        "updated_at": {"type": ["string", "null"]},
        "payload": {"type": "object"},
    },
}
ATTEMPT = {
    "type": "object",
    "required": ["attempt", "started_at", "finished_at", "outcome", "error"],
    "properties": {
        "attempt": {"type": "integer"},
        "started_at": {"type": ["string", "null"]},
        "finished_at": {"type": ["string", "null"]},
        "outcome": {"type": ["string", "null"]},
        "error": {"type": ["string", "null"]},
    },
}
REPLY = {
    "type": "object",
    "required": [
        "id",
        "status",
        "instance",
        "destination",
        "kind",
        "text",
        "attempts",
        "last_error",
        "created_at",
    ],
    "properties": {
        "id": {"type": "integer"},
        "status": {"type": "string", "enum": list(OUTBOX_STATUSES)},
        "instance": {"type": "string"},
        "destination": {"type": "string"},
        "kind": {"type": "string", "enum": list(OUTBOX_KINDS)},
        "text": {
            "type": "string",
            "description": "The whole text of a reply; the emoji of a reaction.",
        },
        "language": {"type": ["string", "null"]},
        "action_id": {"type": ["integer", "null"]},
        "attempts": {"type": "integer"},
        "next_attempt_at": {"type": ["string", "null"]},
        "last_error": {"type": ["string", "null"]},
        "sent_message_id": {"type": ["string", "null"]},
        "created_at": {"type": ["string", "null"]},
        "updated_at": {"type": ["string", "null"]},
        "sent_at": {"type": ["string", "null"]},
    },
}
CHECK = {
    "type": "object",
    "required": ["ok"],
    "properties": {
        "ok": {"type": "boolean"},
        "problem": {"type": "string"},
        "warning": {"type": "string"},
        "hint": {"type": "string"},
    },
}
HEALTH = {
    "type": "object",
    "required": ["status", "failing", "warnings", "checks"],
    "properties": {
        "status": {"type": "string", "enum": ["ok", "failing"]},
        "failing": {"type": "array", "items": {"type": "string"}},
        "warnings": {"type": "array", "items": {"type": "string"}},
        "checks": {"type": "object", "additionalProperties": CHECK},
    },
}
WINDOW_PARAMS = [
    _query("since", "Start: 2026-01-15 or 2026-01-15T09:30 (default: 7 days before until)."),
    _query("until", "End (default: now)."),
    _query(
        "tz", "IANA zone for dates without an offset and for by_hour (default: the instance's)."
    ),
]
WINDOW_PROPS = {
    "since": {"type": "string"},
    "until": {"type": "string"},
    "tz": {"type": "string"},
}
CALENDAR = {"text/calendar": {"schema": {"type": "string"}}}


def _other_paths() -> dict[str, Any]:
    return {
        "/api/queue": {
            "get": {
                "operationId": "list_jobs",
                "tags": ["queue"],
                "summary": "Jobs, newest first, and the queue's figures.",
                "parameters": [
                    _query(
                        "status",
                        "Job status.",
                        {"type": "string", "enum": [s.value for s in JobStatus]},
                    ),
                    _query("kind", "Job kind, e.g. reaction."),
                    _query(
                        "limit",
                        "1 to 1000 (default 50).",
                        {"type": "integer", "minimum": 1, "maximum": 1000},
                    ),
                ],
                "responses": {
                    "200": _json(
                        "Jobs and stats.",
                        {
                            "type": "object",
                            "required": ["jobs", "stats"],
                            "properties": {
                                "jobs": {"type": "array", "items": _ref("Job")},
                                "stats": {"type": "object"},
                            },
                        },
                    ),
                    "400": BAD_REQUEST,
                    "401": UNAUTHORIZED,
                    "503": STORE_DOWN,
                },
            }
        },
        "/api/queue/{id}": {
            "parameters": [ID_PARAM],
            "get": {
                "operationId": "get_job",
                "tags": ["queue"],
                "summary": "One job with its attempts and last error.",
                "responses": {
                    "200": _json(
                        "The job.",
                        {
                            "allOf": [
                                _ref("Job"),
                                {
                                    "type": "object",
                                    "required": ["attempt_log"],
                                    "properties": {
                                        "attempt_log": {"type": "array", "items": _ref("Attempt")}
                                    },
                                },
                            ]
                        },
                    ),
                    "401": UNAUTHORIZED,
                    "404": _error("No such job."),
                    "503": STORE_DOWN,
                },
            },
        },
        "/api/queue/{id}/retry": {
            "parameters": [ID_PARAM],
            "post": {
                "operationId": "retry_job",
                "tags": ["queue"],
                "summary": "Give a dead job a fresh set of attempts, runnable now.",
                "responses": {
                    "200": _json("The job, queued again.", _ref("Job")),
                    "401": UNAUTHORIZED,
                    "404": _error("No such job."),
                    "409": _error("The job is not dead: it runs on its own."),
                    "503": STORE_DOWN,
                },
            },
        },
        "/api/outbox": {
            "get": {
                "operationId": "list_replies",
                "tags": ["outbox"],
                "summary": "Replies and reactions reactiond sends, newest first, with text.",
                "parameters": [
                    _query(
                        "status",
                        f"One or more of {', '.join(OUTBOX_STATUSES)}, separated by commas.",
                    ),
                    _query("instance", "The Evolution instance."),
                    _query("destination", "Where it goes, as listed (a number or a group JID)."),
                    _query(
                        "kind", "text or reaction.", {"type": "string", "enum": list(OUTBOX_KINDS)}
                    ),
                    _query(
                        "limit",
                        f"Replies per page, 1 to {OUTBOX_MAX_LIMIT} (default 50).",
                        {"type": "integer", "minimum": 1, "maximum": OUTBOX_MAX_LIMIT},
                    ),
                    _query("cursor", "next_cursor from the previous page, unchanged."),
                ],
                "responses": {
                    "200": _json(
                        "One page.",
                        {
                            "type": "object",
                            "required": ["items", "next_cursor"],
                            "properties": {
                                "items": {"type": "array", "items": _ref("Reply")},
                                "next_cursor": {"type": ["string", "null"]},
                            },
                        },
                    ),
                    "400": BAD_REQUEST,
                    "401": UNAUTHORIZED,
                    "503": STORE_DOWN,
                },
            }
        },
        "/api/outbox/{id}": {
            "parameters": [ID_PARAM],
            "get": {
                "operationId": "get_reply",
                "tags": ["outbox"],
                "summary": "One reply with its whole text, attempts and last error.",
                "responses": {
                    "200": _json("The reply.", _ref("Reply")),
                    "401": UNAUTHORIZED,
                    "404": _error("No such reply."),
                    "503": STORE_DOWN,
                },
            },
        },
        "/api/outbox/{id}/retry": {
            "parameters": [ID_PARAM],
            "post": {
                "operationId": "retry_reply",
                "tags": ["outbox"],
                "summary": "Send a dead reply (or one waiting for its next attempt) again now.",
                "responses": {
                    "200": _json("The reply, pending again.", _ref("Reply")),
                    "401": UNAUTHORIZED,
                    "404": _error("No such reply."),
                    "409": _error("The reply is sent, being sent or cancelled."),
                    "503": STORE_DOWN,
                },
            },
        },
        "/api/analytics/nlp": {
            "get": {
                "operationId": "nlp_analytics",
                "tags": ["analytics"],
                "summary": "Parser results by parser and language.",
                "parameters": WINDOW_PARAMS,
                "responses": {
                    "200": _json(
                        "Figures for the window.",
                        {
                            "type": "object",
                            "required": ["total", "successful", "by_parser_language"],
                            "properties": {
                                **WINDOW_PROPS,
                                "total": {"type": "integer"},
                                "successful": {"type": "integer"},
                                "success_rate": {"type": ["number", "null"]},
                                "by_parser_language": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": [
                                            "parser",
                                            "language",
                                            "total",
                                            "successful",
                                            "success_rate",
                                            "average_confidence",
                                            "average_ms",
                                        ],
                                        "properties": {
                                            "parser": {"type": "string"},
                                            "language": {"type": "string"},
                                            "total": {"type": "integer"},
                                            "successful": {"type": "integer"},
                                            "success_rate": {"type": "number"},
                                            "average_confidence": {"type": "number"},
                                            "average_ms": {"type": "number"},
                                        },
                                    },
                                },
                            },
                        },
                    ),
                    "400": BAD_REQUEST,
                    "401": UNAUTHORIZED,
                    "503": STORE_DOWN,
                },
            }
        },
        "/api/analytics/actions": {
            "get": {
                "operationId": "action_analytics",
                "tags": ["analytics"],
                "summary": "Actions by emoji and rule, top reactors, by local hour.",
                "parameters": WINDOW_PARAMS,
                "responses": {
                    "200": _json(
                        "Figures for the window.",
                        {
                            "type": "object",
                            "required": ["total", "groups", "top_reactors", "by_hour"],
                            "properties": {
                                **WINDOW_PROPS,
                                "total": {"type": "integer"},
                                "groups": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["emoji", "rule", "count", "success_rate"],
                                        "properties": {
                                            "emoji": {"type": "string"},
                                            "rule_id": {"type": ["integer", "null"]},
                                            "rule": {"type": "string"},
                                            "count": {"type": "integer"},
                                            "succeeded": {"type": "integer"},
                                            "success_rate": {"type": "number"},
                                        },
                                    },
                                },
                                "top_reactors": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["id", "jid", "count"],
                                        "properties": {
                                            "id": {"type": "integer"},
                                            "jid": {"type": "string"},
                                            "name": {"type": ["string", "null"]},
                                            "count": {"type": "integer"},
                                        },
                                    },
                                },
                                "by_hour": {
                                    "type": "array",
                                    "items": {"type": "integer"},
                                    "minItems": 24,
                                    "maxItems": 24,
                                },
                            },
                        },
                    ),
                    "400": BAD_REQUEST,
                    "401": UNAUTHORIZED,
                    "503": STORE_DOWN,
                },
            }
        },
        "/api/stream": {
            "get": {
                "operationId": "stream",
                "tags": ["operations"],
                "summary": "Server-Sent Events from the durable event log (docs/talkback.md).",
                "description": (
                    "record.created, record.updated, record.cancelled, job.failed,"
                    " reply.dead and calendar.conflict, each with `id:` = its event-log id;"
                    " reconnect with `Last-Event-ID` to resume; `: heartbeat` comments keep it"
                    " open. The response never ends on its own."
                ),
                "parameters": [
                    {
                        "name": "Last-Event-ID",
                        "in": "header",
                        "required": False,
                        "description": "Resume after this event id (a whole number).",
                        "schema": {"type": "string", "pattern": "^\\s*[0-9]+\\s*$"},
                    },
                    _query(
                        "last_event_id",
                        "Resume after this event id (for clients that cannot set headers).",
                        {"type": "integer", "minimum": 0},
                    ),
                    _query("types", "Comma-separated event types to keep."),
                    _query("token", "The API token, for EventSource (cannot send headers)."),
                ],
                "responses": {
                    "200": {
                        "description": "The event stream.",
                        "content": {"text/event-stream": {"schema": {"type": "string"}}},
                    },
                    "400": _error(
                        "An unknown event type in `types`, or a resume id that is not an event id."
                    ),
                    "401": UNAUTHORIZED,
                    "503": STORE_DOWN,
                },
            }
        },
        "/api/health": {
            "get": {
                "operationId": "health",
                "tags": ["operations"],
                "summary": (
                    "Readiness: 200 when every check passes (warnings named in"
                    " `warnings`), 503 naming the failing ones."
                ),
                "responses": {
                    "200": _json("Healthy.", _ref("Health")),
                    "401": UNAUTHORIZED,
                    "503": _json("One or more checks fail.", _ref("Health")),
                },
            }
        },
        "/livez": {
            "get": {
                "operationId": "livez",
                "tags": ["operations"],
                "summary": "Liveness: 200 while the process answers; no token, no data.",
                "description": (
                    "For load balancers and watchdogs. It reads nothing, so it says only"
                    " that the process is alive; /api/health is the readiness report."
                ),
                "security": [],
                "responses": {
                    "200": _json(
                        "Alive.",
                        {
                            "type": "object",
                            "required": ["status"],
                            "properties": {"status": {"type": "string", "enum": ["alive"]}},
                        },
                    ),
                },
            }
        },
        "/metrics": {
            "get": {
                "operationId": "metrics",
                "tags": ["operations"],
                "summary": "Prometheus metrics (text exposition format).",
                "responses": {
                    "200": {
                        "description": "Metrics.",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    },
                    "401": UNAUTHORIZED,
                    "503": STORE_DOWN,
                },
            }
        },
        "/export/calendar.ics": {
            "get": {
                "operationId": "export_calendar",
                "tags": ["exports"],
                "summary": "Events, bills (all-day on their due date) and dated tasks.",
                "parameters": [
                    _query(
                        "kind",
                        "Only one kind.",
                        {"type": "string", "enum": [k.value for k in CALENDAR_KINDS]},
                    ),
                    _query("reactor", "Who reacted: a phone number or a JID."),
                    _query("chat", "The chat: a JID or a phone number."),
                ],
                "responses": {
                    "200": {"description": "iCalendar.", "content": CALENDAR},
                    "400": BAD_REQUEST,
                    "401": UNAUTHORIZED,
                    "503": STORE_DOWN,
                },
            }
        },
        "/feeds/{token}.ics": {
            "get": {
                "operationId": "calendar_feed",
                "tags": ["exports"],
                "summary": "A live calendar feed; the token in the URL is its credential.",
                "security": [],
                "parameters": [
                    {"name": "token", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {"description": "iCalendar.", "content": CALENDAR},
                    "304": {"description": "The client's copy is current."},
                    "404": _error("No such feed (unknown, rotated or revoked)."),
                    "503": STORE_DOWN,
                },
            }
        },
        "/api/openapi.json": {
            "get": {
                "operationId": "openapi",
                "tags": ["operations"],
                "summary": "This document.",
                "responses": {
                    "200": _json("OpenAPI 3.1.", {"type": "object"}),
                    "401": UNAUTHORIZED,
                },
            }
        },
        "/webhook/{instance}": _webhook("webhook"),
        "/webhook/{instance}/{event}": _webhook("webhook_by_event"),
    }


def _webhook(operation: str) -> dict[str, Any]:
    params = [{"name": "instance", "in": "path", "required": True, "schema": {"type": "string"}}]
    if operation == "webhook_by_event":
        params.append(
            {"name": "event", "in": "path", "required": True, "schema": {"type": "string"}}
        )
    return {
        "post": {
            "operationId": operation,
            "tags": ["webhook"],
            "summary": "Evolution API events (not for people: see the README).",
            "security": [{"webhookSecret": []}, {"webhookToken": []}],
            "parameters": params,
            "requestBody": {"required": True, "content": {JSON: {"schema": {"type": "object"}}}},
            "responses": {
                "200": _json("Stored.", {"type": "object"}),
                "400": _error("Not an Evolution event."),
                "401": _error("Missing or wrong webhook credentials."),
                "403": _error("Instance not allowed."),
                "413": _error("Body too large."),
                "503": _error("Not stored; Evolution will redeliver."),
            },
        }
    }


def _schemas() -> dict[str, Any]:
    models: list[tuple[type[BaseModel], JsonSchemaMode]] = [
        *((m, "serialization") for m in RECORD_MODELS.values()),
        *((m, "validation") for m in CHANGES.values()),
        (Rule, "validation"),
    ]
    _, top = models_json_schema(models, ref_template=REF)
    schemas: dict[str, Any] = dict(top.get("$defs", {}))
    schemas["Error"] = {
        "type": "object",
        "required": ["error", "hint"],
        "properties": {"error": {"type": "string"}, "hint": {"type": "string"}},
    }
    schemas["Job"] = JOB
    schemas["Reply"] = REPLY
    schemas["Attempt"] = ATTEMPT
    schemas["Health"] = HEALTH
    return schemas


def openapi_document(version: str) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for spec in SPECS.values():
        paths.update(_record_paths(spec))
    paths.update(_other_paths())
    paths.update(rules_openapi_paths(_ref))
    paths.update(trace_openapi_paths())
    paths.update(digests_openapi_paths(_ref))
    paths.update(talk_openapi_paths(_ref))
    paths.update(people_openapi_paths(_ref))
    paths.update(calendars_openapi_paths(_ref))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "reactiond",
            "version": version,
            "description": (
                "The local API of reactiond: records made from WhatsApp reactions, the job "
                "queue, the outbox of replies, analytics, exports, calendar feeds, health and "
                "metrics. Bound to loopback it needs no token; bound elsewhere every call but "
                "the feeds, the webhook and /livez needs `Authorization: Bearer "
                '<REACTIOND_API_TOKEN>`. Errors are `{"error", "hint"}`.'
            ),
        },
        # Either; the daemon serving the document says which it asks (web/api.py).
        "security": [{"bearerAuth": []}, {}],
        "paths": paths,
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer"},
                "webhookSecret": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-Reactiond-Secret",
                },
                "webhookToken": {"type": "apiKey", "in": "query", "name": "token"},
            },
        },
    }
