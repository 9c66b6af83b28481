"""What aiohttp refuses before any route or middleware runs, answered as our errors are.

A body sent with `Content-Encoding: br` or `zstd` is refused while aiohttp parses the
request's head (it has no Brotli nor Zstandard decoder here): its own answer was a
plain-text 400 "Can not decode content-encoding: brotli (br). Please install `Brotli`",
advice for whoever runs the server, not for the sender, and the `json_errors` middleware
never saw it. Here it is the JSON 400 a gzip body that does not decompress gets
(`web/errors.py`): what was refused and what to send instead, and a warning in the log.

aiohttp has no public hook for these answers: `JsonErrorsRunner` is an `AppRunner` whose
server builds connections with `handle_error` overridden for that one error; any other
goes to aiohttp's own answer as before."""

from __future__ import annotations

import re
from typing import Any

import structlog
from aiohttp import web
from aiohttp.http_exceptions import ContentEncodingError
from aiohttp.web_protocol import RequestHandler

from reactiond.web.errors import json_error

log = structlog.get_logger("reactiond.web")

# "Can not decode content-encoding: brotli (br). Please install `Brotli`"
_ENCODING = re.compile(r"\(([\w-]+)\)")


def unsupported_encoding(exc: ContentEncodingError) -> web.Response:
    """The 400 for a body in an encoding this server cannot read."""
    found = _ENCODING.search(str(exc))
    encoding = found[1] if found else "unknown"
    log.warning("request_body_encoding_unsupported", encoding=encoding)
    response = json_error(
        400,
        f"body refused: Content-Encoding {encoding} is not read here",
        "send the body uncompressed, or compressed with gzip or deflate",
    )
    response.force_close()  # as aiohttp does after a request it could not parse
    return response


class _Connection(RequestHandler):
    def handle_error(
        self,
        request: web.BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        if isinstance(exc, ContentEncodingError) and request.writer.output_size == 0:
            return unsupported_encoding(exc)
        return super().handle_error(request, status, exc, message)


class _Server(web.Server):
    def __call__(self) -> RequestHandler:
        return _Connection(self, loop=self._loop, **self._kwargs)


class JsonErrorsRunner(web.AppRunner):
    """`web.AppRunner`, whose connections answer a request refused as it is parsed (a body
    in an encoding not read here) with our JSON error."""

    async def _make_server(self) -> web.Server:
        made = await super()._make_server()
        kwargs: dict[str, Any] = dict(made._kwargs)
        return _Server(
            made.request_handler,
            request_factory=made.request_factory,
            handler_cancellation=made.handler_cancellation,
            loop=made._loop,
            **kwargs,
        )
