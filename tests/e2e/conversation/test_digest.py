"""The daily digest (issue 20 §5), through the real webhook and the fake Evolution: asked
for in the chat, sent at its local hour in each person's zone, once a day across a
restart, and not at all on a day with nothing to say."""

from __future__ import annotations

import copy
import time
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from reactiond.app import Daemon
from tests.e2e.conversation.conftest import (
    jobs,
    jobs_idle,
    message,
    owner_says,
    react,
    replies_queued,
)
from tests.e2e.replies.conftest import Clock, DaemonFactory, wait_until
from tests.e2e.replies.test_replies_end_to_end import CONTACT_REACTION, post
from tests.fake_evolution import FakeEvolution
from tests.fixtures import fixture
from tests.store_reads import digests

MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre"]  # fmt: skip


def next_eight(tz: str, now: float) -> float:
    local = datetime.fromtimestamp(now, ZoneInfo(tz))
    at = local.replace(hour=8, minute=0, second=0, microsecond=0)
    if at.timestamp() <= now:
        day = at.date() + timedelta(days=1)
        at = datetime(day.year, day.month, day.day, 8, tzinfo=ZoneInfo(tz))
    return at.timestamp()


async def digest_jobs(daemon: Daemon) -> list[dict[str, Any]]:
    found = await jobs(daemon, "digest")
    return [{"run_at": j.run_at, "payload": j.payload, "status": j.status} for j in found]


def us_contact_says(message_id: str, text: str) -> dict[str, Any]:
    """A contact in San Francisco writing in their direct chat with the owner."""
    p = copy.deepcopy(fixture("messages.upsert.text-extended-normalized.en"))
    p["data"]["key"]["id"] = message_id
    p["data"]["message"] = {"conversation": text}
    p["data"]["messageTimestamp"] = int(time.time()) - 60
    return p


async def test_the_digest_comes_at_its_hour_in_each_zone_once(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    clock = Clock()
    daemon = await make_daemon(clock=clock, questions_from_contacts=True)
    await post(daemon, owner_says("DIGEST-ON-1", "resumen diario 8:00"))
    [on] = await fake.wait_for_sends(1)
    assert on.body["text"].startswith("☀️ Listo: te mando el resumen cada día a las 8:00")
    await post(daemon, us_contact_says("DIGEST-ON-2", "daily digest 8am"))
    await fake.wait_for_sends(2)
    mx, us = await digest_jobs(daemon)
    assert mx["run_at"] == next_eight("America/Mexico_City", clock())
    us_zone = "America/Los_Angeles"
    assert us["run_at"] == next_eight(us_zone, clock())

    # Something due on the owner's digest day, and on the contact's.
    for who, job, base in (("MX", mx, None), ("US", us, CONTACT_REACTION)):
        day = date.fromisoformat(job["payload"]["day"])
        text = f"Llamar al contador el {day.day} de {MONTHS[day.month - 1]} a las 23"
        m = message(f"DIGEST-TASK-{who}", text)
        if base is not None:  # the contact's own message, reacted to by them
            m = us_contact_says(
                f"DIGEST-TASK-{who}", f"Call the accountant on {day:%B} {day.day} at 11pm"
            )
        await post(daemon, m)
        await react(daemon, m, "✅", f"R-DIGEST-{who}", base=base or "messages.upsert.reaction-add")
    await fake.wait_for_sends(4)

    first, second = sorted((mx, us), key=lambda j: j["run_at"])
    clock.advance(first["run_at"] - clock() + 1)
    daemon.wakeup()
    sends = await fake.wait_for_sends(5)
    clock.advance(second["run_at"] - clock() + 1)
    daemon.wakeup()
    sends = await fake.wait_for_sends(6)
    digests = {s.body["number"]: s.body["text"] for s in sends[4:]}
    assert digests["5215512345678"].startswith("☀️ Tu día"), digests
    assert "Llamar al contador" in digests["5215512345678"]
    assert digests["14155550123"].startswith("☀️ Your day"), digests
    assert "Call the accountant" in digests["14155550123"]
    assert "Llamar" not in digests["14155550123"]  # a contact sees only their own

    await daemon.stop()  # a restart sends nothing again that day
    again = await make_daemon(clock=clock, questions_from_contacts=True)
    await wait_until(lambda: jobs_idle(again))
    assert await replies_queued(again) == 6
    queued = [j for j in await digest_jobs(again) if j["status"] == "queued"]
    assert len(queued) == 2  # tomorrow's, one each


async def test_a_day_with_nothing_due_sends_no_digest(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    clock = Clock()
    daemon = await make_daemon(clock=clock)
    await post(daemon, owner_says("DIGEST-EMPTY-1", "daily digest 8am"))
    await fake.wait_for_sends(1)
    [job] = await digest_jobs(daemon)
    clock.advance(job["run_at"] - clock() + 1)
    daemon.wakeup()
    await wait_until(lambda: jobs_idle(daemon))
    assert await replies_queued(daemon) == 1
    assert [j["status"] for j in await digest_jobs(daemon)] == ["done", "queued"]


async def test_the_digest_can_be_turned_off_in_the_chat(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    await post(daemon, owner_says("DIGEST-OFF-1", "resumo diário 8h"))
    await fake.wait_for_sends(1)
    await post(daemon, owner_says("DIGEST-OFF-2", "resumo diário não"))
    sends = await fake.wait_for_sends(2)
    assert sends[1].body["text"].startswith("☀️ Pronto: não envio mais")
    [d] = await digests(daemon.store)
    assert d.enabled is False
