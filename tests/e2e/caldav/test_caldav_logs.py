"""No password in any log line, with the daemon logging at debug: discovery, a push, an
update, a refused password and a check, against a real Radicale, through the `caldav`
library (whose own loggers and transport's are captured too)."""

from __future__ import annotations

import logging
from base64 import b64encode

import pytest
import structlog

from reactiond.app import Daemon
from reactiond.caldav.checks import try_target
from reactiond.domain import Job
from reactiond.logs import configure_logging
from reactiond.store.caldav_repo import PUSH_JOB
from tests.e2e.caldav.conftest import add, read_objects
from tests.e2e.caldav.radicale import PASSWORD, USER, Radicale
from tests.e2e.records.conftest import ES_MESSAGE, Conversation, reaction, text_message
from tests.log_sink import reset_logging
from tests.waiting import eventually

WRONG = "wrong-calendar-password-42"


def basic(user: str, password: str) -> str:
    return b64encode(f"{user}:{password}".encode()).decode()


async def test_no_password_in_the_logs_at_debug(
    daemon: Daemon,
    radicale: Radicale,
    chat: Conversation,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    configure_logging("debug", "json")
    caplog.set_level(logging.DEBUG)  # every standard-library logger that lets it through
    try:
        logged = await run_it_all(daemon, radicale, chat, capsys, caplog)
    finally:
        reset_logging()  # before the daemon's teardown logs to a closed capture
    assert "debug_is_on" in logged and "calendar_pushed" in logged
    assert "library_warning_routed" in logged  # a warning of the library's, as our JSON
    for secret in (PASSWORD, WRONG, basic(USER, PASSWORD), basic(USER, WRONG)):
        assert secret not in logged
    # The library's and its transport's own debug lines (each request's headers and its
    # calendar data) are kept out, whatever the daemon's level.
    for name in ("caldav", "niquests", "urllib3"):
        assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING


async def run_it_all(
    daemon: Daemon,
    radicale: Radicale,
    chat: Conversation,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> str:
    """Discovery, a push, an update, a refused password and two checks; what was logged."""
    structlog.get_logger("test").debug("debug_is_on")
    wrong = radicale.root / "wrong-password"
    wrong.write_text(WRONG + "\n")
    await add(daemon, radicale, url=radicale.url)  # discovery, with the password
    await add(daemon, radicale, "refused", check=False, password_file=str(wrong))

    msg = text_message(ES_MESSAGE, "CAL-1", "reunión con Ana el viernes a las 15:00")
    await chat.post(msg)
    await chat.post(reaction(msg, "📅", "R-CAL-1", sent_ms=1_736_872_000_000))

    async def pushed() -> bool:
        return "event-1@reactiond" in await read_objects(radicale)

    await eventually(pushed, what="the event on Radicale")
    status, body = await chat.api("PATCH", "/api/calendar-events/1", {"title": "Moved"})
    assert status == 200, body

    async def refused() -> list[Job]:
        jobs = await daemon.store.list_jobs(status="queued", kind=PUSH_JOB)
        return [j for j in jobs if j.last_error and "refused" in j.last_error]

    await eventually(refused, what="the push with the wrong password waiting")
    assert (await try_target(daemon.store, "family", daemon.clock())).finding.status == "ok"
    assert (await try_target(daemon.store, "refused", daemon.clock())).finding.code == (
        "unauthorized"
    )
    await chat.settle()

    # Were the library to warn with a request's headers, the line is redacted on its way.
    said = f"{{'Authorization': 'Basic {basic(USER, PASSWORD)}'}} {PASSWORD}"
    logging.getLogger("caldav").warning("library_warning_routed headers=%s", said)
    captured = capsys.readouterr()
    return captured.out + captured.err + caplog.text
