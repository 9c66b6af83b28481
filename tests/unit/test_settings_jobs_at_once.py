"""How many jobs one process runs at once: two by default on PostgreSQL, where a job mostly
waits on the server; one on SQLite; whatever REACTIOND_WORKER_CONCURRENCY says otherwise."""

from __future__ import annotations

from pathlib import Path

from reactiond.settings import load_settings

PG = "postgresql://reactiond@127.0.0.1/reactiond"


def test_sqlite_runs_one_job_at_a_time_by_default(tmp_path: Path) -> None:
    assert load_settings(data_dir=tmp_path).jobs_at_once == 1


def test_postgresql_runs_two_jobs_at_once_by_default(tmp_path: Path) -> None:
    assert load_settings(data_dir=tmp_path, database_url=PG).jobs_at_once == 2


def test_the_setting_wins_on_either_store(tmp_path: Path) -> None:
    assert load_settings(data_dir=tmp_path, worker_concurrency=3).jobs_at_once == 3
    assert load_settings(data_dir=tmp_path, database_url=PG, worker_concurrency=1).jobs_at_once == 1
