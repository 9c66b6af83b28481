"""The fuzz suite's harness: a real daemon (aiohttp server, store, worker) on a loopback
port, run on its own event loop in a thread so that hypothesis drives it from plain
synchronous tests, and every log event it writes kept for the final check.

Budget: `REACTIOND_FUZZ_EXAMPLES` examples per test (default `CI_EXAMPLES`, small enough
for every CI run); a nightly run sets 10000 or more (see docs/fuzzing.md).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from collections.abc import Awaitable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import structlog
from hypothesis import HealthCheck, settings

from reactiond.app import Daemon
from reactiond.logs import ROUTED_LOGGERS, configure_logging
from reactiond.settings import load_settings
from reactiond.store import analytics_repo
from reactiond.store.interface import Transaction
from tests.log_sink import reset_logging

T = TypeVar("T")
CI_EXAMPLES = 60
SECRET = "fuzz-secret-0123456789"
TOKEN = "fuzz-api-token-0123456789"


def budget() -> settings:
    examples = int(os.environ.get("REACTIOND_FUZZ_EXAMPLES", CI_EXAMPLES))
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=False,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


@dataclass
class Logged:
    """Every structlog event the daemon wrote (aiohttp's own loggers included)."""

    events: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def keep(self, _: Any, level: str, event: Any) -> Any:
        with self.lock:
            self.events.append({**event, "level": level})
        raise structlog.DropEvent

    def mark(self) -> int:
        with self.lock:
            return len(self.events)

    def problems(self, since: int = 0) -> list[dict[str, Any]]:
        """Events (from the `since`-th on) that mean a request or a job broke: a traceback,
        a 500, anything logged as an error (aiohttp's own loggers included)."""
        bad = []
        with self.lock:
            for e in self.events[since:]:
                text = json.dumps(e, default=str)
                if (
                    e.get("exc_info")
                    or "exception" in e
                    or "Traceback" in text
                    or e.get("event") == "request_failed"
                    or e["level"] in ("error", "critical")
                ):
                    bad.append(e)
        return bad


@contextmanager
def captured_logs() -> Iterator[Logged]:
    logged = Logged()
    configure_logging("info", "json")  # routes aiohttp's loggers to structlog
    structlog.configure(
        processors=[structlog.processors.format_exc_info, logged.keep],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
        cache_logger_on_first_use=False,
    )
    try:
        yield logged
    finally:
        reset_logging()
        for name in ROUTED_LOGGERS:
            logger = logging.getLogger(name)
            logger.handlers.clear()
            logger.propagate = True
            logger.setLevel(logging.NOTSET)


class LiveDaemon:
    """A daemon on its own loop in a thread; `call` runs a coroutine there."""

    def __init__(self, data_dir: Path, logged: Logged, **overrides: Any) -> None:
        self.logged = logged
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        values: dict[str, Any] = {
            "data_dir": data_dir,
            "host": "127.0.0.1",
            "port": 0,
            "webhook_secret": SECRET,
            "api_token": TOKEN,
            "default_tz": "America/Mexico_City",
            "unseen_message_retries": 0,
            **overrides,
        }
        self.daemon = Daemon(load_settings(None, **values))
        self.call(self.daemon.start())
        self.http: aiohttp.ClientSession = self.call(self._session())
        self.url = f"http://127.0.0.1:{self.daemon.port}"

    async def _session(self) -> aiohttp.ClientSession:
        return aiohttp.ClientSession(
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=aiohttp.ClientTimeout(total=60),
        )

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = 120.0) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
    ) -> int:
        """The status of one request (the body is read, except for the event stream)."""

        async def go() -> int:
            async with self.http.request(
                method, self.url + path, data=body, headers=headers, params=params
            ) as resp:
                if not resp.headers.get("Content-Type", "").startswith("text/event-stream"):
                    await resp.read()
                return resp.status

        return self.call(go())

    def checked(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> int:
        """`request`, failing (so that hypothesis shrinks this very input) on a 5xx or on
        a problem logged while it was answered."""
        start = self.logged.mark()
        status = self.request(method, path, body, headers=headers)
        sent = (method, path, (body or b"")[:300])
        assert status < 500, (status, *sent)
        problems = self.logged.problems(start)
        assert problems == [], (problems, *sent)
        return status

    def actions_taken(self) -> int:
        """How many actions the rules took, ever (the analytics' read)."""

        def q(tx: Transaction) -> int:
            return sum(int(g["n"]) for g in analytics_repo.action_groups(tx, 0.0, 4e9))

        result: int = self.call(self.daemon.store.read(q))
        return result

    def settle(self, within: float = 120.0) -> None:
        """Wait until no job is runnable or running (the worker has seen everything)."""

        async def idle() -> None:
            deadline = self.loop.time() + within
            while self.loop.time() < deadline:
                stats = await self.daemon.store.queue_stats(self.daemon.clock())
                runnable = stats.by_status.get("queued", 0) - stats.deferred
                if stats.by_status.get("running", 0) == 0 and runnable == 0:
                    return
                await asyncio.sleep(0.05)
            raise AssertionError("jobs still runnable after the fuzz run")

        self.call(idle(), timeout=within + 10)

    def close(self) -> None:
        async def stop(done: Awaitable[None]) -> None:
            await done
            await self.daemon.stop()

        self.call(stop(self.http.close()))
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()
