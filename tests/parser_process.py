"""One parser process per pytest process, shared by the daemons its tests start in-process.

A daemon starts its own parser process (reactiond/engine/parse_pool.py): a fresh
interpreter that loads the parsers and the language detector, about half a second of CPU,
and a daemon stopped while it is still starting waits for it. The suite starts a daemon in
most of its thousand end-to-end tests: that was the largest share of its CPU time, and the
most common wait in a test's teardown.

Here the daemons' `records_part` builds a `SharedParsePool` instead: a `ParsePool` whose
parses go to one process kept for the whole session (started, and restarted after a
time-out, exactly as the daemon's own would be). Parsing is still off the event loop, in
another process, through the same pipe and the same code; what a test no longer sees is
each daemon starting and stopping its own process. The tests about that
(tests/e2e/records/test_parse_off_loop.py) get a daemon's own process as before: a pool
given another parse function (or built while `parse_pool.DEFAULT_PARSE` is patched) is
never shared, and a test marked `own_parser_process` gets plain `ParsePool`s throughout.
Daemons run as subprocesses (tests/e2e/process.py, ops/support.py) have their own, as in
production.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest

from reactiond.engine import parse_pool, records_part
from reactiond.engine.parse_pool import ParsePool, ParserUnavailable, PlainParse, _Request
from reactiond.nlp.result import ParseResult
from reactiond.parser_process import parse_with_documents


class SharedParsePool(ParsePool):
    """A daemon's parser pool that parses in the pytest process's one parser process."""

    _session: ClassVar[ParsePool | None] = None
    _session_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, timeout_seconds: float, *, parse: PlainParse | None = None) -> None:
        super().__init__(timeout_seconds, parse=parse)
        # Another parse function (a stuck stand-in) is a test about the process: its own.
        self._own = self._parse is not parse_with_documents  # DEFAULT_PARSE may be patched

    @classmethod
    def session(cls) -> ParsePool:
        with cls._session_lock:
            if cls._session is None:
                cls._session = ParsePool(parse_pool.START_TIMEOUT_SECONDS)
            return cls._session

    @classmethod
    def end_session(cls) -> None:
        with cls._session_lock:
            pool, cls._session = cls._session, None
        if pool is not None:
            pool._closed = True
            pool._close()

    def _ask(self, request: _Request) -> ParseResult:
        # Every question (a parse, a document's bill) goes through here.
        if self._own:
            return super()._ask(request)
        if self._closed:
            raise ParserUnavailable("the parser process is stopped")
        shared = self.session()
        shared.timeout_seconds = self.timeout_seconds  # this daemon's limit
        return shared._ask(request)

    @property
    def pid(self) -> int | None:
        return super().pid if self._own else self.session().pid

    async def start(self) -> None:
        if self._own:
            await super().start()
            return
        # Warmed up beside the first daemon's start, as a daemon's own is; never waited for.
        shared = self.session()
        if shared._process is None:
            threading.Thread(
                target=shared._warm_up, name="shared-parser-warm-up", daemon=True
            ).start()

    async def stop(self) -> None:
        if self._own:
            await super().stop()
            return
        self._closed = True  # this daemon's parses end; the process stays for the next test


@pytest.fixture(autouse=True)
def _one_parser_process(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.node.get_closest_marker("own_parser_process"):
        yield
        return
    # Set and put back by hand rather than with `monkeypatch`: a test's own monkeypatch
    # undoes its changes before this fixture's teardown and must not be reordered by it.
    records_part.ParsePool = SharedParsePool  # type: ignore[misc]
    try:
        yield
    finally:
        records_part.ParsePool = ParsePool  # type: ignore[misc]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "own_parser_process: daemons started in this test each start their own parser "
        "process (tests/parser_process.py)",
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    SharedParsePool.end_session()
