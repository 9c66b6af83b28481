"""Who may call the local API, the exports and the metrics.

Bound to loopback, only this machine can reach them and no token is needed. Bound to
any other address, a bearer token (`REACTIOND_API_TOKEN`) is required, and the daemon
refuses to start without one. A configured token is required on loopback too. The token
is compared in constant time and never logged. The webhook keeps its own credentials,
and a calendar feed's URL carries its own token.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware

from reactiond.settings import Settings, SettingsError
from reactiond.web.errors import json_error

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve anywhere


def api_token(settings: Settings) -> str | None:
    """The token the API requires, or None on a loopback bind without one configured.

    Raises `SettingsError` for a non-loopback bind without a token: that would open the
    records of everyone in the chats to the network."""
    token = settings.api_token.get_secret_value() if settings.api_token else None
    if token is not None and not token.strip():
        token = None
    if token is None and not is_loopback(settings.host):
        raise SettingsError(
            f"refusing to listen on {settings.host} without an API token: anyone who can "
            "reach it could read and change every record; set REACTIOND_API_TOKEN to a long "
            "random value (e.g. `python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
            " or set REACTIOND_HOST=127.0.0.1"
        )
    return token


def token_matches(header: str | None, token: str) -> bool:
    if not header or header[:7].lower() != "bearer ":
        return False
    given = header[7:].strip().encode("utf-8", "surrogateescape")
    return hmac.compare_digest(given, token.encode("utf-8"))


# Every path under these needs the token; everything else (the webhook with its own
# credentials, a feed with the token in its URL) does not. A prefix, not a list of
# routes, so that API routes added by other parts (rules, the live stream) are covered.
GUARDED_PREFIXES = ("/api/", "/export/", "/metrics")
# Browsers' EventSource cannot send headers: the live stream may carry ?token= instead.
QUERY_TOKEN_PATHS = frozenset({"/api/stream"})


def needs_token(path: str) -> bool:
    return path.startswith(GUARDED_PREFIXES)


def _carries(request: web.Request, token: str) -> bool:
    if token_matches(request.headers.get("Authorization"), token):
        return True
    given = request.query.get("token") if request.path in QUERY_TOKEN_PATHS else None
    return given is not None and hmac.compare_digest(
        given.encode("utf-8", "surrogateescape"), token.encode("utf-8")
    )


class LiveToken:
    """The API token as it is now: read at start, replaced on SIGHUP (`reload`), so that
    rotating a leaked token needs no restart. Call it for the current value (None: no
    token needed)."""

    def __init__(self, settings: Settings) -> None:
        self.current = api_token(settings)  # refuses an exposed bind without one

    def __call__(self) -> str | None:
        return self.current

    def reload(self, new: Settings, bound_host: str) -> None:
        """Take the new token. Checked against the address the server is bound to (the
        host itself needs a restart): removing the token of an exposed daemon raises
        `SettingsError` and the old token stays."""
        self.current = api_token(new.model_copy(update={"host": bound_host}))


def _host_name(value: str) -> str:
    """The host of a Host header ("127.0.0.1:8787") or an Origin ("http://[::1]:8787"),
    without its scheme, port or brackets."""
    return urlsplit(value if "//" in value else "//" + value).hostname or ""


def named_elsewhere(request: web.Request) -> bool:
    """Whether the request names a host that is not this machine (DNS rebinding, or a
    name set up for the pages), as against a loopback page posted to by another site."""
    return not is_loopback(_host_name(request.headers.get("Host", "localhost")))


def from_elsewhere(request: web.Request) -> bool:
    """Whether a request to a loopback daemon without a token comes through a browser on
    another site: a page elsewhere may post to 127.0.0.1 (a "simple" request needs no
    CORS preflight), and a name it controls may be made to resolve to 127.0.0.1 (DNS
    rebinding) so that the browser reads the answers too. Either names a host that is
    not this machine, in Host or in Origin."""
    if named_elsewhere(request):
        return True
    origin = request.headers.get("Origin")
    return origin is not None and not is_loopback(_host_name(origin))


def token_middleware(token: Callable[[], str | None]) -> Middleware:
    """Requires `token()` on the guarded paths, read per request (it changes on reload);
    None lets the requests of this machine through (loopback without a token), and not
    a browser's on behalf of another site (`from_elsewhere`)."""

    @web.middleware
    async def require_token(request: web.Request, handler: Handler) -> web.StreamResponse:
        current = token()
        if current is None and needs_token(request.path) and from_elsewhere(request):
            return json_error(
                403,
                "refused: a request from another site or host name, and no API token is set",
                "call the API as http://127.0.0.1 or http://localhost from this machine, or "
                "set REACTIOND_API_TOKEN and send it as `Authorization: Bearer <token>`",
            )
        if current is not None and needs_token(request.path) and not _carries(request, current):
            response = json_error(
                401,
                "missing or wrong API token",
                "send the header `Authorization: Bearer <REACTIOND_API_TOKEN>`",
            )
            response.headers["WWW-Authenticate"] = 'Bearer realm="reactiond"'
            return response
        return await handler(request)

    return require_token
