"""Fixtures for the pages in a real browser: Debian's chromium driven by Playwright for
Python (never `playwright install`: it cannot download browsers here), one browser per
test module, and a real daemon on its own event loop in a thread, so that the tests
drive the browser with Playwright's plain synchronous API."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import threading
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

import pytest

from reactiond.app import Daemon
from tests.e2e.daemon import SECRET, running_daemon
from tests.fixtures import INSTANCE

T = TypeVar("T")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """Debian's chromium, or a skip naming it (a failure under CI=true, where
    scripts/system-tools installs it)."""
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    reason = None
    if found is None:
        reason = (
            "chromium is not installed (apt-get install chromium; scripts/system-tools does,"
            " unless REACTIOND_TEST_NO_APT=1)"
        )
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "playwright is not installed (pip install -e '.[test]')"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the browser tests need it under CI: {reason}")
        pytest.skip(reason)
    assert found is not None
    return found


class ThreadDaemon:
    """A real daemon on its own event loop in a thread; `call` runs a coroutine there."""

    def __init__(self, data_dir: Path, **overrides: Any) -> None:
        self.data_dir = data_dir
        self.overrides = overrides
        self.daemon: Daemon | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._failed: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="page-daemon", daemon=True)

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # reported to the test thread
            self._failed = exc
            self._ready.set()

    async def _main(self) -> None:
        async with running_daemon(self.data_dir, **self.overrides) as daemon:
            self.daemon = daemon
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            self._ready.set()
            await self._stop.wait()

    def start(self) -> ThreadDaemon:
        self._thread.start()
        self._ready.wait(60)
        if self._failed is not None:
            raise self._failed
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)

    @property
    def url(self) -> str:
        assert self.daemon is not None
        return f"http://127.0.0.1:{self.daemon.port}"

    def call(self, fn: Callable[[Daemon], Awaitable[T]], timeout: float = 30) -> T:
        assert self._loop is not None and self.daemon is not None
        daemon = self.daemon

        async def run() -> T:
            return await fn(daemon)

        future: Future[T] = asyncio.run_coroutine_threadsafe(run(), self._loop)
        return future.result(timeout)

    def post_webhook(self, payload: dict[str, Any]) -> None:
        request = urllib.request.Request(
            f"{self.url}/webhook/{INSTANCE}",
            data=json.dumps(payload).encode(),
            headers={"X-Reactiond-Secret": SECRET, "Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as resp:
            assert resp.status == 200


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One browser for a test module (all the browser tests live in one). Not for the
    session: Playwright's synchronous API marks the main thread's event loop as running
    while it is open, and the asyncio tests that follow in the same worker could not run
    theirs. A fresh profile (user-data dir) is made by Playwright for each launch."""
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
