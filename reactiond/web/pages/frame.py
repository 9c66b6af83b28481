"""What every page shares: who is looking (session, language, zone), the guard in front
of every page (login, CSRF), rendering a template, and formatting dates and money with
Babel in the reader's language and time zone."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jinja2
from aiohttp import web
from aiohttp.typedefs import Middleware
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal

from reactiond.reasons import say
from reactiond.store import web_sessions_repo
from reactiond.store.interface import StoreUnavailable
from reactiond.web.api_auth import from_elsewhere, named_elsewhere
from reactiond.web.api_common import ApiContext
from reactiond.web.pages.session import (
    CSRF_FIELD,
    HOUSE_KEY,
    SESSION_COOKIE,
    SESSION_SECONDS,
    Session,
    Sessions,
    csrf_ok,
    set_cookie,
)
from reactiond.web.pages.text import LANGUAGE_NAMES, choose_language, words
from reactiond.wording import plural_form

LANG_COOKIE = "rd_lang"
TZ_COOKIE = "rd_tz"
PREFERENCE_SECONDS = 365 * 86400

# Pages are HTML from this server only: no inline script, nothing from elsewhere.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class Viewer:
    """Who is looking: their language, zone and session, and the form they posted."""

    lang: str
    tz: str
    session: Session
    form: Mapping[str, str]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)


@dataclass
class Pages:
    """What the page handlers need: the API's context (the same store, clock and
    settings the API uses), the sessions, and the templates."""

    ctx: ApiContext
    sessions: Sessions
    env: jinja2.Environment

    def render(
        self,
        request: web.Request,
        viewer: Viewer,
        template: str,
        status: int = 200,
        **values: Any,
    ) -> web.Response:
        t = words(viewer.lang)
        shown: dict[str, Any] = {"notice": None, "notice_key": None, "error": None, "hint": None}
        shown.update(values)
        for said in ("error", "hint"):  # the API's English reasons, in the reader's language
            if isinstance(shown[said], str):
                shown[said] = say(shown[said], viewer.lang)
        html = self.env.get_template(template).render(
            t=t,
            lang=viewer.lang,
            languages=LANGUAGE_NAMES,
            tz=viewer.tz,
            csrf=viewer.session.csrf,
            csrf_field=CSRF_FIELD,
            login_needed=not self.sessions.open,
            path=request.path,
            here=here(request),
            fmt=Formatter(viewer.lang, viewer.zone),
            reason=lambda text: say(str(text), viewer.lang),  # a lower layer's English
            # "1 tentativa", "2 tentativas": a count with its noun in the reader's plural form
            count=lambda key, n: t[f"{key}.{plural_form(int(n), viewer.lang)}"].format(n=n),
            **shown,
        )
        response = web.Response(text=html, status=status, content_type="text/html")
        response.headers.update(SECURITY_HEADERS)
        response.enable_compression()  # when the browser accepts it: a tenth of the bytes
        return response


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
PageHandler = Callable[[web.Request, Viewer], Awaitable[web.StreamResponse]]
Guard = Callable[[PageHandler], Handler]


def here(request: web.Request) -> str:
    """This page's address to come back to after a form, without the last notice."""
    query = [(k, v) for k, v in request.query.items() if k != "notice"]
    return request.path + ("?" + urlencode(query) if query else "")


async def house_ready(pages: Pages) -> None:
    """The house's signing key in `pages.sessions`: read from the store once per process,
    made there by the first process of the house that asks (raises StoreUnavailable)."""
    sessions = pages.sessions
    if sessions.house_key is not None:
        return
    store = pages.ctx.store
    found = await store.read(lambda tx: web_sessions_repo.web_key(tx, HOUSE_KEY))
    if found is None:
        offered, now = secrets.token_hex(32), pages.ctx.clock()
        found = await store.write(
            lambda tx: web_sessions_repo.offer_web_key(tx, HOUSE_KEY, offered, now)
        )
    sessions.house_key = bytes.fromhex(found)


async def current_session(pages: Pages, cookie: str | None) -> Session | None:
    """The cookie's session when it is signed, unexpired, and logged out on no process of
    the house (raises StoreUnavailable: never a session the store could not vouch for)."""
    await house_ready(pages)
    session = pages.sessions.read(cookie)
    if session is None:
        return None
    nonce = session.nonce
    if await pages.ctx.store.read(lambda tx: web_sessions_repo.session_ended(tx, nonce)):
        return None
    return session


async def end_session(pages: Pages, session: Session) -> None:
    """Logout: the session ends on every web process of the house, and stays ended after a
    restart, until its cookie would have expired."""
    now = pages.ctx.clock()
    await pages.ctx.store.write(
        lambda tx: web_sessions_repo.end_session(tx, session.nonce, session.expires, now)
    )


# The session shown on a page that refuses before any session is known: no cookie goes
# out, and its forms carry no CSRF token that anything would take.
NO_SESSION = Session(nonce="", expires=0, csrf="")


def unavailable(pages: Pages, request: web.Request, exc: StoreUnavailable) -> web.Response:
    """The store does not answer: a page saying so (503), and nobody let in."""
    viewer = _viewer(pages, request, NO_SESSION, {})
    return pages.render(request, viewer, "error.html", status=503, error=exc.reason, hint=exc.hint)


def guarded(pages: Pages) -> Guard:
    """A page needs a session (a login when a token is configured); a POST needs the
    session's CSRF token too."""

    def wrap(handler: PageHandler) -> Handler:
        @functools.wraps(handler)
        async def page(request: web.Request) -> web.StreamResponse:
            sessions = pages.sessions
            if sessions.open and from_elsewhere(request):
                # Open to this machine only, as the API is (web/api_auth.py): not to a
                # site's own name made to resolve to 127.0.0.1, nor to another site's form.
                viewer = _viewer(pages, request, NO_SESSION, {})  # no cookie goes out
                t = words(viewer.lang)
                # A name that is not this machine, or a form on another site posting here
                why = t["host.refused"] if named_elsewhere(request) else t["csrf.refused"]
                return pages.render(request, viewer, "error.html", status=403, error=why, hint=None)
            try:
                session = await current_session(pages, request.cookies.get(SESSION_COOKIE))
            except StoreUnavailable as exc:
                return unavailable(pages, request, exc)
            new_cookie = None
            if session is None:
                if not sessions.open:
                    return to_login(request)
                new_cookie, session = sessions.new()
            form: Mapping[str, str] = {}
            if request.method == "POST":
                posted = await request.post()
                form = {k: v for k, v in posted.items() if isinstance(v, str)}
                if new_cookie is not None or not csrf_ok(request, session, form.get(CSRF_FIELD)):
                    viewer = _viewer(pages, request, session, {})
                    response: web.StreamResponse = refused(pages, request, viewer)
                    _keep(request, response, new_cookie)
                    return response
            viewer = _viewer(pages, request, session, form)
            try:
                response = await handler(request, viewer)
            except StoreUnavailable as exc:
                # A page that reads the store while the database does not answer: a page
                # saying so (503), not the API's JSON 500.
                response = pages.render(
                    request, viewer, "error.html", status=503, error=exc.reason, hint=exc.hint
                )
            _keep(request, response, new_cookie)
            return response

        return page

    return wrap


def _keep(request: web.Request, response: web.StreamResponse, cookie: str | None) -> None:
    if cookie is not None and not response.prepared:
        set_cookie(response, request, SESSION_COOKIE, cookie, SESSION_SECONDS)


def _viewer(
    pages: Pages, request: web.Request, session: Session, form: Mapping[str, str]
) -> Viewer:
    settings = pages.ctx.settings
    lang = choose_language(
        request.cookies.get(LANG_COOKIE),
        request.headers.get("Accept-Language"),
        settings.default_language,
    )
    return Viewer(
        lang, viewer_tz(request.cookies.get(TZ_COOKIE), settings.default_tz), session, form
    )


def viewer_tz(cookie: str | None, default: str) -> str:
    if cookie:
        try:
            ZoneInfo(cookie)
            return cookie
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    return default


def not_found(pages: Pages, request: web.Request, viewer: Viewer, what: str) -> web.Response:
    """A page's 404, as HTML (the API's middleware would answer JSON)."""
    t = words(viewer.lang)
    return pages.render(
        request,
        viewer,
        "error.html",
        status=404,
        error=f"{t['error.not_found']}{t['punct.colon']} {what}",
        hint=None,
    )


# Paths that programs call: a 404 there stays the API's JSON, whatever the Accept header.
_PROGRAM_PATHS = ("/api/", "/webhook", "/metrics", "/livez", "/feeds/", "/export/", "/static/")


def lost_browsers(pages: Pages) -> Middleware:
    """A browser that asks for a path nothing serves (a mistyped address, an old
    bookmark) gets the pages' 404 in its language with the way back to Today, not the
    API's JSON; a program (no text/html in its Accept, or one of its paths) keeps JSON."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            return await handler(request)
        except web.HTTPNotFound:
            wants_page = "text/html" in request.headers.get("Accept", "")
            if (
                request.method not in ("GET", "HEAD")
                or not wants_page
                or request.path.startswith(_PROGRAM_PATHS)
            ):
                raise
            viewer = _viewer(pages, request, NO_SESSION, {})
            return not_found(pages, request, viewer, request.path)

    return middleware


def refused(pages: Pages, request: web.Request, viewer: Viewer) -> web.Response:
    t = words(viewer.lang)
    return pages.render(
        request, viewer, "error.html", status=403, error=t["csrf.refused"], hint=None
    )


def to_login(request: web.Request) -> web.Response:
    target = "/login?" + urlencode({"next": request.path_qs if request.method == "GET" else "/"})
    response = web.Response(status=303, headers={"Location": target})
    response.headers["HX-Redirect"] = target  # htmx follows this one itself
    return response


def see_other(location: str) -> web.Response:
    """After a successful POST: back to a page (POST, redirect, GET)."""
    return web.Response(status=303, headers={"Location": location})


def safe_next(value: str | None, fallback: str = "/") -> str:
    """Only a path on this site (never //host or a scheme). Nothing unprintable either:
    browsers drop a tab or newline from a URL, so `/<TAB>/evil.example` went to that host,
    and a CR or LF cannot go into the Location header at all."""
    if (
        value
        and value.startswith("/")
        and not value.startswith("//")
        and "\\" not in value
        and value.isprintable()
    ):
        return value
    return fallback


def with_query(path: str, **params: str) -> str:
    sep = "&" if "?" in path else "?"
    return path + sep + urlencode(params)


def message_path(instance: str, message_id: str) -> str:
    return f"/trace/messages/{quote(message_id, safe='')}?" + urlencode({"instance": instance})


class Formatter:
    """Dates, times and money in the reader's language and zone (Babel)."""

    def __init__(self, lang: str, zone: ZoneInfo) -> None:
        self.locale = {"es": "es", "en": "en", "pt": "pt_BR", "fr": "fr"}.get(lang, "en")
        self.zone = zone

    def ts(self, epoch: float | None) -> str:
        if epoch is None:
            return ""
        return str(
            format_datetime(datetime.fromtimestamp(epoch, self.zone), "medium", locale=self.locale)
        )

    def iso(self, value: str | None) -> str:
        """An ISO date (a day) or an aware date-time (shown in the reader's zone)."""
        if not value:
            return ""
        try:
            if "T" not in value:
                return str(format_date(date.fromisoformat(value), "medium", locale=self.locale))
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        if moment.tzinfo is None:
            return str(format_datetime(moment, "medium", locale=self.locale))
        return str(format_datetime(moment.astimezone(self.zone), "medium", locale=self.locale))

    def money(self, amount: str, currency: str) -> str:
        try:
            return str(format_currency(Decimal(amount), currency, locale=self.locale))
        except (InvalidOperation, ValueError):
            return f"{amount} {currency}"

    def number(self, value: float, digits: int = 2) -> str:
        return str(format_decimal(round(value, digits), locale=self.locale))

    def percent(self, value: float | None) -> str:
        return "—" if value is None else f"{round(value * 100)} %"
