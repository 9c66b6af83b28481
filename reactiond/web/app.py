"""The aiohttp application: routes from each part, JSON errors, the body-size limit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from aiohttp import web
from aiohttp.typedefs import Middleware

from reactiond.web.client_deadline import body_deadline
from reactiond.web.errors import json_errors


def build_web_app(
    routes: Iterable[web.RouteDef],
    *,
    max_body_bytes: int,
    middlewares: Sequence[Middleware] = (),
    client_timeout_seconds: float | None = None,
) -> web.Application:
    # client_max_size bounds what aiohttp buffers; the webhook checks its own limit too.
    # JSON errors wrap everything, the parts' middlewares (e.g. the API token) included.
    # The body's deadline wraps the parts' middlewares: what they refuse (a wrong token)
    # is answered at once, without waiting for the body.
    deadline = [] if client_timeout_seconds is None else [body_deadline(client_timeout_seconds)]
    app = web.Application(
        middlewares=[json_errors, *deadline, *middlewares], client_max_size=max_body_bytes
    )
    app.add_routes(list(routes))
    return app
