"""`reactiond doctor` with REACTIOND_DATABASE_URL: it checks PostgreSQL, not a file."""

from __future__ import annotations

from pathlib import Path

from reactiond.ops.checks import Status
from reactiond.ops.doctor import diagnose
from reactiond.settings import load_settings
from reactiond.store.postgres.presence import daemon_name
from reactiond.store.postgres.store import PgStore


async def statuses(tmp_path: Path, url: str) -> dict[str, tuple[Status, str]]:
    s = load_settings(None, data_dir=tmp_path, database_url=url)
    return {c.name: (c.status, c.detail) for c in await diagnose(s, evolution=False)}


async def test_doctor_says_postgres_answers_and_its_schema_is_current(
    tmp_path: Path, pg_url: str
) -> None:
    found = await statuses(tmp_path, pg_url)
    assert found["database"][0] is Status.OK and "PostgreSQL" in found["database"][1]
    assert "reactiond:" not in found["database"][1]  # no credentials shown
    assert found["migrations"][0] is Status.OK


async def test_doctor_fails_an_unreachable_postgres(tmp_path: Path, pg_url: str) -> None:
    nowhere = pg_url.rsplit(":", 1)[0] + ":1/nowhere"
    found = await statuses(tmp_path, nowhere)
    assert found["database"][0] is Status.FAIL
    assert "127.0.0.1:1/nowhere" in found["database"][1]
    assert "check that PostgreSQL runs" in found["database"][1]  # what to do


async def test_doctor_says_how_to_create_a_database_that_is_not_there(
    tmp_path: Path, pg_url: str
) -> None:
    """The server answers: "check that PostgreSQL runs" would send the reader the wrong
    way. The line says the database is missing and the command that makes it."""
    missing = pg_url.rsplit("/", 1)[0] + "/never_created"
    found = await statuses(tmp_path, missing)
    assert found["database"][0] is Status.FAIL
    assert 'PostgreSQL has no database "never_created"' in found["database"][1]
    assert "createdb --owner" in found["database"][1]
    assert "check that PostgreSQL runs" not in found["database"][1]


async def test_doctor_warns_when_no_reactiond_runs_on_the_database(
    tmp_path: Path, pg_url: str
) -> None:
    status, detail = (await statuses(tmp_path, pg_url))["daemon"]
    assert status is Status.WARN and "no reactiond process runs" in detail


async def test_doctor_warns_when_only_a_web_process_runs(tmp_path: Path, pg_url: str) -> None:
    web = PgStore(pg_url, application_name=daemon_name("web"))
    await web.open()
    try:
        status, detail = (await statuses(tmp_path, pg_url))["daemon"]
    finally:
        await web.close()
    assert status is Status.WARN
    assert "no worker runs on this database (--role web " in detail
    assert "reactiond run --role worker" in detail


async def test_doctor_names_the_processes_running_on_the_database(
    tmp_path: Path, pg_url: str
) -> None:
    stores = [PgStore(pg_url, application_name=daemon_name(r)) for r in ("web", "worker")]
    for store in stores:
        await store.open()
    try:
        status, detail = (await statuses(tmp_path, pg_url))["daemon"]
    finally:
        for store in stores:
            await store.close()
    assert status is Status.OK
    assert "--role web " in detail and "--role worker " in detail
