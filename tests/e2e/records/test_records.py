"""`reactiond tasks|events|bills|notes` on records made by real reactions. The CLI runs
in a thread (it has its own event loop) against the running daemon's data directory."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from typer.testing import CliRunner, Result

from reactiond.cli.main import app
from reactiond.store import events
from tests.e2e.records.conftest import (
    EN_MESSAGE,
    ES_MESSAGE,
    GROUP_REACTION_BY_OTHER,
    PT_MESSAGE,
    Conversation,
    reaction,
    text_message,
)
from tests.log_sink import reset_logging

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


async def cli(chat: Conversation, *args: str) -> Result:
    runner = CliRunner(env={"REACTIOND_DATA_DIR": str(chat.daemon.settings.data_dir)})

    def invoke() -> Result:
        try:
            return runner.invoke(app, list(args))
        finally:
            reset_logging()  # the CLI's logger printed to the runner's stderr

    return await asyncio.to_thread(invoke)


async def listed(chat: Conversation, *args: str) -> list[dict[str, Any]]:
    result = await cli(chat, *args, "--json")
    assert result.exit_code == 0, result.output
    items: list[dict[str, Any]] = json.loads(result.stdout)
    return items


async def test_tasks_are_listed_soonest_first(chat: Conversation) -> None:
    await seed(chat)
    tasks = await listed(chat, "tasks", "list")
    assert [t["due"][:10] for t in tasks] == ["2025-01-15", "2025-01-15", "2025-01-17"]


async def test_due_range_filter(chat: Conversation) -> None:
    await seed(chat)
    tasks = await listed(chat, "tasks", "list", "--from", "2025-01-16", "--to", "2025-01-31")
    assert [t["title"] for t in tasks] == ["Review presentation"]


async def test_reactor_filter_by_phone_number(chat: Conversation) -> None:
    await seed(chat)
    tasks = await listed(chat, "tasks", "list", "--reactor", "+55 11 91234 5678")  # Carla
    assert [t["title"] for t in tasks] == ["Comprar leite"]


async def test_chat_and_text_filters(chat: Conversation) -> None:
    await seed(chat)
    bills = await listed(
        chat, "bills", "list", "--chat", "5215587654321@s.whatsapp.net", "--text", "agua"
    )
    assert [(b["vendor"], b["amount"]) for b in bills] == [("Agua", "320.00")]


async def test_task_done_then_not_twice(chat: Conversation) -> None:
    await seed(chat)
    [task, *_] = await listed(chat, "tasks", "list")
    first = await cli(chat, "tasks", "done", str(task["id"]))
    assert first.exit_code == 0, first.output
    again = await cli(chat, "tasks", "done", str(task["id"]))
    assert again.exit_code == 1
    assert "is done, not open" in again.output


async def test_task_reopen_from_done_or_cancelled_but_not_open_or_missing(
    chat: Conversation,
) -> None:
    """`reactiond tasks reopen ID` opens a done or cancelled task again, through the same
    change as `PATCH /api/tasks/ID {"status": "open"}`; an open task or a missing id is
    refused with what to do."""
    from reactiond.engine.record_changes import change_record
    from reactiond.records.kinds import SPECS, RecordKind

    await seed(chat)
    [task, *_] = await listed(chat, "tasks", "list")
    still_open = await cli(chat, "tasks", "reopen", str(task["id"]))
    assert still_open.exit_code == 1
    assert still_open.output.strip() == (
        f"reactiond: task {task['id']} is open already: nothing changed; only a done or"
        " cancelled task can be reopened"
    )
    assert (await cli(chat, "tasks", "done", str(task["id"]))).exit_code == 0
    reopened = await cli(chat, "tasks", "reopen", str(task["id"]))
    assert reopened.exit_code == 0, reopened.output
    assert reopened.output.strip() == f"task {task['id']} open again: {task['title']}"
    spec = SPECS[RecordKind.TASKS]
    await chat.daemon.store.write(
        lambda tx: change_record(tx, spec, task["id"], {"status": "cancelled"}, 1.0)
    )
    assert (await cli(chat, "tasks", "reopen", str(task["id"]))).exit_code == 0
    [row] = [t for t in await chat.records("tasks") if t["id"] == task["id"]]
    assert row["status"] == "open" and row["done_at"] is None
    missing = await cli(chat, "tasks", "reopen", "999999")
    assert missing.exit_code == 1
    assert missing.output.strip() == (
        "reactiond: no task 999999; `reactiond tasks list` shows them"
    )


async def test_bill_paid_is_logged(chat: Conversation) -> None:
    await seed(chat)
    [bill, *_] = await listed(chat, "bills", "list", "--status", "pending")
    paid = await cli(chat, "bills", "paid", str(bill["id"]))
    assert paid.exit_code == 0, paid.output
    [row] = [b for b in await chat.records("bills") if b["id"] == bill["id"]]
    assert row["status"] == "paid" and row["paid_at"] is not None
    logged = await chat.daemon.store.read(lambda tx: events.events_after(tx, 0))
    assert [e.data["id"] for e in logged if e.type == "record.updated"] == [bill["id"]]


async def test_unknown_status_filter_says_which_exist(chat: Conversation) -> None:
    result = await cli(chat, "tasks", "list", "--status", "closed")
    assert result.exit_code == 1
    assert "open, done, cancelled" in result.output


async def test_missing_record_is_a_one_line_error(chat: Conversation) -> None:
    result = await cli(chat, "tasks", "done", "999")
    assert result.exit_code == 1
    assert "no task 999" in result.output


async def test_a_rule_disabled_from_the_cli_applies_to_the_next_reaction(
    chat: Conversation,
) -> None:
    result = await cli(chat, "rules", "disable", "task")  # the daemon keeps running
    assert result.exit_code == 0, result.output
    msg = text_message(ES_MESSAGE, "AFTER-DISABLE", "Llamar al banco mañana")
    await chat.post(msg)
    await chat.post(reaction(msg, "✅", "AFTER-DISABLE-r", sent_ms=T0))
    await chat.settle()
    assert await chat.records("tasks") == []


async def test_times_can_be_shown_in_the_readers_zone(chat: Conversation) -> None:
    await seed(chat)
    tasks = await listed(chat, "tasks", "list", "--text", "reporte", "--tz", "UTC")
    assert [t["due"] for t in tasks] == ["2025-01-15T16:00:00+00:00"]  # 10:00 in Mexico City


async def test_cli_tz_shows_instants_in_the_readers_zone_as_the_api_does(
    chat: Conversation,
) -> None:
    await seed(chat)
    tasks = await listed(chat, "tasks", "list", "--text", "reporte", "--tz", "Asia/Tokyo")
    assert tasks[0]["created_at"].endswith("+09:00")
    status, body = await chat.api("GET", "/api/tasks?q=reporte&tz=Asia/Tokyo")
    assert status == 200 and body["items"] == tasks


async def test_cli_unknown_tz_is_refused_with_a_hint(chat: Conversation) -> None:
    result = await cli(chat, "tasks", "list", "--tz", "Mars/Olympus")
    assert result.exit_code != 0
    assert "unknown time zone 'Mars/Olympus'" in result.output
    assert "IANA" in result.output


async def test_a_contacts_own_zone_is_used_for_their_next_message(chat: Conversation) -> None:
    first = text_message(ES_MESSAGE, "TZ-1", "Llamar al banco mañana a las 10")
    await chat.post(first)  # Lucía is known now
    result = await cli(chat, "people", "tz", "+52 1 55 8765 4321", "America/Cancun")
    assert result.exit_code == 0, result.output
    await chat.post(reaction(first, "✅", "TZ-1-r", sent_ms=T0))
    await chat.settle()
    [task] = await chat.records("tasks")
    assert (task["tz"], task["due_local"]) == ("America/Cancun", "2025-01-15T10:00")


async def test_setting_the_zone_of_a_stranger_says_who_is_known(chat: Conversation) -> None:
    result = await cli(chat, "people", "tz", "+44 7700 900123", "Europe/London")
    assert result.exit_code == 1
    assert "people list" in result.output
