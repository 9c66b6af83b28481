"""What the page tests share: a daemon on a fixed clock with a probe job kind, messages
and reactions played through the real webhook, and reading a page's CSRF token."""

from __future__ import annotations

import re
from typing import Any

import aiohttp

from reactiond.app import Daemon
from reactiond.domain import Job
from reactiond.engine.worker import GiveUp
from tests.e2e.daemon import base_url
from tests.e2e.records.conftest import ES_MESSAGE, reaction, text_message

# The daemons run on the real clock (the webhook queues reaction jobs at the real time).
# Reactions come after the fixture messages were sent (2025-01-14); a bill due in 2027
# has its reminders ahead.
T0_MS = 1_736_872_000_000
BILL_TEXT = "Pagar luz CFE $890 vence el 20 de enero de 2027"
TOKEN = "page-token-0123456789abcdef"
PROBE = "web-probe"  # a job kind that dies once, then succeeds when retried
# Every page a person opens from the menu (and the new-rule form).
PAGES = (
    "/",
    "/records/tasks",
    "/records/calendar-events",
    "/records/bills",
    "/records/notes",
    "/trace",
    "/rules",
    "/rules/new",
    "/queue",
    "/outbox",
    "/analytics",
    "/people",
    "/settings",
)


def add_probe(daemon: Daemon) -> None:
    tries: dict[int, int] = {}

    async def probe(job: Job) -> None:
        tries[job.id] = tries.get(job.id, 0) + 1
        if tries[job.id] == 1:
            raise GiveUp("probe refused on purpose (first try)")

    daemon.handlers.register(PROBE, probe)


def message_and_reaction(
    message_id: str, text: str, emoji: str, n: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    msg = text_message(ES_MESSAGE, message_id, text)
    return msg, reaction(msg, emoji, f"{message_id}-R", sent_ms=T0_MS + n)


CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def page_client(daemon: Daemon) -> aiohttp.ClientSession:
    """A client of `daemon` that keeps cookies, as a browser does (for 127.0.0.1 too)."""
    return aiohttp.ClientSession(base_url(daemon), cookie_jar=aiohttp.CookieJar(unsafe=True))


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)


class Visitor:
    """One browser's cookies, kept by hand and sent to whichever daemon it asks: one site
    behind a load balancer, whose web processes listen on several ports here."""

    def __init__(self, http: aiohttp.ClientSession) -> None:
        self.http = http  # with a DummyCookieJar: only these cookies go out
        self.cookies: dict[str, str] = {}

    async def call(
        self, method: str, url: str, data: dict[str, str] | None = None
    ) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        async with self.http.request(
            method, url, data=data, headers=headers, allow_redirects=False
        ) as resp:
            for name, morsel in resp.cookies.items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
            return resp.status, await resp.text()

    async def login_form(self, url: str) -> str:
        """The login form's CSRF token, served by the daemon at `url`."""
        status, html = await self.call("GET", f"{url}/login")
        assert status == 200, html
        return csrf_of(html)

    async def login(self, url: str, token: str = TOKEN) -> None:
        csrf = await self.login_form(url)
        status, html = await self.call("POST", f"{url}/login", {"csrf": csrf, "token": token})
        assert status == 303, html
        assert "rd_session" in self.cookies
