"""Parsing runs in a separate process with a time limit (issue 12, item 1): a text that
would stall the parser fails its job for good, with the reason, while webhooks and other
jobs go on; a text longer than the limit is cut and the reply says so."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import aiohttp
import pytest

from reactiond.app import Daemon
from reactiond.domain import JobKind
from reactiond.engine import parse_pool
from reactiond.engine.parse_pool import ParsePool, ParserUnavailable, ParseTimedOut
from reactiond.nlp import MAX_TEXT_CHARS, parse
from reactiond.settings import load_settings
from tests.e2e.daemon import SECRET, running_daemon
from tests.e2e.records.conftest import ES_MESSAGE, Conversation, reaction, text_message
from tests.e2e.records.stuck_parser import STUCK, never_ready_parse, stuck_parse
from tests.waiting import eventually

NOW = datetime(2026, 3, 2, 9, 0)
T0 = 1_736_872_000_000


def _running(pid: int) -> bool:
    """Alive and not a zombie (the pool reaps what it kills)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


async def test_the_parser_process_answers_as_the_parser_does() -> None:
    pool = ParsePool(30.0)
    try:
        text = "Reunión mañana a las 10 en la oficina"
        got = pool.parse(text, "calendar", now=NOW, tz="Europe/Madrid")
        assert got == parse(text, "calendar", now=NOW, tz="Europe/Madrid")
        assert pool.pid is not None and pool.pid != os.getpid()
    finally:
        await pool.stop()


async def test_starting_the_pool_starts_the_parser_process_before_any_parse() -> None:
    # The first reactions after a restart must not wait for an interpreter to spawn
    # (bench/e2e.py: paced p99 1.3 s when the process started on the first parse).
    pool = ParsePool(30.0)
    await pool.start()
    try:

        async def started() -> bool:
            return pool.pid is not None

        await eventually(started, what="the parser process started")
        assert pool.restarts == 0
    finally:
        await pool.stop()


async def test_stop_ends_the_parser_process() -> None:
    pool = ParsePool(30.0)
    pool.parse("nota: hola", "note", now=NOW, tz="UTC")
    pid = pool.pid
    assert pid is not None
    await pool.stop()
    assert not _running(pid)
    with pytest.raises(ParserUnavailable):
        pool.parse("nota: hola", "note", now=NOW, tz="UTC")


async def test_stop_ends_a_parser_process_still_starting_without_waiting_for_it() -> None:
    # A daemon stopped right after it started (systemd restarting it, a short test) ends
    # its parser process where it is (it used to wait up to 5 s for the warm-up first).
    pool = ParsePool(30.0, parse=never_ready_parse)
    await pool.start()

    async def spawned() -> int | None:
        return pool.pid

    pid = await eventually(spawned, what="the parser process spawned")
    await pool.stop()  # its warm-up would never end
    assert not _running(pid)
    assert pool._warming is not None and pool._warming.done()  # its thread is not left behind
    assert pool.restarts == 1  # the warm-up saw its process end, not ready
    with pytest.raises(ParserUnavailable):
        pool.parse("nota: hola", "note", now=NOW, tz="UTC")


async def test_a_parse_past_the_limit_is_killed_and_the_next_one_works() -> None:
    pool = ParsePool(1.0, parse=stuck_parse)
    try:
        pool.parse("warm up", "note", now=NOW, tz="UTC")  # the first parse starts the process
        stuck_pid = pool.pid
        with pytest.raises(ParseTimedOut, match="parse timed out"):
            pool.parse(f"{STUCK} mañana", "calendar", now=NOW, tz="UTC")
        assert stuck_pid is not None and not _running(stuck_pid)
        got = pool.parse("Comprar pan mañana", "task", now=NOW, tz="UTC")
        assert got.success
        assert pool.pid != stuck_pid
    finally:
        await pool.stop()


@pytest.fixture
async def stuck_chat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Conversation]:
    monkeypatch.setattr(parse_pool, "DEFAULT_PARSE", stuck_parse)
    async with (
        running_daemon(tmp_path, parse_timeout_seconds=3.0) as d,
        aiohttp.ClientSession() as http,
    ):
        yield Conversation(d, http)


async def test_a_parse_that_times_out_fails_its_job_once_and_nothing_waits_for_it(
    stuck_chat: Conversation,
) -> None:
    chat = stuck_chat
    stuck = text_message(ES_MESSAGE, "STUCK-1", f"{STUCK} reunión mañana a las 10")
    await chat.post(stuck)
    await chat.post(reaction(stuck, "📅", "R-STUCK", sent_ms=T0))

    async def parsing() -> bool:
        return [j.status for j in await chat.jobs("reaction")] == ["running"]

    await eventually(parsing, what="the reaction job is parsing")
    # The event loop is free while the parser is stuck: a webhook is stored and answered,
    # and the job is still running when the answer comes.
    other = text_message(ES_MESSAGE, "OK-1", "Reunión mañana a las 11 en la oficina")
    await chat.post(other)
    assert await parsing()

    await chat.settle()
    [job] = await chat.jobs("reaction")
    assert job.status == "dead"
    assert job.attempts == 1  # a time-out is permanent for that text: not retried
    assert "parse timed out" in (job.last_error or "")

    # The next job gets a fresh parser process.
    await chat.post(reaction(other, "📅", "R-OK", sent_ms=T0 + 1000))
    await chat.settle()
    events = await chat.records("calendar_events")
    assert [(e["title"], e["location"]) for e in events] == [("Reunión", "oficina")]


async def test_a_text_longer_than_the_limit_is_cut_and_the_reply_says_so(
    tmp_path: Path,
) -> None:
    long_text = "Reunión mañana a las 10 en la oficina\n" + "bla " * MAX_TEXT_CHARS
    async with running_daemon(tmp_path) as d, aiohttp.ClientSession() as http:
        chat = Conversation(d, http)
        message = text_message(ES_MESSAGE, "LONG-1", long_text)
        await chat.post(message)
        await chat.post(reaction(message, "📅", "R-LONG", sent_ms=T0))
        await chat.settle()
        [event] = await chat.records("calendar_events")
        assert event["location"] == "oficina"
        assert len(event["title"]) < MAX_TEXT_CHARS  # the title is made of the first part
        [reply] = await chat.replies()
        assert f"{MAX_TEXT_CHARS}" in reply.body["text"]


async def test_stopping_the_daemon_mid_parse_ends_the_parser_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_pool, "DEFAULT_PARSE", stuck_parse)
    daemon = Daemon(
        load_settings(
            None,
            data_dir=tmp_path,
            host="127.0.0.1",
            port=0,
            webhook_secret=SECRET,
            parse_timeout_seconds=600.0,
            stop_timeout_seconds=2.0,
        )
    )
    await daemon.start()
    handler = daemon.handlers.get(JobKind.REACTION)
    pool = getattr(getattr(handler, "parse", None), "__self__", None)
    assert isinstance(pool, ParsePool)
    try:
        async with aiohttp.ClientSession() as http:
            chat = Conversation(daemon, http)
            stuck = text_message(ES_MESSAGE, "STUCK-2", f"{STUCK} reunión mañana")
            await chat.post(stuck)
            await chat.post(reaction(stuck, "📅", "R-STUCK-2", sent_ms=T0))

            async def parsing() -> bool:
                statuses = [j.status for j in await chat.jobs("reaction")]
                return statuses == ["running"] and pool.pid is not None

            await eventually(parsing, what="the reaction job is parsing")
            pid = pool.pid
    finally:
        await daemon.stop()  # the worker gives the job's lease back, the pool kills the parser
    assert pid is not None and not _running(pid)
