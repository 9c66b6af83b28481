"""Two daemons on one PostgreSQL database, as web processes behind a load balancer: the
pages' sessions, login forms and login throttle are the house's, not one process's
(issue 18). Each daemon here serves its own port; one visitor's cookies go to both."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import aiohttp
import pytest

from reactiond.web.pages.session import LOGIN_TRIES
from tests.e2e.daemon import base_url, running_daemon
from tests.e2e.web.support import TOKEN, Visitor, csrf_of


@pytest.fixture
async def visitor() -> AsyncIterator[Visitor]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
        yield Visitor(http)


async def two_daemons(stack: AsyncExitStack, tmp_path: Path, **settings: str) -> list[str]:
    """The URLs of two daemons on this test's database (REACTIOND_DATABASE_URL)."""
    urls = []
    for name in ("a", "b"):
        daemon = await stack.enter_async_context(running_daemon(tmp_path / name, **settings))
        urls.append(base_url(daemon))
    return urls


async def test_logout_on_one_daemon_ends_the_session_on_the_other(
    tmp_path: Path, visitor: Visitor
) -> None:
    async with AsyncExitStack() as stack:
        a, b = await two_daemons(stack, tmp_path, api_token=TOKEN)
        await visitor.login(a)
        kept = visitor.cookies["rd_session"]
        status, page = await visitor.call("GET", f"{b}/rules")
        assert status == 200
        status, _ = await visitor.call("POST", f"{a}/logout", {"csrf": csrf_of(page)})
        assert status == 303
        visitor.cookies["rd_session"] = kept  # replayed on the other daemon
        status, _ = await visitor.call("GET", f"{b}/rules")
        assert status == 303


async def test_a_login_form_from_one_daemon_is_taken_by_the_other(
    tmp_path: Path, visitor: Visitor
) -> None:
    async with AsyncExitStack() as stack:
        a, b = await two_daemons(stack, tmp_path, api_token=TOKEN)
        csrf = await visitor.login_form(a)
        status, html = await visitor.call("POST", f"{b}/login", {"csrf": csrf, "token": TOKEN})
        assert status == 303, html
        status, _ = await visitor.call("GET", f"{a}/rules")
        assert status == 200


async def test_open_pages_read_each_others_session_cookies(
    tmp_path: Path, visitor: Visitor
) -> None:
    async with AsyncExitStack() as stack:
        a, b = await two_daemons(stack, tmp_path)
        status, page = await visitor.call("GET", f"{a}/settings")
        assert status == 200
        cookie = visitor.cookies["rd_session"]
        status, _ = await visitor.call("POST", f"{b}/settings", {"csrf": csrf_of(page)})
        assert status == 303  # the CSRF token of a's session, taken by b
        assert visitor.cookies["rd_session"] == cookie  # and b made no session of its own


async def test_wrong_tokens_on_either_daemon_count_for_the_house(
    tmp_path: Path, visitor: Visitor
) -> None:
    async with AsyncExitStack() as stack:
        daemons = await two_daemons(stack, tmp_path, api_token=TOKEN)
        csrf = await visitor.login_form(daemons[0])
        for n in range(LOGIN_TRIES):
            form = {"csrf": csrf, "token": f"wrong-{n}"}
            status, _ = await visitor.call("POST", f"{daemons[n % 2]}/login", form)
            assert status == 401
        for url in daemons:  # even the right token waits now, on both
            status, _ = await visitor.call("POST", f"{url}/login", {"csrf": csrf, "token": TOKEN})
            assert status == 429
