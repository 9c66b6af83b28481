"""The pages' sessions are held by the store, not by one process's memory (issue 18):
on SQLite, a restart forgets no logout, and a store that does not answer lets nobody in.
Several daemons on one PostgreSQL database: tests/pg/e2e/test_sessions_on_pg.py."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from reactiond.store.interface import StoreUnavailable
from tests.e2e.daemon import base_url, running_daemon
from tests.e2e.web.support import TOKEN, Visitor, csrf_of


@pytest.fixture
async def visitor() -> AsyncIterator[Visitor]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
        yield Visitor(http)


async def test_a_logged_out_cookie_stays_refused_after_a_restart(
    tmp_path: Path, visitor: Visitor
) -> None:
    async with running_daemon(tmp_path, api_token=TOKEN) as d:
        url = base_url(d)
        await visitor.login(url)
        kept = visitor.cookies["rd_session"]
        status, page = await visitor.call("GET", f"{url}/rules")
        assert status == 200
        status, _ = await visitor.call("POST", f"{url}/logout", {"csrf": csrf_of(page)})
        assert status == 303 and "rd_session" not in visitor.cookies
    async with running_daemon(tmp_path, api_token=TOKEN) as d:
        visitor.cookies["rd_session"] = kept  # replayed after the restart
        status, _ = await visitor.call("GET", f"{base_url(d)}/rules")
        assert status == 303


async def test_an_open_session_cookie_still_reads_after_a_restart(
    tmp_path: Path, visitor: Visitor
) -> None:
    async with running_daemon(tmp_path) as d:
        status, page = await visitor.call("GET", f"{base_url(d)}/settings")
        assert status == 200
        cookie, csrf = visitor.cookies["rd_session"], csrf_of(page)
    async with running_daemon(tmp_path) as d:
        status, _ = await visitor.call(
            "POST", f"{base_url(d)}/settings", {"csrf": csrf, "tz": "UTC"}
        )
        assert status == 303  # the form of the daemon before the restart was taken
        assert visitor.cookies["rd_session"] == cookie  # and no new session was made


async def test_a_session_check_the_store_cannot_answer_is_a_503_page(
    tmp_path: Path, visitor: Visitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_daemon(tmp_path, api_token=TOKEN) as d:
        url = base_url(d)
        await visitor.login(url)

        async def down(*args: object, **kwargs: object) -> object:
            raise StoreUnavailable("the database does not answer", "look at the disk")

        monkeypatch.setattr(d.store, "read", down)
        # /settings reads nothing else from the store: only the session check does.
        status, html = await visitor.call("GET", f"{url}/settings")
        assert status == 503 and "the database does not answer" in html
        status, html = await visitor.call("GET", f"{url}/live")
        assert status == 503
        monkeypatch.undo()  # the daemon stops with its store answering
