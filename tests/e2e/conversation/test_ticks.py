"""Done by reaction (issue 20 §3), through the real webhook and the fake Evolution: ✅ on
a confirmation closes the record, ✅ on a bill's reminder pays it and drops its later
reminders, ❌ cancels, taking the reaction off puts it back; nobody else may tick."""

from __future__ import annotations

import copy
import time

from reactiond.app import Daemon
from reactiond.domain import RecordTable
from tests.e2e.conversation.conftest import (
    jobs,
    jobs_idle,
    message,
    react,
    records,
    replies_queued,
    sent_id,
    tick,
)
from tests.e2e.replies.conftest import Clock, DaemonFactory, wait_until
from tests.e2e.replies.test_replies_end_to_end import CONTACT_REACTION, post
from tests.fake_evolution import FakeEvolution
from tests.fixtures import fixture


async def made(daemon: Daemon, fake: FakeEvolution, mid: str, text: str, emoji: str) -> str:
    m = message(mid, text)
    await post(daemon, m)
    await react(daemon, m, emoji, f"R-{mid}")
    await fake.wait_for_sends(1)
    return await sent_id(daemon, "action:")


async def status(daemon: Daemon, table: RecordTable) -> str:
    [row] = await records(daemon, table)
    return str(row["status"])


async def test_a_tick_on_a_confirmation_marks_the_task_done(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    sent = await made(
        daemon, fake, "TICK-1", "Llamar al contador el 20 de diciembre a las 10", "✅"
    )
    await tick(daemon, sent, "✅", "R-TICK-1b")
    sends = await fake.wait_for_sends(2)
    assert sends[1].body["text"] == "☑️ Hecho: Llamar al contador"
    assert await status(daemon, "tasks") == "done"
    # a ✅ on reactiond's own message never makes a task of its text
    [task] = await records(daemon, "tasks")
    assert task["done_at"] is not None


async def test_a_tick_on_a_bill_reminder_pays_it_and_drops_its_later_reminders(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    clock = Clock()
    daemon = await make_daemon(clock=clock)
    await made(daemon, fake, "TICK-BILL-1", "Pagar luz CFE $890 vence el 28 de diciembre", "💳")
    first = min(j.run_at for j in await jobs(daemon, "reminder"))
    clock.advance(first - clock() + 60)
    daemon.wakeup()
    await fake.wait_for_sends(2)
    reminder = await sent_id(daemon, "reminder:")
    await tick(daemon, reminder, "✅", "R-TICK-BILL-2")
    sends = await fake.wait_for_sends(3)
    assert sends[2].body["text"].startswith("💸 Pagada: CFE")
    assert await status(daemon, "bills") == "paid"
    assert await jobs(daemon, "reminder", "queued") == []


async def test_the_rules_own_emoji_ticks_too_and_removing_it_undoes(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    sent = await made(
        daemon, fake, "TICK-UNDO-1", "Pagar luz CFE $890 vence el 28 de diciembre", "💳"
    )
    await tick(daemon, sent, "💳", "R-TICK-UNDO-2")
    await fake.wait_for_sends(2)
    assert await status(daemon, "bills") == "paid"
    await tick(daemon, sent, "", "R-TICK-UNDO-3", later_ms=1000)
    sends = await fake.wait_for_sends(3)
    assert sends[2].body["text"].startswith("↩️ Deshecho")
    assert await status(daemon, "bills") == "pending"
    assert len(await jobs(daemon, "reminder", "queued")) == 2


async def test_a_cross_cancels(make_daemon: DaemonFactory, fake: FakeEvolution) -> None:
    daemon = await make_daemon()
    sent = await made(
        daemon, fake, "TICK-X-1", "Llamar al contador el 20 de diciembre a las 10", "✅"
    )
    await tick(daemon, sent, "❌", "R-TICK-X-2")
    sends = await fake.wait_for_sends(2)
    assert sends[1].body["text"].startswith("↩️ Cancelado")
    assert await status(daemon, "tasks") == "cancelled"


async def test_someone_elses_tick_changes_nothing(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    sent = await made(
        daemon, fake, "TICK-OTHER-1", "Llamar al contador el 20 de diciembre a las 10", "✅"
    )
    # A contact (in their own chat) reacting on the id of the owner's confirmation.
    p = copy.deepcopy(fixture(CONTACT_REACTION))
    p["data"]["key"]["id"] = "R-TICK-OTHER-2"
    p["data"]["message"]["reactionMessage"]["key"]["id"] = sent
    p["data"]["message"]["reactionMessage"]["text"] = "✅"
    p["data"]["message"]["reactionMessage"]["senderTimestampMs"] = int(time.time() * 1000)
    await post(daemon, p)
    await wait_until(lambda: jobs_idle(daemon))
    assert await replies_queued(daemon) == 1
    assert await status(daemon, "tasks") == "open"
