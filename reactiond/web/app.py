"""The aiohttp application: routes from each part, JSON errors, the body-size limit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from aiohttp import web
from aiohttp.typedefs import Middleware

from reactiond.web.errors import json_errors


def build_web_app(
    routes: Iterable[web.RouteDef],
    *,
    max_body_bytes: int,
    middlewares: Sequence[Middleware] = (),
) -> web.Application:
    # client_max_size bounds what aiohttp buffers; the webhook checks its own limit too.
    # JSON errors wrap everything, the parts' middlewares (e.g. the API token) included.
    app = web.Application(middlewares=[json_errors, *middlewares], client_max_size=max_body_bytes)
    app.add_routes(list(routes))
    return app
