"""The daily digest on PostgreSQL with two reactiond processes' worth of workers (issue
20 §5): two daemons share one database, as two machines behind a load balancer; both are
woken at the digest's hour, the digest goes out once, and a third started afterwards (a
restart) sends it no second time that day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.e2e.conversation.conftest import jobs_idle, message, owner_says, react, replies
from tests.e2e.conversation.test_digest import MONTHS, digest_jobs
from tests.e2e.replies.conftest import Clock, DaemonFactory, wait_until
from tests.e2e.replies.test_replies_end_to_end import post
from tests.fake_evolution import FakeEvolution


async def test_two_daemons_on_one_database_send_one_digest(
    make_daemon: DaemonFactory, fake: FakeEvolution, tmp_path: Path
) -> None:
    clock = Clock()
    a = await make_daemon(clock=clock, data_dir=tmp_path / "a")
    b = await make_daemon(clock=clock, data_dir=tmp_path / "b")
    await post(a, owner_says("PG-DIGEST-1", "resumen diario 8:00"))
    await fake.wait_for_sends(1)
    [job] = await digest_jobs(b)  # the other daemon reads the same database
    day = date.fromisoformat(job["payload"]["day"])
    task = message("PG-DIGEST-TASK", f"Llamar al contador el {day.day} de {MONTHS[day.month - 1]}")
    await post(b, task)
    await react(b, task, "✅", "R-PG-DIGEST-TASK")
    await fake.wait_for_sends(2)

    clock.advance(job["run_at"] - clock() + 1)
    a.wakeup()
    b.wakeup()
    sends = await fake.wait_for_sends(3)
    assert sends[2].body["text"].startswith("☀️ Tu día"), sends[2].body["text"]
    await wait_until(lambda: jobs_idle(a))
    await wait_until(lambda: jobs_idle(b))
    assert len(await replies(a, "digest:")) == 1
    [done] = [j for j in await digest_jobs(a) if j["status"] == "done"]
    assert done["payload"]["day"] == day.isoformat()

    await a.stop()
    await b.stop()
    again = await make_daemon(clock=clock, data_dir=tmp_path / "c")
    await wait_until(lambda: jobs_idle(again))
    assert len(await replies(again, "digest:")) == 1
    queued = [j for j in await digest_jobs(again) if j["status"] == "queued"]
    assert len(queued) == 1 and queued[0]["payload"]["day"] > day.isoformat()  # tomorrow's
    assert len(fake.sends) == 3
