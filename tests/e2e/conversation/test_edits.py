"""Edits follow the message (issue 20 §1), through the real webhook and the fake
Evolution: an edited bill message changes its bill and its reminders and says so; a
record changed since is left alone and the reply says so; a deleted message cancels."""

from __future__ import annotations

import copy
import time
from typing import Any

from reactiond.app import Daemon
from reactiond.store.records_query import update_record_row
from tests import store_reads
from tests.e2e.conversation.conftest import (
    deleted,
    edited,
    jobs,
    jobs_idle,
    message,
    react,
    records,
    replies_queued,
)
from tests.e2e.records.conftest import reaction
from tests.e2e.replies.conftest import DaemonFactory, wait_until
from tests.e2e.replies.test_replies_end_to_end import post
from tests.fake_evolution import FakeEvolution
from tests.fixtures import INSTANCE, fixture


async def bill(daemon: Daemon) -> dict[str, Any]:
    return (await records(daemon, "bills"))[0]


async def pending_bills(daemon: Daemon) -> list[dict[str, Any]]:
    return [b for b in await records(daemon, "bills") if b["status"] == "pending"]


async def test_an_edited_bill_message_changes_the_bill_its_reminders_and_says_so(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("EDIT-BILL-1", "Pagar luz CFE $890 vence el 28 de diciembre")
    await post(daemon, m)
    await react(daemon, m, "💳", "R-EDIT-BILL-1")
    [confirmation] = await fake.wait_for_sends(1)
    assert "890" in confirmation.body["text"]
    before = await jobs(daemon, "reminder", "queued")
    assert len(before) == 2

    await post(daemon, edited("EDIT-BILL-1", "Pagar luz CFE $950 vence el 30 de diciembre"))
    sends = await fake.wait_for_sends(2)
    text = sends[1].body["text"]
    assert text.startswith("✏️ Actualizado:"), text
    assert "950" in text and "30 de dic" in text
    assert sends[1].body["number"] == confirmation.body["number"]
    row = await bill(daemon)
    assert (row["amount"], row["due_local"], row["status"]) == ("950.00", "2026-12-30", "pending")
    after = await jobs(daemon, "reminder", "queued")
    assert len(after) == 2
    assert sorted(j.run_at for j in after) != sorted(j.run_at for j in before)
    trace = await store_reads.chat_changes(daemon.store, "bill", int(row["id"]))
    assert [(c["via"], c["record_kind"]) for c in trace] == [("edit", "bill")]


async def test_the_same_edit_delivered_twice_is_followed_once(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("EDIT-TWICE-1", "Pagar luz CFE $890 vence el 28 de diciembre")
    await post(daemon, m)
    await react(daemon, m, "💳", "R-EDIT-TWICE-1")
    await fake.wait_for_sends(1)
    edit = edited("EDIT-TWICE-1", "Pagar luz CFE $950 vence el 28 de diciembre")
    await post(daemon, edit)
    await post(daemon, edit)
    await fake.wait_for_sends(2)
    await wait_until(lambda: jobs_idle(daemon))
    assert await replies_queued(daemon) == 2
    row = await bill(daemon)
    assert len(await store_reads.chat_changes(daemon.store, "bill", int(row["id"]))) == 1


async def test_a_second_edit_is_followed_too(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("EDIT-AGAIN-1", "Pagar luz CFE $890 vence el 28 de diciembre")
    await post(daemon, m)
    await react(daemon, m, "💳", "R-EDIT-AGAIN-1")
    await fake.wait_for_sends(1)
    await post(daemon, edited("EDIT-AGAIN-1", "Pagar luz CFE $950 vence el 28 de diciembre"))
    await fake.wait_for_sends(2)
    await post(daemon, edited("EDIT-AGAIN-1", "Pagar luz CFE $990 vence el 28 de diciembre"))
    await fake.wait_for_sends(3)
    assert (await bill(daemon))["amount"] == "990.00"


async def test_a_record_changed_since_is_left_alone_and_the_reply_says_so(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("EDIT-TOUCHED-1", "Pagar luz CFE $890 vence el 28 de diciembre")
    await post(daemon, m)
    await react(daemon, m, "💳", "R-EDIT-TOUCHED-1")
    await fake.wait_for_sends(1)
    row = await bill(daemon)
    touched = {"vendor": "Luz", "updated_at": row["updated_at"] + 1}
    await daemon.store.write(lambda tx: update_record_row(tx, "bills", row["id"], touched))
    await post(daemon, edited("EDIT-TOUCHED-1", "Pagar luz CFE $950 vence el 28 de diciembre"))
    sends = await fake.wait_for_sends(2)
    assert "ya se había cambiado" in sends[1].body["text"]
    assert (await bill(daemon))["amount"] == "890.00"


async def test_an_edit_that_adds_a_bill_adds_it_and_one_that_drops_it_cancels_it(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("EDIT-ADD-1", "Pagar luz $890 y agua $320 el 28 de diciembre")
    await post(daemon, m)
    await react(daemon, m, "💳", "R-EDIT-ADD-1")
    await fake.wait_for_sends(1)
    assert len(await pending_bills(daemon)) == 2
    await post(
        daemon, edited("EDIT-ADD-1", "Pagar luz $890, agua $320 y gas $150 el 28 de diciembre")
    )
    await fake.wait_for_sends(2)
    assert len(await pending_bills(daemon)) == 3
    await post(daemon, edited("EDIT-ADD-1", "Pagar luz $890 el 28 de diciembre"))
    await fake.wait_for_sends(3)
    assert [b["amount"] for b in await pending_bills(daemon)] == ["890.00"]


async def test_an_edited_task_moves_its_due_time_and_its_reminder(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("EDIT-TASK-1", "Llamar al contador el 20 de diciembre a las 10")
    await post(daemon, m)
    await react(daemon, m, "✅", "R-EDIT-TASK-1")
    await fake.wait_for_sends(1)
    await post(daemon, edited("EDIT-TASK-1", "Llamar al contador el 21 de diciembre a las 11"))
    await fake.wait_for_sends(2)
    [task] = await records(daemon, "tasks")
    assert task["due_local"] == "2026-12-21T11:00"
    assert len(await jobs(daemon, "reminder", "queued")) == 1


async def test_a_deleted_message_cancels_what_it_made(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("DELETE-1", "Pagar luz CFE $890 vence el 28 de diciembre")
    m["data"]["key"]["id"] = "DELETE-1"
    await post(daemon, m)
    await react(daemon, m, "💳", "R-DELETE-1")
    await fake.wait_for_sends(1)
    await post(daemon, deleted("DELETE-1"))
    sends = await fake.wait_for_sends(2)
    assert sends[1].body["text"].startswith("↩️ Cancelado:")
    assert (await bill(daemon))["status"] == "cancelled"
    assert await jobs(daemon, "reminder", "queued") == []


async def test_a_reaction_processed_after_its_message_was_deleted_makes_no_live_record(
    make_daemon: DaemonFactory,
) -> None:
    # The deletion arrives first (events reordered): the reaction does what the deletion
    # would have done after it. The action is cancelled "message deleted", no bill is made,
    # and the person, who never heard of one, is told nothing.
    daemon = await make_daemon()
    m = message("DELETE-FIRST-1", "Pagar gas $300 mañana")
    await post(daemon, m)
    await post(daemon, deleted("DELETE-FIRST-1"))
    await react(daemon, m, "💳", "R-DELETE-FIRST-1")
    await wait_until(lambda: jobs_idle(daemon), what="the reaction's job done")
    assert [j.status for j in await jobs(daemon, "reaction")] == ["done"]
    assert await records(daemon, "bills") == []
    [action] = await store_reads.actions_on(daemon.store, INSTANCE, "DELETE-FIRST-1")
    assert action["outcome"] == "cancelled" and action["cancelled_at"] is not None
    assert str(action["detail"]).endswith("message deleted")
    assert await replies_queued(daemon) == 0
    assert await jobs(daemon, "reminder") == []


async def test_an_edit_of_a_message_that_made_nothing_queues_no_job(
    make_daemon: DaemonFactory,
) -> None:
    daemon = await make_daemon()
    await post(daemon, message("EDIT-NONE-1", "Hola, ¿cómo estás?"))
    await post(daemon, edited("EDIT-NONE-1", "Hola, ¿cómo estás? Nos vemos"))
    assert await jobs(daemon) == []


async def test_an_edit_carried_by_a_2_3_7_messages_update_is_followed(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("EDIT-237-1", "Pagar luz CFE $890 vence el 28 de diciembre")
    await post(daemon, m)
    await react(daemon, m, "💳", "R-EDIT-237-1")
    await fake.wait_for_sends(1)
    update = copy.deepcopy(fixture("versions/2.3.7.update-carrying-edit"))
    update["data"]["keyId"] = "EDIT-237-1"
    update["data"]["message"]["editedMessage"]["message"] = {
        "conversation": "Pagar luz CFE $1,050 vence el 28 de diciembre"
    }
    await post(daemon, update)
    sends = await fake.wait_for_sends(2)
    assert sends[1].body["text"].startswith("✏️ Actualizado:")
    assert (await bill(daemon))["amount"] == "1050.00"


async def test_an_edit_that_no_longer_parses_keeps_the_record_and_says_so(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("EDIT-UNREAD-1", "Pagar luz CFE $890 vence el 28 de diciembre")
    await post(daemon, m)
    await react(daemon, m, "💳", "R-EDIT-UNREAD-1")
    await fake.wait_for_sends(1)
    await post(daemon, edited("EDIT-UNREAD-1", "ya quedó, gracias"))
    sends = await fake.wait_for_sends(2)
    assert sends[1].body["text"].startswith("✏️ No entendí el mensaje editado")
    assert (await bill(daemon))["status"] == "pending"


async def test_a_record_an_edit_changed_is_still_cancelled_by_taking_the_reaction_off(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("EDIT-UNDO-1", "Pagar luz CFE $890 vence el 28 de diciembre")
    await post(daemon, m)
    await react(daemon, m, "💳", "R-EDIT-UNDO-1")
    await fake.wait_for_sends(1)
    await post(daemon, edited("EDIT-UNDO-1", "Pagar luz CFE $950 vence el 28 de diciembre"))
    await fake.wait_for_sends(2)
    await post(
        daemon,
        reaction(m, "", "R-EDIT-UNDO-2", sent_ms=int(time.time() * 1000) + 1000),
    )
    sends = await fake.wait_for_sends(3)
    assert sends[2].body["text"].startswith("↩️ Cancelado:")
    assert (await bill(daemon))["status"] == "cancelled"


async def test_a_message_that_did_not_parse_makes_its_record_once_edited(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    m = message("EDIT-FIXED-1", "Pagar la luz")
    await post(daemon, m)
    await react(daemon, m, "💳", "R-EDIT-FIXED-1")
    [help_reply] = await fake.wait_for_sends(1)
    assert help_reply.body["text"].startswith("🤔")
    await post(daemon, edited("EDIT-FIXED-1", "Pagar la luz $890 vence el 28 de diciembre"))
    sends = await fake.wait_for_sends(2)
    assert sends[1].body["text"].startswith("💳 Cuenta registrada"), sends[1].body["text"]
    row = await bill(daemon)
    assert (row["amount"], row["due_local"]) == ("890.00", "2026-12-28")
    outcomes = await store_reads.actions_on(daemon.store, INSTANCE, "EDIT-FIXED-1")
    assert [o["outcome"] for o in outcomes] == ["cancelled", "created"]


async def test_an_edit_after_the_undo_window_is_not_followed_and_the_reply_says_so(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(reaction_undo_window_seconds=0)
    m = message("EDIT-LATE-1", "Pagar luz CFE $890 vence el 28 de diciembre")
    await post(daemon, m)
    await react(daemon, m, "💳", "R-EDIT-LATE-1")
    await fake.wait_for_sends(1)
    later = int(time.time() * 1000) + 5000
    await post(
        daemon, edited("EDIT-LATE-1", "Pagar luz CFE $950 vence el 28 de diciembre", at_ms=later)
    )
    sends = await fake.wait_for_sends(2)
    assert "demasiado" in sends[1].body["text"]
    assert (await bill(daemon))["amount"] == "890.00"
