"""Parsing off the event loop: one parser process with a time limit per parse.

The parsers are pure Python, CPU-bound and hold the GIL while they run, so a thread would
still starve the event loop (webhooks, SSE, the systemd watchdog ping). A separate process
is what protects it. One process is enough on a Raspberry Pi: a parse of the longest text
we accept (`reactiond.nlp.MAX_TEXT_CHARS`) takes milliseconds, and one more interpreter with
the lexicons loaded costs ~20 MB (see `reactiond.parser_process`).

`ParsePool.parse` has the signature of `reactiond.nlp.parse` (a `ParseFn`) but *blocks*
until the answer comes: call it from a thread (`asyncio.to_thread`), never on the loop.
A parse that takes longer than the limit kills the process (the next parse starts a fresh
one) and raises `ParseTimedOut`: the same text would time out again, so the caller gives
the job up rather than retrying it. The process is started with "spawn": forking a
process that runs threads (the SQLite writer) is not safe.

It is a service of the daemon: `stop()` ends the process at shutdown.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from datetime import datetime
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import structlog

from reactiond.nlp.result import ParseResult, ParserName
from reactiond.parser_process import DOCUMENT, PlainParse, parse_with_documents, serve

log = structlog.get_logger("reactiond.parse_pool")

__all__ = ["ParsePool", "ParseTimedOut", "ParserUnavailable"]


class ParseTimedOut(Exception):
    """A parse ran past the time limit; permanent for that text."""

    def __init__(self, parser: str, chars: int, seconds: float) -> None:
        self.reason = (
            f"parse timed out: the {parser} parser took more than {seconds:g} s on a text of "
            f"{chars} characters; not retried (the same text would time out again)"
        )
        super().__init__(self.reason)


class ParserUnavailable(Exception):
    """The parser process died or the pool is stopped; worth another try later."""


_Request = tuple[str, str, datetime, str, str | None, str | None]
# What the parser process runs: `reactiond.nlp.parse`, or a stand-in a test names (it must
# be importable by name, as the process is spawned).
DEFAULT_PARSE: PlainParse = parse_with_documents


# Starting the process (an interpreter, the lexicons, the language detector) is not part of
# any parse's time limit: it has its own, generous one.
START_TIMEOUT_SECONDS = 120.0


class ParsePool:
    def __init__(self, timeout_seconds: float, *, parse: PlainParse | None = None) -> None:
        self.timeout_seconds = timeout_seconds
        self._parse = parse or DEFAULT_PARSE
        self._lock = threading.Lock()  # one parse at a time over the one pipe
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._closed = False
        self.restarts = 0  # processes killed after a time-out or found dead
        self._warming: asyncio.Task[None] | None = None

    def parse(
        self,
        text: str,
        parser: ParserName,
        *,
        now: datetime,
        tz: str,
        lang: str | None = None,
        hint: str | None = None,
    ) -> ParseResult:
        """`reactiond.nlp.parse` in the parser process. Blocks: call it from a thread.
        Raises `ParseTimedOut`, `ParserUnavailable`, or what `nlp.parse` raises."""
        return self._ask((text, parser, now, tz, lang, hint))

    def parse_document(
        self, text: str, *, caption: str | None, now: datetime, tz: str, hint: str | None = None
    ) -> ParseResult:
        """`reactiond.nlp.bill_document.parse_bill_document` in the parser process (a
        `DocumentParseFn`, issue 23), with the same limits as `parse`: the parsers stay out
        of the daemon's own memory, and a long document cannot stall it. Blocks."""
        return self._ask((text, DOCUMENT, now, tz, caption, hint))

    def _ask(self, request: _Request) -> ParseResult:
        text, parser = request[0], request[1]
        with self._lock:
            conn = self._connection()
            try:
                conn.send(request)
                ready = conn.poll(self.timeout_seconds)
                reply = conn.recv() if ready else None
            except (EOFError, OSError) as exc:
                self._kill()
                self.restarts += 1
                raise ParserUnavailable(f"the parser process ended: {exc!r}") from exc
            if reply is None:
                self._kill()
                self.restarts += 1
                log.warning(
                    "parse_timed_out", parser=parser, chars=len(text), limit=self.timeout_seconds
                )
                raise ParseTimedOut(parser, len(text), self.timeout_seconds)
        kind, value = reply
        if kind == "error":
            raise value
        result: ParseResult = value
        return result

    def _connection(self) -> Connection:
        if self._closed:
            raise ParserUnavailable("the parser process is stopped")
        if self._conn is None or self._process is None or not self._process.is_alive():
            if self._process is not None:
                self._kill()  # found dead (killed by the OOM killer, say)
                self.restarts += 1
            ctx = multiprocessing.get_context("spawn")
            mine, theirs = ctx.Pipe()
            process = ctx.Process(target=serve, args=(theirs, self._parse), name="reactiond-parser")
            process.daemon = True  # never outlives the daemon, even on a crash
            process.start()
            theirs.close()  # only the child holds its end: its death reads as EOF here
            self._process, self._conn = process, mine
            if self._closed:  # stopped while it spawned: `stop` may not have seen it
                self._kill()
                raise ParserUnavailable("the parser process is stopped")
            try:
                ready = mine.poll(START_TIMEOUT_SECONDS) and mine.recv()[0] == "ready"
            except (EOFError, OSError):
                ready = False
            if not ready:
                self._kill()
                self.restarts += 1
                raise ParserUnavailable("the parser process did not start")
        return self._conn

    def _kill(self) -> None:
        process, conn = self._process, self._conn
        self._process, self._conn = None, None
        if conn is not None:
            conn.close()
        if process is not None:
            process.kill()
            process.join(timeout=5)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    # --- the daemon's service interface

    async def start(self) -> None:
        # Warmed up beside the daemon's start, not on the first reaction: spawning the
        # interpreter and loading the lexicons takes about a second, which the first
        # reactions after a restart would otherwise wait (bench/e2e.py's p99 was 1.3 s).
        # READY does not wait for it; a parse that comes first waits on the lock.
        self._warming = asyncio.create_task(asyncio.to_thread(self._warm_up))

    def _warm_up(self) -> None:
        try:
            with self._lock:
                if not self._closed:
                    self._connection()
        except ParserUnavailable as exc:  # tried again by the first parse
            log.warning("parser_warm_up_failed", error=str(exc))

    async def stop(self) -> None:
        self._closed = True
        # Killed first, even while it is still starting: a warm-up (or a parse) in progress
        # sees its pipe close (EOF) and ends at once, instead of the stop waiting for an
        # interpreter that is only loading the parsers. A process spawned after this look
        # sees `_closed` and kills itself (`_connection`).
        process = self._process
        if process is not None:
            process.kill()
        if self._warming is not None:
            await asyncio.wait([self._warming], timeout=5)
        if process is not None:
            await asyncio.to_thread(process.join, 5)
        await asyncio.to_thread(self._close)

    def _close(self) -> None:
        with self._lock:
            self._kill()
