"""`reactiond doctor` with REACTIOND_DATABASE_URL: it checks PostgreSQL, not a file."""

from __future__ import annotations

from pathlib import Path

from reactiond.ops.checks import Status
from reactiond.ops.doctor import diagnose
from reactiond.settings import load_settings


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
