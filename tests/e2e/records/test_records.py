"""Listing and updating records made by reactions (`reactiond.records`, the CLI's and the
API's functions)."""

from __future__ import annotations

import asyncio
import json

import pytest
import structlog
from typer.testing import CliRunner, Result

from reactiond import records
from reactiond.cli import app
from reactiond.records import RecordFilter
from tests.e2e.records.conftest import (
    EN_MESSAGE,
    ES_MESSAGE,
    GROUP_REACTION_BY_OTHER,
    PT_MESSAGE,
    Conversation,
    reaction,
    text_message,
)

T0 = 1_736_872_000_000


async def seed(chat: Conversation) -> None:
    items = [
        (ES_MESSAGE, "R1", "Enviar el reporte mañana a las 10", "✅", None),
        (EN_MESSAGE, "R2", "Review presentation by Friday", "✅", None),
        (PT_MESSAGE, "R3", "Comprar leite amanhã", "✅", GROUP_REACTION_BY_OTHER),
        (ES_MESSAGE, "R4", "Pagar luz $890 y agua $320 el viernes", "💳", None),
    ]
    for n, (base, mid, text, emoji, by) in enumerate(items):
        msg = text_message(base, mid, text)
        await chat.post(msg)
        kwargs = {"base": by} if by else {}
        await chat.post(reaction(msg, emoji, f"{mid}-r", sent_ms=T0 + n, **kwargs))
    await chat.settle()


async def test_tasks_are_listed_soonest_first(chat: Conversation) -> None:
    await seed(chat)
    tasks = await records.list_records(chat.daemon.store, "tasks", RecordFilter())
    assert [t["due_local"][:10] for t in tasks] == ["2025-01-15", "2025-01-15", "2025-01-17"]


async def test_due_range_filter(chat: Conversation) -> None:
    await seed(chat)
    f = RecordFilter(date_from="2025-01-16", date_to="2025-01-31")
    tasks = await records.list_records(chat.daemon.store, "tasks", f)
    assert [t["title"] for t in tasks] == ["Review presentation"]


async def test_reactor_filter_by_phone_number(chat: Conversation) -> None:
    await seed(chat)
    f = RecordFilter(reactor="+55 11 91234 5678")  # Carla
    tasks = await records.list_records(chat.daemon.store, "tasks", f)
    assert [t["title"] for t in tasks] == ["Comprar leite"]


async def test_chat_and_text_filters(chat: Conversation) -> None:
    await seed(chat)
    f = RecordFilter(chat="5215587654321@s.whatsapp.net", text="agua")
    bills = await records.list_records(chat.daemon.store, "bills", f)
    assert [(b["vendor"], b["amount"]) for b in bills] == [("Agua", "320.00")]


async def test_times_are_shown_in_the_readers_zone(chat: Conversation) -> None:
    await seed(chat)
    f = RecordFilter(text="reporte")
    [task] = await records.list_records(chat.daemon.store, "tasks", f, reader_tz="UTC")
    assert task["due"] == "2025-01-15T16:00:00+00:00"  # 10:00 in Mexico City


async def test_task_done_then_not_twice(chat: Conversation) -> None:
    await seed(chat)
    [task, *_] = await records.list_records(chat.daemon.store, "tasks", RecordFilter())
    done = await records.mark_task_done(chat.daemon.store, task["id"])
    assert done["status"] == "done"
    with pytest.raises(records.RecordStateError, match="is done, not open"):
        await records.mark_task_done(chat.daemon.store, task["id"])


async def test_bill_paid_is_logged(chat: Conversation) -> None:
    await seed(chat)
    [bill, *_] = await records.list_records(chat.daemon.store, "bills", RecordFilter())
    await records.mark_bill_paid(chat.daemon.store, bill["id"])
    events = await chat.query("SELECT data FROM event_log WHERE type = 'record.updated'")
    assert [json.loads(e["data"])["status"] for e in events] == ["paid"]


async def test_unknown_status_filter_says_which_exist(chat: Conversation) -> None:
    with pytest.raises(records.BadFilter, match="open, done, cancelled"):
        await records.list_records(chat.daemon.store, "tasks", RecordFilter(status="closed"))


async def test_cli_lists_and_closes_records(chat: Conversation) -> None:
    await seed(chat)
    cli = CliRunner(env={"REACTIOND_DATA_DIR": str(chat.daemon.settings.data_dir)})

    def invoke(*args: str) -> Result:  # the CLI runs its own event loop: another thread
        try:
            return cli.invoke(app, list(args))
        finally:
            structlog.reset_defaults()  # the CLI's logger printed to the runner's stderr

    listed = await asyncio.to_thread(invoke, "bills", "list", "--status", "pending", "--json")
    assert listed.exit_code == 0, listed.output
    bills = json.loads(listed.stdout)
    assert len(bills) == 2
    paid = await asyncio.to_thread(invoke, "bills", "paid", str(bills[0]["id"]))
    assert paid.exit_code == 0, paid.output
    missing = await asyncio.to_thread(invoke, "tasks", "done", "999")
    assert missing.exit_code == 1
    assert "no task 999" in missing.output
    [bill] = await chat.query("SELECT status FROM bills WHERE id = ?", (bills[0]["id"],))
    assert bill["status"] == "paid"
