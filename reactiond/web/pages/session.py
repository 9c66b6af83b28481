"""Who may use the pages: a browser session backed by the API token, and CSRF tokens.

- No API token configured (a loopback bind): the pages are open, as the API is. Every
  browser still gets a session cookie, signed with the house's key, so that its forms
  carry a CSRF token (a web page in another tab must not be able to post to
  127.0.0.1:8787 in the owner's name).
- A token configured: the login form takes the token; a correct one sets the session
  cookie. The session is `expiry.nonce.signature`, signed with a key derived from the
  token (HMAC), so rotating the token (SIGHUP) ends every session at once, and a
  session never holds the token itself. Logout ends the nonce in the database until it
  expires: on every web process of the house, and after a restart.

The house's key (the login form's nonce and CSRF token, and open-mode sessions) is one
per database (`web_keys`, made by the first process to ask), so that a form one web
process served posts to any other, and every process reads the others' cookies; it is
never logged. Wrong tokens are counted per address in the database too: a guesser gets
LOGIN_TRIES per window from the whole house, not from each process.

`Sessions` decides from values: a cookie's signature and expiry, the wrong tries the
store holds for an address. What the store holds (ended sessions, wrong tries, the key)
the page code reads and writes (`frame.py`: `house_ready`, `current_session`), through
`store/web_sessions_repo.py`.

Cookies are HttpOnly, SameSite=Strict, Path=/, Secure when the request came over TLS,
and expire. Every POST must carry the session's CSRF token (a hidden form field or the
`X-CSRF-Token` header that htmx sends); a request whose Origin names another site is
refused too. Tokens and cookies are compared in constant time and never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from reactiond.store.web_sessions_repo import LoginTries
from reactiond.whole_number import whole_number

SESSION_COOKIE = "rd_session"
LOGIN_COOKIE = "rd_login"  # a pre-login nonce: the login form's CSRF token hangs on it
CSRF_FIELD = "csrf"
CSRF_HEADER = "X-CSRF-Token"
SESSION_SECONDS = 12 * 3600
LOGIN_FORM_SECONDS = 3600
# Guessing the token through the form: this many wrong tries from one address within the
# window (from its first wrong try), and that address waits for the window to pass (the
# token is long and random; this only keeps a guesser from hammering the house).
LOGIN_TRIES = 10
LOGIN_TRY_WINDOW = 300.0
# The name of the house's key in the store (web_keys).
HOUSE_KEY = "pages"


@dataclass(frozen=True)
class Session:
    nonce: str
    expires: int
    csrf: str


class Sessions:
    def __init__(self, token: Callable[[], str | None], clock: Callable[[], float]) -> None:
        self.token = token
        self.clock = clock
        # The house's key, from the store (web_keys): set once by `frame.house_ready`.
        self.house_key: bytes | None = None

    @property
    def open(self) -> bool:
        """No token configured: no login needed."""
        return self.token() is None

    def _house(self) -> bytes:
        if self.house_key is None:
            raise RuntimeError("the house's key is not read yet: await frame.house_ready first")
        return self.house_key

    def _key(self) -> bytes:
        token = self.token()
        if token is None:
            return self._house()
        return hmac.new(token.encode("utf-8"), b"reactiond web session v1", hashlib.sha256).digest()

    def _sign(self, key: bytes, text: str) -> str:
        # 128 bits of HMAC-SHA256: plenty against forgery, and short in every form.
        return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()[:32]

    def new(self) -> tuple[str, Session]:
        """A fresh session: (cookie value, session)."""
        nonce = secrets.token_urlsafe(18)
        expires = int(self.clock()) + SESSION_SECONDS
        payload = f"{expires}.{nonce}"
        key = self._key()
        return f"{payload}.{self._sign(key, payload)}", self._session(key, nonce, expires)

    def _session(self, key: bytes, nonce: str, expires: int) -> Session:
        return Session(nonce, expires, self._sign(key, "csrf." + nonce))

    def read(self, cookie: str | None) -> Session | None:
        """The cookie's session when it is signed and unexpired. Whether it was logged out
        is the store's to say (`web_sessions_repo.session_ended`)."""
        if not cookie or len(cookie) > 200:
            return None
        parts = cookie.split(".")
        expires = whole_number(parts[0]) if len(parts) == 3 else None
        if expires is None:
            return None
        nonce, signature = parts[1], parts[2]
        key = self._key()
        if not _same(signature, self._sign(key, f"{expires}.{nonce}")):
            return None
        if expires <= self.clock():
            return None
        return self._session(key, nonce, expires)

    def login_blocked(self, tries: LoginTries | None) -> bool:
        """An address waits once it posted LOGIN_TRIES wrong tokens in a window that has
        not passed (`tries`: what the store holds for it, None when nothing)."""
        return (
            tries is not None
            and tries.first_at > self.clock() - LOGIN_TRY_WINDOW
            and tries.tries >= LOGIN_TRIES
        )

    def token_matches(self, given: str) -> bool:
        token = self.token()
        if token is None or not given:
            return False
        return hmac.compare_digest(
            given.strip().encode("utf-8", "surrogateescape"), token.encode("utf-8")
        )

    # The login form, before any session: its CSRF token is tied to a short-lived nonce
    # cookie signed with the house's key, so that any web process takes the form.
    def login_nonce(self, cookie: str | None) -> str:
        if cookie and self._login_ok(cookie):
            return cookie
        nonce = f"{int(self.clock()) + LOGIN_FORM_SECONDS}.{secrets.token_urlsafe(12)}"
        return f"{nonce}.{self._sign(self._house(), nonce)}"

    def _login_ok(self, cookie: str) -> bool:
        head, _, signature = cookie.rpartition(".")
        expiry = whole_number(head.split(".", 1)[0])
        return (
            expiry is not None
            and expiry > self.clock()
            and _same(signature, self._sign(self._house(), head))
        )

    def login_csrf(self, cookie: str) -> str:
        return self._sign(self._house(), "login-csrf." + cookie)

    def login_csrf_ok(self, cookie: str | None, given: str) -> bool:
        if not cookie or not self._login_ok(cookie):
            return False
        return _same(given, self.login_csrf(cookie))


def _same(given: str, expected: str) -> bool:
    """In constant time, for any text a browser sends: `compare_digest` raises on a `str`
    that is not ASCII (a cookie or field with "é" was a 500)."""
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode())


def set_cookie(
    response: web.StreamResponse, request: web.Request, name: str, value: str, max_age: int
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="Strict",
        secure=request.secure,
    )


def csrf_ok(request: web.Request, session: Session, form_value: str | None) -> bool:
    """The CSRF token from the form or the header, and no foreign Origin."""
    origin = request.headers.get("Origin")
    # Only the host is compared: behind a TLS proxy the scheme seen here may differ.
    if origin is not None and origin.split("://", 1)[-1] != request.host:
        return False
    given = form_value or request.headers.get(CSRF_HEADER) or ""
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), session.csrf.encode())
