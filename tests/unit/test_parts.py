"""The daemon is assembled from a list of parts in one place (`app.standard_parts`); a
role selects which sides of the parts run. Built without starting anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from reactiond.app import Daemon, standard_parts
from reactiond.domain import Job, JobKind
from reactiond.engine.worker import Effects
from reactiond.part import Part, Role
from reactiond.settings import Settings, load_settings


def settings(tmp_path: Path) -> Settings:
    return load_settings(None, data_dir=tmp_path, host="127.0.0.1", port=0)


async def nothing(job: Job) -> Effects | None:
    return None


def test_the_standard_daemon_is_its_parts_in_order(tmp_path: Path) -> None:
    daemon = Daemon(settings(tmp_path))
    assert [p.name for p in daemon.parts] == [
        "webhook",
        "reactions",
        "talkback",
        "api",
        "retention",
    ]
    assert {JobKind.REACTION, "reminder"} <= set(daemon.handlers.kinds)
    assert daemon.web_routes() == [r for p in daemon.parts for r in p.routes]


def test_a_part_is_added_by_listing_it(tmp_path: Path) -> None:
    probe = Part(name="probe", handlers={"probe": nothing})
    daemon = Daemon(settings(tmp_path), parts_of=lambda d: [*standard_parts(d), probe])
    assert "probe" in daemon.handlers.kinds
    assert daemon.parts[-1] is probe


def test_two_parts_handling_one_job_kind_are_refused(tmp_path: Path) -> None:
    twin = Part(name="twin", handlers={JobKind.REACTION: nothing})
    with pytest.raises(ValueError, match="already registered"):
        Daemon(settings(tmp_path), parts_of=lambda d: [*standard_parts(d), twin])


def test_the_web_role_runs_no_services_and_the_worker_role_all_of_them(tmp_path: Path) -> None:
    assert Daemon(settings(tmp_path), role=Role.WEB).services == ()
    worker = Daemon(settings(tmp_path), role=Role.WORKER)
    assert worker.services == tuple(s for p in worker.parts for s in p.services)
    assert Role.ALL.serves_web and Role.ALL.runs_jobs
    assert not Role.WORKER.serves_web and not Role.WEB.runs_jobs
