"""What every JSON endpoint shares: the context it runs in, JSON answers, and turning
the errors of the layers below into `{"error", "hint"}` with the right status."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from reactiond.records.errors import InvalidChange, InvalidFilter, RecordNotFound, RecordsError
from reactiond.settings import Settings
from reactiond.store.interface import Store, StoreUnavailable
from reactiond.web.errors import dumps, json_error
from reactiond.web.health import DatabaseProbe
from reactiond.whole_number import whole_number

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class ApiContext:
    store: Store
    clock: Callable[[], float]
    current_settings: Callable[[], Settings]  # a function: SIGHUP replaces the settings
    # One per daemon: /api/health and the Today page share its writes (web/health.py).
    database_probe: DatabaseProbe = field(default_factory=DatabaseProbe)

    @property
    def settings(self) -> Settings:
        return self.current_settings()


def ok(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=dumps)


def answers_errors(handler: Handler) -> Handler:
    """Map the known failures to their status; anything else is the middleware's 500."""

    @functools.wraps(handler)
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except RecordNotFound as exc:
            return json_error(404, exc.error, exc.hint)
        except (InvalidFilter, InvalidChange) as exc:
            return json_error(400, exc.error, exc.hint)
        except RecordsError as exc:
            return json_error(400, exc.error, exc.hint)
        except StoreUnavailable as exc:
            return json_error(503, exc.reason, exc.hint)

    return wrapped


def path_id(request: web.Request, what: str, listing: str) -> int:
    raw = request.match_info["id"]
    value = whole_number(raw) or 0
    if not 1 <= value <= MAX_ID:
        raise RecordNotFound(f"no {what} {raw!r}: ids are positive whole numbers", listing)
    return value


def single_params(request: web.Request) -> dict[str, str]:
    """Query parameters, refusing one given twice (which value would win is a guess)."""
    params: dict[str, str] = {}
    for key, value in request.query.items():
        if key in params:
            raise InvalidFilter(f"{key} is given twice", f"give {key} once")
        params[key] = value
    return params
