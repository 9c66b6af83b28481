"""What the page tests share: a daemon on a fixed clock with a probe job kind, messages
and reactions played through the real webhook, and reading a page's CSRF token."""

from __future__ import annotations

import re
from typing import Any

from reactiond.app import Daemon
from reactiond.domain import Job
from reactiond.engine.worker import GiveUp
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


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)
