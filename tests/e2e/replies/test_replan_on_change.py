"""Any change of a record's due date or start plans its reminders again, also when it had
none before: a task made with only a date gets one once a time is set (issue 16 item 11)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp

from reactiond.app import Daemon
from tests import store_reads
from tests.e2e.records.conftest import ES_MESSAGE, OWNER_REACTION, text_message
from tests.e2e.replies.conftest import DaemonFactory
from tests.e2e.replies.test_replies_end_to_end import OWNER_NUMBER, react, sent_now
from tests.fake_evolution import FakeEvolution

MX = ZoneInfo("America/Mexico_City")


async def patch(daemon: Daemon, path: str, body: dict[str, Any]) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.patch(f"http://127.0.0.1:{daemon.port}{path}", json=body) as resp,
    ):
        assert resp.status == 200, await resp.text()
        answer: dict[str, Any] = await resp.json()
        return answer


def next_year_day(month: int, day: int) -> str:
    return f"{datetime.now(MX).year + 1}-{month:02d}-{day:02d}"


async def test_setting_a_time_on_a_date_only_task_plans_its_reminder(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(default_tz="America/Mexico_City")
    day = next_year_day(1, 20)
    message = sent_now(text_message(ES_MESSAGE, "ES-TASK-R1", "Llamar al contador el 20 de enero"))
    await react(daemon, OWNER_REACTION, message, "✅", "R-TASK-R1")
    await fake.wait_for_sends(1)  # the confirmation: where reminders go too
    [task] = await store_reads.records(daemon.store, "tasks")
    assert task["due_local"] == day  # a date, no time: nothing to remind before
    assert await daemon.store.list_jobs(status="queued", kind="reminder") == []

    await patch(daemon, f"/api/tasks/{task['id']}", {"due": f"{day}T18:00"})

    [job] = await daemon.store.list_jobs(status="queued", kind="reminder")
    due = datetime.fromisoformat(f"{day}T18:00").replace(tzinfo=MX).timestamp()
    assert job.run_at == due - 30 * 60
    assert job.payload["destination"] == OWNER_NUMBER
    assert job.payload["language"] == "es"


async def test_giving_a_bill_its_first_due_date_plans_its_reminders(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(default_tz="America/Mexico_City")
    message = sent_now(text_message(ES_MESSAGE, "ES-BILL-R1", "Pagar renta $8,500"))
    await react(daemon, OWNER_REACTION, message, "💳", "R-BILL-R1")
    await fake.wait_for_sends(1)
    [bill] = await store_reads.records(daemon.store, "bills")
    assert bill["due_local"] is None
    assert await daemon.store.list_jobs(status="queued", kind="reminder") == []

    await patch(daemon, f"/api/bills/{bill['id']}", {"due": next_year_day(2, 10)})

    jobs = await daemon.store.list_jobs(status="queued", kind="reminder")
    assert sorted(j.payload["purpose"] for j in jobs) == ["bill_before", "bill_due"]
    assert {j.payload["destination"] for j in jobs} == {OWNER_NUMBER}
