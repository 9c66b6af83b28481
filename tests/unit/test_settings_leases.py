"""Leases that mean something: a job's and a periodic task's lease are at least a second,
and no float setting takes "inf" or "nan" (a job lease of inf left a killed worker's jobs
claimed for ever)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reactiond.settings import SettingsError, load_settings


@pytest.mark.parametrize("value", ["inf", "nan", "-inf"])
def test_a_lease_of_no_number_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("REACTIOND_JOB_LEASE_SECONDS", value)
    with pytest.raises(SettingsError, match="job_lease_seconds"):
        load_settings(data_dir=tmp_path)


@pytest.mark.parametrize("name", ["job_lease_seconds", "task_lease_seconds"])
def test_a_lease_under_a_second_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(SettingsError, match=name):
        load_settings(data_dir=tmp_path, **{name: 0.1})


def test_a_lease_of_seconds_is_taken(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, job_lease_seconds=1, task_lease_seconds=2.5)
    assert (settings.job_lease_seconds, settings.task_lease_seconds) == (1, 2.5)
