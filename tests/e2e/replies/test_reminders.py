"""Reminders as durable delayed jobs, across restarts, with an injectable clock."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import aiohttp

from reactiond.app import Daemon
from reactiond.engine.reminders import (
    Remindable,
    ReminderConfig,
    ReplyTo,
    cancel_reminders,
    schedule_reminders,
)
from reactiond.store import outbox
from reactiond.store.interface import Transaction
from reactiond.store.records_query import update_record_row
from tests.cli_in_process import run_cli_in_thread
from tests.e2e.replies.conftest import Clock, DaemonFactory, wait_until
from tests.e2e.replies.records_seed import seed_record
from tests.fake_evolution import FakeEvolution

MX = ZoneInfo("America/Mexico_City")
CONFIG = ReminderConfig(bill_days_before=3, morning_hour=9, lead_minutes=30)
OWNER = ReplyTo("reactiond-demo", "5215512345678", "es")


def local(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, MX).replace(tzinfo=None, second=0, microsecond=0)


async def seed_task_due_in(daemon: Daemon, hours: float) -> int:
    now = daemon.clock()
    due = local(now + hours * 3600)

    def write(tx: Transaction) -> int:
        task_id = seed_record(
            tx,
            "task",
            now,
            title="Llamar al contador",
            due_local=due.strftime("%Y-%m-%dT%H:%M"),
            due_at=due.replace(tzinfo=MX).timestamp(),
        )
        schedule_reminders(
            tx,
            Remindable("task", task_id, due, "America/Mexico_City"),
            OWNER,
            CONFIG,
            now,
        )
        return task_id

    return await daemon.store.write(write)


async def jobs(daemon: Daemon, status: str) -> int:
    listed = await daemon.store.list_jobs(status=status, kind="reminder")
    return len(listed)


async def test_a_reminder_due_while_the_daemon_was_down_is_sent_on_start(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    clock = Clock()
    first = await make_daemon(clock=clock)
    await seed_task_due_in(first, hours=2)
    assert await jobs(first, "queued") == 1
    await first.stop()

    clock.advance(1.6 * 3600)  # past the reminder (due - 30 min), before the task is due
    second = await make_daemon(clock=clock)
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["number"] == "5215512345678"
    assert sent.body["text"].startswith("⏰ Recordatorio: Llamar al contador — ")
    await wait_until(lambda: _done(second))
    await second.stop()

    third = await make_daemon(clock=clock)  # fires once: nothing left after another restart
    await wait_until(lambda: _all_sent(third))
    assert len(fake.sends) == 1


async def _done(daemon: Daemon) -> bool:
    return await jobs(daemon, "done") == 1


async def _all_sent(daemon: Daemon) -> bool:
    return (await daemon.store.read(outbox.counts)) == {"sent": 1}


async def test_a_reminder_no_longer_useful_after_downtime_is_skipped(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    clock = Clock()
    first = await make_daemon(clock=clock)
    await seed_task_due_in(first, hours=2)
    await first.stop()

    clock.advance(3 * 3600)  # the task was due an hour ago
    second = await make_daemon(clock=clock)
    await wait_until(lambda: _done(second))
    assert await second.store.read(outbox.counts) == {}
    assert fake.sends == []


async def test_a_reminder_waits_for_its_time(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    clock = Clock()
    daemon = await make_daemon(clock=clock)
    await seed_task_due_in(daemon, hours=2)
    assert await jobs(daemon, "queued") == 1
    assert fake.sends == []
    clock.advance(1.6 * 3600)
    daemon.wakeup()  # the worker's timer would fire at the real moment; the clock jumped
    await fake.wait_for_sends(1)


async def test_a_task_done_before_its_reminder_gets_none(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    clock = Clock()
    daemon = await make_daemon(clock=clock)
    task_id = await seed_task_due_in(daemon, hours=2)
    await daemon.store.write(lambda tx: update_record_row(tx, "tasks", task_id, {"status": "done"}))
    clock.advance(1.6 * 3600)
    daemon.wakeup()
    await wait_until(lambda: _done(daemon))
    assert fake.sends == []


async def test_cancelling_a_records_reminders_drops_its_queued_jobs(
    make_daemon: DaemonFactory,
) -> None:
    daemon = await make_daemon()
    task_id = await seed_task_due_in(daemon, hours=2)
    now = daemon.clock()
    dropped = await daemon.store.write(lambda tx: cancel_reminders(tx, "task", task_id, now))
    assert dropped == 1
    assert await jobs(daemon, "cancelled") == 1


async def test_a_bill_reminder_names_vendor_amount_and_days_left(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    clock = Clock()
    # Start on a fixed local morning so that "3 days before at 9:00" is well defined.
    start = datetime(2026, 12, 1, 8, 0, tzinfo=MX).timestamp()
    clock.advance(start - clock())
    daemon = await make_daemon(clock=clock)
    now = daemon.clock()

    def write(tx: Transaction) -> int:
        bill_id = seed_record(
            tx,
            "bill",
            now,
            vendor="CFE",
            amount="890.00",
            currency="MXN",
            due_local="2026-12-10",
        )
        return schedule_reminders(
            tx,
            Remindable("bill", bill_id, datetime(2026, 12, 10), "America/Mexico_City"),
            OWNER,
            CONFIG,
            now,
        )

    assert await daemon.store.write(write) == 2
    clock.advance(datetime(2026, 12, 7, 9, 0, 30, tzinfo=MX).timestamp() - clock())
    daemon.wakeup()
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["text"] == "⏰ CFE — $890.00 vence en 3 días (jue 10 de dic)."


async def test_marking_a_task_done_cancels_its_queued_reminders(
    make_daemon: DaemonFactory,
) -> None:
    from reactiond.engine.record_changes import mark_task_done

    daemon = await make_daemon()
    task_id = await seed_task_due_in(daemon, hours=2)
    now = daemon.clock()
    await daemon.store.write(lambda tx: mark_task_done(tx, task_id, now))
    assert await jobs(daemon, "queued") == 0
    assert await jobs(daemon, "cancelled") == 1


async def test_moving_a_tasks_due_time_moves_its_reminder(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    clock = Clock()
    daemon = await make_daemon(clock=clock)
    task_id = await seed_task_due_in(daemon, hours=2)
    later = local(daemon.clock() + 5 * 3600).strftime("%Y-%m-%dT%H:%M")
    async with (
        aiohttp.ClientSession() as http,
        http.patch(
            f"http://127.0.0.1:{daemon.port}/api/tasks/{task_id}", json={"due": later}
        ) as resp,
    ):
        assert resp.status == 200, await resp.text()
    [job] = await daemon.store.list_jobs(status="queued", kind="reminder")
    assert job.run_at == datetime.fromisoformat(later).replace(tzinfo=MX).timestamp() - 1800
    assert job.payload["destination"] == OWNER.destination
    clock.advance(1.6 * 3600)  # when the old reminder would have fired
    daemon.wakeup()
    await asyncio.sleep(0.2)
    assert fake.sends == []
    clock.advance(3 * 3600)  # the new one
    daemon.wakeup()
    [sent] = await fake.wait_for_sends(1)
    assert "Llamar al contador" in sent.body["text"]


async def test_reopening_a_done_task_plans_its_reminder_again(
    make_daemon: DaemonFactory,
) -> None:
    daemon = await make_daemon()
    task_id = await seed_task_due_in(daemon, hours=2)
    url = f"http://127.0.0.1:{daemon.port}/api/tasks/{task_id}"
    async with aiohttp.ClientSession() as http:
        for status in ("done", "open"):
            async with http.patch(url, json={"status": status}) as resp:
                assert resp.status == 200, await resp.text()
    [job] = await daemon.store.list_jobs(status="queued", kind="reminder")
    assert job.payload["destination"] == OWNER.destination


async def test_retrying_the_reminder_of_a_done_task_is_refused_with_what_to_do(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    """The reminder would remind of nothing (its task is done): a retry is refused, saying
    why and what to do, through the API, the page and the CLI alike; the job stays as it
    was (reopening the task plans its reminder again)."""
    from reactiond.engine.record_changes import mark_task_done

    daemon = await make_daemon()
    task_id = await seed_task_due_in(daemon, hours=2)
    now = daemon.clock()
    await daemon.store.write(lambda tx: mark_task_done(tx, task_id, now))
    [job] = await daemon.store.list_jobs(status="cancelled", kind="reminder")
    base = f"http://127.0.0.1:{daemon.port}"
    async with aiohttp.ClientSession(base, cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.post(f"/api/queue/{job.id}/retry") as resp:
            body = await resp.json()
            assert resp.status == 409, body
        assert body["error"] == (
            f"job {job.id} is a reminder of task {task_id}, which is done: it would remind of"
            " nothing"
        )
        assert body["hint"] == (
            f"`reactiond tasks reopen {task_id}` reopens the task and its reminders are planned"
            " again"
        )
        # The page says it in the reader's language.
        async with http.get(f"/queue/{job.id}", headers={"Accept-Language": "es"}) as resp:
            html = await resp.text()
        csrf = html.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        async with http.post(
            f"/queue/{job.id}/retry", data={"csrf": csrf}, headers={"Accept-Language": "es"}
        ) as resp:
            html = await resp.text()
            assert resp.status == 409, html
        said = f"el trabajo {job.id} es un recordatorio de la tarea {task_id}, que está hecha"
        assert said in html
        assert (
            f"`reactiond tasks reopen {task_id}` reabre la tarea y sus recordatorios se vuelven"
            " a planear" in html
        )
    env = {"REACTIOND_DATA_DIR": str(daemon.settings.data_dir)}
    result = await run_cli_in_thread(env, "queue", "retry", str(job.id))
    assert result.exit_code == 1, result.output
    assert result.output.strip() == (
        f"reactiond: job {job.id} is a reminder of task {task_id}, which is done: it would"
        f" remind of nothing; `reactiond tasks reopen {task_id}` reopens the task and its"
        " reminders are planned again"
    )
    assert (await daemon.store.get_job(job.id)).status.value == "cancelled"  # type: ignore[union-attr]
    assert fake.sends == []
    # The command the hint names does what it says.
    reopened = await run_cli_in_thread(env, "tasks", "reopen", str(task_id))
    assert reopened.exit_code == 0, reopened.output
    assert reopened.output.startswith(f"task {task_id} open again: ")
    [again] = await daemon.store.list_jobs(status="queued", kind="reminder")
    assert again.payload["destination"] == OWNER.destination
