"""Errors over HTTP are JSON: `{"error": "...", "hint": "..."}` with the right status."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import structlog
from aiohttp import web

from reactiond.store.interface import StoreUnavailable

log = structlog.get_logger("reactiond.web")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)  # "mañana", "💳" as themselves


def json_error(status: int, error: str, hint: str) -> web.Response:
    return web.json_response({"error": error, "hint": hint}, status=status, dumps=dumps)


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        response = json_error(exc.status, exc.reason, _hint_for(exc.status))
        if "Allow" in exc.headers:  # a 405 must say which methods are allowed (RFC 9110)
            response.headers["Allow"] = exc.headers["Allow"]
        return response
    except web.RequestPayloadError as exc:
        # The body could not be read as sent: compressed data that does not decompress
        # (Content-Encoding: gzip or deflate over other bytes), a chunked body cut short.
        # The sender's fault, and sending it again as it is would fail again: a 400, not
        # the 500 "can be retried" that made Evolution retry a body that cannot pass.
        log.warning("request_body_unreadable", path=request.path, why=str(exc).strip())
        return json_error(
            400,
            "body refused: it could not be read as sent"
            f" (Content-Encoding: {request.headers.get('Content-Encoding', 'none')})",
            "send the body uncompressed, or compressed as its Content-Encoding says",
        )
    except StoreUnavailable as exc:
        # Any route that meets a database that does not answer (a restart, a full disk):
        # retry later, with what to check, as the routes that catch it themselves say.
        log.warning("request_store_unavailable", path=request.path, why=exc.reason)
        return json_error(503, exc.reason, exc.hint)
    except Exception:
        log.exception("request_failed", path=request.path, method=request.method)
        return json_error(
            500, "internal error", "see the reactiond log; the request can be retried"
        )


def _hint_for(status: int) -> str:
    return {
        404: "see the README for the endpoints reactiond serves",
        405: "check the HTTP method",
        413: "send a smaller body",
    }.get(status, "check the request")
