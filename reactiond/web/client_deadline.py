"""Slow clients cannot hold the daemon's connections (slowloris).

aiohttp by itself keeps a connection that sends nothing for an hour, and waits for a
body for ever: a few thousand such connections from anyone who can reach the port (the
webhook's port is reachable by Evolution, so often by more) used up the process's file
descriptors, and webhooks, the pages and the database's own files were refused. Two
bounds, both `REACTIOND_CLIENT_TIMEOUT_SECONDS`:

- the request's head, and the wait for the next request on a kept-alive connection:
  aiohttp's `keepalive_timeout` (`server_options`), which closes such a connection;
- the body: `body_deadline`, a middleware that makes any read of the body still
  unfinished at the deadline fail, wherever the handler reads it, and answers 408.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from aiohttp import StreamReader, web
from aiohttp.typedefs import Middleware

from reactiond.web.errors import json_error

log = structlog.get_logger("reactiond.web")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class BodyTooSlow(Exception):
    """The body was not all there by the deadline."""


def server_options(seconds: float) -> dict[str, Any]:
    """The AppRunner's bound on a connection waiting for a request (its head included)."""
    return {"keepalive_timeout": seconds}


def body_deadline(seconds: float) -> Middleware:
    @web.middleware
    async def deadline(request: web.Request, handler: Handler) -> web.StreamResponse:
        content = request.content
        if content.is_eof():  # no body (a GET), or all of it arrived with the head
            return await handler(request)
        timer = asyncio.get_running_loop().call_later(seconds, _expire, content)
        try:
            return await handler(request)
        except BodyTooSlow:
            log.warning("request_body_too_slow", path=request.path, seconds=seconds)
            return json_error(
                408,
                f"the request's body did not arrive within {seconds:g} s",
                "send the whole body at once; if the network is that slow, raise "
                "REACTIOND_CLIENT_TIMEOUT_SECONDS",
            )
        finally:
            timer.cancel()

    return deadline


def _expire(content: StreamReader) -> None:
    if not content.is_eof():
        content.set_exception(BodyTooSlow())
