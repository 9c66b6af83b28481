"""What an Evolution error answer means for the request that got it. A pure function of
the status and the body (CONTRACT.md §6 and §9).

Evolution's status codes say little on their own: any exception while sending becomes
`400` with the error text (`Error: Connection Closed` while WhatsApp reconnects, also
seen as `500`), a group that does not exist `400 "[object Object]"`, a number not on
WhatsApp `400 [{exists: false, …}]`, an unknown route `404 ["Cannot POST /…"]` (a wrong
base URL or proxy prefix) beside `404` for an unknown instance, and 2.4 gates everything
behind `503 {code: "LICENSE_REQUIRED"}`. So the body decides.
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from typing import Any


class Failure(StrEnum):
    """What the caller should do about an answer that was not 2xx."""

    DISCONNECTED = "disconnected"  # WhatsApp's socket is closed: retry once it is open
    TRANSIENT = "transient"  # timed out, rate limited, 5xx: retry later
    UNAUTHORIZED = "unauthorized"  # fix the API key
    UNKNOWN_ROUTE = "unknown_route"  # fix the base URL (proxy prefix?)
    INSTANCE_NOT_FOUND = "instance_not_found"  # fix the instance name
    LICENSE_REQUIRED = "license_required"  # Evolution 2.4 wants a licence: configuration
    NOT_ON_WHATSAPP = "not_on_whatsapp"  # this number will never receive it
    REJECTED = "rejected"  # validation and other refusals: the same request fails again


# Baileys' and Evolution's words for "the WhatsApp socket is not there right now".
_DISCONNECTED = re.compile(
    r"connection (closed|lost|failure|terminated)|not connected|stream errored"
    r"|websocket (is )?not open|socket (is )?closed",
    re.IGNORECASE,
)
# Worth another try later, but not a closed socket.
_TRANSIENT = re.compile(r"timed? ?out|rate-?overlimit|too many requests", re.IGNORECASE)
_UNKNOWN_ROUTE = re.compile(r"^Cannot (GET|POST|PUT|PATCH|DELETE) /", re.IGNORECASE)


def messages_of(payload: Any) -> list[str]:
    """Every string Evolution put in its answer's `response.message` (or `message`),
    however deep; objects as JSON."""
    if not isinstance(payload, dict):
        return [str(payload)] if payload not in (None, "") else []
    response = payload.get("response")
    message = response.get("message") if isinstance(response, dict) else payload.get("message")
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            found.append(json.dumps(value, ensure_ascii=False))
        elif value is not None:
            found.append(str(value))

    walk(message)
    return found


def _code(payload: Any) -> str | None:
    if not isinstance(payload, dict):
        return None
    response = payload.get("response")
    for where in (payload, response if isinstance(response, dict) else {}):
        code = where.get("code")
        if isinstance(code, str):
            return code
    return None


def _not_on_whatsapp(payload: Any) -> bool:
    if not isinstance(payload, dict):
        return False
    response = payload.get("response")
    message = response.get("message") if isinstance(response, dict) else None
    items = message if isinstance(message, list) else [message]
    return any(isinstance(i, dict) and i.get("exists") is False for i in items)


def classify(status: int, payload: Any) -> Failure:
    """The meaning of a non-2xx answer; `payload` is the parsed body (or its text)."""
    if _code(payload) == "LICENSE_REQUIRED":
        return Failure.LICENSE_REQUIRED
    texts = messages_of(payload)
    joined = " ".join(texts)
    if status in (401, 403):
        return Failure.UNAUTHORIZED
    if status == 404:
        if any(_UNKNOWN_ROUTE.match(t.strip()) for t in texts):
            return Failure.UNKNOWN_ROUTE
        return Failure.INSTANCE_NOT_FOUND
    if _DISCONNECTED.search(joined):
        return Failure.DISCONNECTED
    if status >= 500 or status in (408, 429) or _TRANSIENT.search(joined):
        return Failure.TRANSIENT
    if _not_on_whatsapp(payload):
        return Failure.NOT_ON_WHATSAPP
    return Failure.REJECTED


def explain_object_object(message: str) -> str:
    """Evolution's "[object Object]" is a failure it could not put in words; when sending
    it is nearly always a group that does not exist or that this number is not in."""
    if message.strip() == "[object Object]":
        return (
            "Evolution could not send and gave no reason ([object Object]): usually a group"
            " that does not exist or that this number is no longer in"
        )
    return message
