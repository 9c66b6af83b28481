"""Corrections by reply (issue 20 §2), through the real webhook and the fake Evolution: a
reply quoting reactiond's confirmation changes the record with the parsers' own readers
and says what it is now; anything not understood gets the help; only the person the
confirmation went to (or the owner) may correct."""

from __future__ import annotations

from typing import Any

from reactiond.app import Daemon
from reactiond.domain import RecordTable
from tests import store_reads
from tests.e2e.conversation.conftest import (
    contact_says,
    jobs,
    jobs_idle,
    message,
    owner_says,
    react,
    records,
    replies_queued,
    sent_id,
)
from tests.e2e.replies.conftest import DaemonFactory, wait_until
from tests.e2e.replies.test_replies_end_to_end import post
from tests.fake_evolution import FakeEvolution


async def made(daemon: Daemon, fake: FakeEvolution, mid: str, text: str, emoji: str) -> str:
    m = message(mid, text)
    await post(daemon, m)
    await react(daemon, m, emoji, f"R-{mid}")
    await fake.wait_for_sends(1)
    return await sent_id(daemon, "action:")


async def one(daemon: Daemon, table: RecordTable) -> dict[str, Any]:
    """The one record of `table`."""
    [row] = await records(daemon, table)
    return row


async def test_a_reply_with_a_new_time_moves_the_task_and_confirms_it(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    confirmation = await made(
        daemon, fake, "FIX-TIME-1", "Llamar al contador el 20 de diciembre a las 10", "✅"
    )
    await post(daemon, owner_says("FIX-TIME-2", "no, a las 4", quoting=confirmation))
    sends = await fake.wait_for_sends(2)
    assert sends[1].body["text"].startswith("✏️ Corregido:"), sends[1].body["text"]
    task = await one(daemon, "tasks")
    assert task["due_local"] == "2026-12-20T16:00"
    [trace] = await store_reads.chat_changes(daemon.store, "task", task["id"])
    assert trace["via"] == "correction" and "2026-12-20T16:00" in trace["changed"]


async def test_a_reply_with_an_amount_changes_the_bill(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    confirmation = await made(
        daemon, fake, "FIX-AMOUNT-1", "Pagar luz CFE $890 vence el 28 de diciembre", "💳"
    )
    await post(daemon, owner_says("FIX-AMOUNT-2", "era $950", quoting=confirmation))
    sends = await fake.wait_for_sends(2)
    assert "950" in sends[1].body["text"]
    bill = await one(daemon, "bills")
    assert (bill["amount"], bill["due_local"]) == ("950.00", "2026-12-28")


async def test_cancela_cancels_the_record_and_its_reminders(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    confirmation = await made(
        daemon, fake, "FIX-CANCEL-1", "Pagar luz CFE $890 vence el 28 de diciembre", "💳"
    )
    await post(daemon, owner_says("FIX-CANCEL-2", "cancela", quoting=confirmation))
    sends = await fake.wait_for_sends(2)
    assert sends[1].body["text"].startswith("↩️ Cancelado:")
    assert (await one(daemon, "bills"))["status"] == "cancelled"
    assert await jobs(daemon, "reminder", "queued") == []


async def test_cambia_a_calendar_turns_the_task_into_an_event(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    confirmation = await made(
        daemon, fake, "FIX-KIND-1", "Reunión con Ana el 18 de diciembre a las 11", "✅"
    )
    await post(daemon, owner_says("FIX-KIND-2", "cambia a 📅", quoting=confirmation))
    sends = await fake.wait_for_sends(2)
    assert sends[1].body["text"].startswith("📅"), sends[1].body["text"]
    assert (await one(daemon, "tasks"))["status"] == "cancelled"
    event = await one(daemon, "calendar_events")
    assert (event["start_local"], event["status"]) == ("2026-12-18T11:00", "scheduled")


async def test_a_reply_not_understood_gets_the_help_with_an_example(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    confirmation = await made(
        daemon, fake, "FIX-HELP-1", "Llamar al contador el 20 de diciembre a las 10", "✅"
    )
    await post(daemon, owner_says("FIX-HELP-2", "mmm no sé", quoting=confirmation))
    sends = await fake.wait_for_sends(2)
    assert "por ejemplo" in sends[1].body["text"]
    assert (await one(daemon, "tasks"))["due_local"] == "2026-12-20T10:00"


async def test_corrections_are_read_in_the_language_they_are_written_in(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    confirmation = await made(
        daemon, fake, "FIX-LANG-1", "Llamar al contador el 20 de diciembre a las 10", "✅"
    )
    await post(daemon, owner_says("FIX-LANG-2", "make it December 22 3pm", quoting=confirmation))
    sends = await fake.wait_for_sends(2)
    assert sends[1].body["text"].startswith("✏️ Corrected:"), sends[1].body["text"]
    assert (await one(daemon, "tasks"))["due_local"] == "2026-12-22T15:00"
    again = await sent_id(daemon, "fix:")
    await post(daemon, owner_says("FIX-LANG-3", "dia 23 às 10", quoting=again))
    sends = await fake.wait_for_sends(3)
    assert sends[2].body["text"].startswith("✏️ Corrigido:"), sends[2].body["text"]
    assert (await one(daemon, "tasks"))["due_local"] == "2026-12-23T10:00"


async def test_someone_else_quoting_the_owners_confirmation_changes_nothing(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    confirmation = await made(
        daemon, fake, "FIX-OTHER-1", "Llamar al contador el 20 de diciembre a las 10", "✅"
    )
    await post(daemon, contact_says("FIX-OTHER-2", "cancela", quoting=confirmation))
    await wait_until(lambda: jobs_idle(daemon))
    assert await replies_queued(daemon) == 1
    assert (await one(daemon, "tasks"))["status"] == "open"


async def test_a_message_quoting_nothing_of_ours_queues_no_job(
    make_daemon: DaemonFactory,
) -> None:
    daemon = await make_daemon()
    await post(daemon, contact_says("FIX-NONE-1", "cancela", quoting="SOMETHING-ELSE"))
    assert await jobs(daemon) == []


async def test_a_reply_to_the_help_corrects_the_same_record(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    confirmation = await made(
        daemon, fake, "FIX-CHAIN-1", "Llamar al contador el 20 de diciembre a las 10", "✅"
    )
    await post(daemon, owner_says("FIX-CHAIN-2", "mmm", quoting=confirmation))
    await fake.wait_for_sends(2)
    help_id = await sent_id(daemon, "fix:")
    await post(daemon, owner_says("FIX-CHAIN-3", "a las 11", quoting=help_id))
    await fake.wait_for_sends(3)
    assert (await one(daemon, "tasks"))["due_local"] == "2026-12-20T11:00"


async def test_a_thank_you_or_a_nod_gets_no_reply(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    confirmation = await made(
        daemon, fake, "FIX-THANKS-1", "Llamar al contador el 20 de diciembre a las 10", "✅"
    )
    await post(daemon, owner_says("FIX-THANKS-2", "ok gracias!", quoting=confirmation))
    await post(daemon, owner_says("FIX-THANKS-3", "🙏", quoting=confirmation))
    await wait_until(lambda: jobs_idle(daemon))
    assert await replies_queued(daemon) == 1
    assert (await one(daemon, "tasks"))["due_local"] == "2026-12-20T10:00"
