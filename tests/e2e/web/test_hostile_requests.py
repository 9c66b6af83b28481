"""The pages against what an attacker (or a broken browser) sends: forged cookies, form
fields and ids that are not plain numbers, and `next=` addresses that lead elsewhere.
Each answer is a refusal, a 404 or the login form, never a 500, and never a redirect to
another site. Each test here failed before its fix."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from reactiond.app import Daemon
from tests.e2e.daemon import base_url, running_daemon
from tests.e2e.web.support import TOKEN, csrf_of, page_client

HUGE = "9" * 5000  # past the 4,300 digits int() takes


@pytest.fixture(params=["open", "token"])
async def daemon(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Daemon]:
    """Both ways the pages are guarded: open (loopback, no token) and behind the login."""
    token = {"api_token": TOKEN} if request.param == "token" else {}
    async with running_daemon(tmp_path, **token) as d:
        yield d


@pytest.fixture
async def open_daemon(tmp_path: Path) -> AsyncIterator[Daemon]:
    async with running_daemon(tmp_path) as d:
        yield d


async def _raw(daemon: Daemon, head: bytes) -> bytes:
    """One request as bytes on the wire (cookies a client library would not send), and
    the answer's status line and headers."""
    reader, writer = await asyncio.open_connection("127.0.0.1", daemon.port)
    try:
        writer.write(head + b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
        await writer.drain()
        answer = await reader.read()
    finally:
        writer.close()
    return answer.split(b"\r\n\r\n", 1)[0]


def _status(answer: bytes) -> int:
    assert answer, "the connection closed without an answer"
    return int(answer.split(b" ", 2)[1])


@pytest.mark.parametrize(
    "cookie",
    [
        "rd_session=\u00b2.abc.def".encode(),  # a digit int() does not read
        "rd_session=1.abc.\u00e9\u00e9".encode(),  # compare_digest refuses non-ASCII text
        b"rd_session=1.abc.\xe9\xe9",  # not UTF-8 at all
        f"rd_session={'9' * 150}.abc.def".encode(),
        "rd_login=\u00b2.x.y".encode(),
        "rd_login=1.x.\u00e9".encode(),
    ],
)
async def test_a_forged_cookie_is_ignored_not_a_500(daemon: Daemon, cookie: bytes) -> None:
    for path in (b"/", b"/rules", b"/login", b"/live"):
        answer = await _raw(daemon, b"GET " + path + b" HTTP/1.1\r\nCookie: " + cookie + b"\r\n")
        assert _status(answer) in (200, 303, 401), answer


async def test_a_login_form_with_a_non_ascii_csrf_field_is_refused(tmp_path: Path) -> None:
    async with (
        running_daemon(tmp_path, api_token=TOKEN) as d,
        page_client(d) as http,
    ):
        async with http.get("/login") as resp:
            assert resp.status == 200
        form = {"csrf": "\u00e9t\u00e9", "token": TOKEN}
        async with http.post("/login", data=form, allow_redirects=False) as resp:
            assert resp.status == 403


# Browsers drop a tab or a newline anywhere in a URL: "/\t/evil.example" is
# "//evil.example", another site. A CR or LF cannot be put in a header at all (aiohttp
# refused to write the answer and closed the connection).
LEADING_AWAY = ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\x00/x", "/\x0b/x"]


@pytest.mark.parametrize("target", LEADING_AWAY)
async def test_the_language_switch_never_leads_to_another_site(daemon: Daemon, target: str) -> None:
    async with (
        aiohttp.ClientSession(base_url(daemon)) as http,
        http.get("/lang/es", params={"next": target}, allow_redirects=False) as resp,
    ):
        assert resp.status == 303
        assert resp.headers["Location"] == "/"


@pytest.mark.parametrize("target", LEADING_AWAY)
async def test_the_login_never_leads_to_another_site(tmp_path: Path, target: str) -> None:
    async with (
        running_daemon(tmp_path, api_token=TOKEN) as d,
        page_client(d) as http,
    ):
        async with http.get("/login", params={"next": target}) as resp:
            assert resp.status == 200
            html = await resp.text()
        form = {"csrf": csrf_of(html), "token": TOKEN, "next": target}
        async with http.post("/login", data=form, allow_redirects=False) as resp:
            assert resp.status == 303
            assert resp.headers["Location"] == "/"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/records/tasks/\u00b2"),
        ("POST", f"/records/tasks/{HUGE}"),
        ("GET", "/trace/reactions/\u00b2"),
        ("GET", f"/trace/reactions/{HUGE}"),
        ("GET", f"/queue/{HUGE}"),
        ("POST", f"/queue/{HUGE}/retry"),
        ("POST", f"/outbox/{HUGE}/retry"),
        ("POST", f"/rules/{HUGE}"),
        ("GET", f"/rules/{HUGE}/edit"),
    ],
)
async def test_a_page_id_that_is_no_plain_number_is_404(
    open_daemon: Daemon, method: str, path: str
) -> None:
    async with page_client(open_daemon) as http:
        async with http.get("/rules") as resp:
            csrf = csrf_of(await resp.text())
        form = {"csrf": csrf, "status": "done", "name": "x", "triggers": "💳"}
        form["action"] = "create_note"
        async with http.request(method, path, data=form, allow_redirects=False) as resp:
            assert resp.status == 404, await resp.text()


@pytest.mark.parametrize("priority", ["\u00b2", HUGE, "-" + HUGE])
async def test_a_rule_form_with_a_priority_no_number_shows_the_apis_error(
    open_daemon: Daemon, priority: str
) -> None:
    async with page_client(open_daemon) as http:
        async with http.get("/rules/new") as resp:
            csrf = csrf_of(await resp.text())
        form = {
            "csrf": csrf,
            "name": "hostile",
            "triggers": "🧪",
            "action": "create_note",
            "priority": priority,
        }
        async with http.post("/rules", data=form, allow_redirects=False) as resp:
            assert resp.status == 400, await resp.text()
            assert "priority" in await resp.text()


async def test_without_a_token_a_page_under_a_rebound_host_name_is_refused(
    open_daemon: Daemon,
) -> None:
    # DNS rebinding: a site's own name resolving to 127.0.0.1, so its script reads the page.
    async with aiohttp.ClientSession() as http:
        async with http.get(
            base_url(open_daemon) + "/",
            headers={"Host": "rebound.example", "Accept-Language": "pt"},
            allow_redirects=False,
        ) as r:
            assert r.status == 403
            text = await r.text()
        assert "REACTIOND_API_TOKEN" in text and "Pedido recusado" in text
        async with http.get(base_url(open_daemon) + "/") as r:
            assert r.status == 200
