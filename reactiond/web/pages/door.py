"""The way in and the page's own preferences: login, logout, the language switch, the
reader's time zone, the static files and the live event stream for the pages."""

from __future__ import annotations

from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import structlog
from aiohttp import web

from reactiond.store import web_sessions_repo
from reactiond.store.interface import StoreUnavailable
from reactiond.web.pages.frame import (
    LANG_COOKIE,
    PREFERENCE_SECONDS,
    SECURITY_HEADERS,
    TZ_COOKIE,
    Guard,
    Pages,
    Viewer,
    current_session,
    end_session,
    house_ready,
    safe_next,
    see_other,
    to_login,
    unavailable,
    with_query,
)
from reactiond.web.pages.session import (
    CSRF_FIELD,
    LOGIN_COOKIE,
    LOGIN_FORM_SECONDS,
    LOGIN_TRY_WINDOW,
    SESSION_COOKIE,
    SESSION_SECONDS,
    set_cookie,
)
from reactiond.web.pages.text import LANGUAGE_NAMES, PAGE_LANGUAGES, choose_language, words
from reactiond.web.stream import EventStream
from reactiond.zones import canonical_zone

log = structlog.get_logger("reactiond.web.pages")

STATIC_TYPES = {
    ".css": "text/css",
    ".js": "text/javascript",
    ".txt": "text/plain",
}


def _static_files() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("reactiond.web.pages") / "static"
    files = {}
    for entry in folder.iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1]
        if entry.is_file() and suffix in STATIC_TYPES:
            files[entry.name] = (entry.read_bytes(), STATIC_TYPES[suffix])
    return files


def door_routes(pages: Pages, guard: Guard, stream: EventStream) -> list[web.RouteDef]:
    sessions = pages.sessions
    static = _static_files()  # a few small files, read once

    def login_page(
        request: web.Request, next_path: str, error: str | None, status: int = 200
    ) -> web.Response:
        """The form; the house's key was read before (`house_ready`)."""
        lang = choose_language(
            request.cookies.get(LANG_COOKIE),
            request.headers.get("Accept-Language"),
            pages.ctx.settings.default_language,
        )
        nonce = sessions.login_nonce(request.cookies.get(LOGIN_COOKIE))
        html = pages.env.get_template("login.html").render(
            t=words(lang),
            lang=lang,
            languages=LANGUAGE_NAMES,
            csrf_field=CSRF_FIELD,
            login_csrf=sessions.login_csrf(nonce),
            next=next_path,
            error=error,
        )
        response = web.Response(text=html, status=status, content_type="text/html")
        response.headers.update(SECURITY_HEADERS)
        set_cookie(response, request, LOGIN_COOKIE, nonce, LOGIN_FORM_SECONDS)
        return response

    async def login_form(request: web.Request) -> web.StreamResponse:
        if sessions.open:
            return see_other("/")
        try:
            await house_ready(pages)
        except StoreUnavailable as exc:
            return unavailable(pages, request, exc)
        return login_page(request, safe_next(request.query.get("next")), None)

    async def login(request: web.Request) -> web.StreamResponse:
        if sessions.open:
            return see_other("/")
        try:
            return await login_with(request)
        except StoreUnavailable as exc:
            return unavailable(pages, request, exc)

    async def login_with(request: web.Request) -> web.StreamResponse:
        await house_ready(pages)
        form = await request.post()
        next_path = safe_next(str(form.get("next", "/")))
        t = words(
            choose_language(
                request.cookies.get(LANG_COOKIE),
                request.headers.get("Accept-Language"),
                pages.ctx.settings.default_language,
            )
        )
        if not sessions.login_csrf_ok(
            request.cookies.get(LOGIN_COOKIE), str(form.get(CSRF_FIELD, ""))
        ):
            return login_page(request, next_path, t["login.expired"], 403)
        address = request.remote or "?"
        store = pages.ctx.store
        tries = await store.read(lambda tx: web_sessions_repo.login_tries(tx, address))
        if sessions.login_blocked(tries):
            log.warning("web_login_throttled", remote=address)
            return login_page(request, next_path, t["login.throttled"], 429)
        if not sessions.token_matches(str(form.get("token", ""))):
            now = pages.ctx.clock()
            await store.write(
                lambda tx: web_sessions_repo.count_wrong_login(tx, address, now, LOGIN_TRY_WINDOW)
            )
            log.warning("web_login_refused", remote=address)  # never the token
            return login_page(request, next_path, t["login.wrong"], 401)
        cookie, _ = sessions.new()
        log.info("web_login", remote=request.remote)
        response = see_other(next_path)
        set_cookie(response, request, SESSION_COOKIE, cookie, SESSION_SECONDS)
        response.del_cookie(LOGIN_COOKIE, path="/")
        return response

    @guard
    async def logout(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        await end_session(pages, viewer.session)  # everywhere; StoreUnavailable: a 503
        response = see_other("/login" if not sessions.open else "/")
        response.del_cookie(SESSION_COOKIE, path="/")
        return response

    async def language(request: web.Request) -> web.StreamResponse:
        """A preference, not a change to any data: a GET link may set it."""
        code = request.match_info["lang"]
        response = see_other(safe_next(request.query.get("next")))
        if code in PAGE_LANGUAGES:
            set_cookie(response, request, LANG_COOKIE, code, PREFERENCE_SECONDS)
        return response

    @guard
    async def settings_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        t = words(viewer.lang)
        notice = t["settings.saved"] if request.query.get("notice") == "saved" else None
        return pages.render(
            request,
            viewer,
            "settings.html",
            notice=notice,
            default_tz=pages.ctx.settings.default_tz,
        )

    @guard
    async def settings_save(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        tz = canonical_zone(viewer.form.get("tz", ""))
        lang = viewer.form.get("lang", "")
        try:
            if tz:
                ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            t = words(viewer.lang)
            return pages.render(
                request,
                viewer,
                "settings.html",
                status=400,
                error=t["settings.bad_tz"],
                hint=None,
                default_tz=pages.ctx.settings.default_tz,
            )
        response = see_other(with_query("/settings", notice="saved"))
        if tz:
            set_cookie(response, request, TZ_COOKIE, tz, PREFERENCE_SECONDS)
        else:
            response.del_cookie(TZ_COOKIE, path="/")
        if lang in PAGE_LANGUAGES:
            set_cookie(response, request, LANG_COOKIE, lang, PREFERENCE_SECONDS)
        return response

    async def static_file(request: web.Request) -> web.StreamResponse:
        found = static.get(request.match_info["name"])
        if found is None:
            raise web.HTTPNotFound()
        body, content_type = found
        response = web.Response(body=body, content_type=content_type)
        response.headers["Cache-Control"] = "public, max-age=3600"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.enable_compression()
        return response

    async def live(request: web.Request) -> web.StreamResponse:
        """The event stream for the pages, behind the page session instead of the API
        token (a browser's EventSource cannot send the token, and must not hold it)."""
        try:
            session = await current_session(pages, request.cookies.get(SESSION_COOKIE))
        except StoreUnavailable as exc:
            return unavailable(pages, request, exc)
        if session is None:
            return to_login(request) if not sessions.open else web.Response(status=401)
        return await stream.handle(request)

    return [
        web.get("/login", login_form),
        web.post("/login", login),
        web.post("/logout", logout),
        web.get("/lang/{lang}", language),
        web.get("/settings", settings_view),
        web.post("/settings", settings_save),
        web.get("/static/{name}", static_file),
        web.get("/live", live),
    ]
