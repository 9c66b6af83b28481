"""Suite-wide settings (keep this small; each tests folder has its own conftest.py)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.log_sink import reset_logging

# The whole suite runs with an English CLI, whatever the developer's locale: the CLI picks
# its language once at import (reactiond/cli/text.py), and tests that check English output
# must not depend on LANG. tests/cli/test_cli_languages.py sets the language per process.
os.environ["REACTIOND_LANGUAGE"] = "en"


def _in_memory_tmp() -> None:
    """Temporary files in memory (/dev/shm, a tmpfs) when the caller chose no TMPDIR and
    it has room: tmp_path, the daemons' data dirs, the PostgreSQL clusters. SQLite commits
    with synchronous=FULL, an fsync each; on a disk the suite's thousand daemons spent more
    time waiting on those than computing (e2e records + API files: 21 s -> 8-13 s). A tmpfs
    keeps what every test checks, what a process wrote and another reads after a kill;
    only a power cut tells the difference, and no test cuts the power (the PostgreSQL
    clusters here run with fsync off for the same reason: tests/postgres.py). Set in the
    environment, so the xdist workers and the processes tests start inherit it."""
    shm = Path("/dev/shm")
    if "TMPDIR" in os.environ or not shm.is_dir() or not os.access(shm, os.W_OK):
        return
    room = os.statvfs(shm)
    if room.f_bavail * room.f_frsize < 4 * 2**30:  # a small container's /dev/shm: the disk
        return
    os.environ["TMPDIR"] = str(shm)
    tempfile.tempdir = None  # gettempdir() looks again


_in_memory_tmp()

# structlog printing to the process's stderr from the start, not to whatever sys.stdout is
# when a daemon in this process logs (a CLI runner's capture): tests/log_sink.py.
reset_logging()

# Hypothesis fails an example that takes over 200 ms (`deadline`) and a test whose data is
# slow to generate (`too_slow`). On a loaded CI machine both happen while the code is
# right, so the property tests would fail by the clock, not by a counterexample. Speed
# has its own place: the benchmarks (bench/) and the explicit CPU-time bounds.
settings.register_profile(
    "reactiond",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("reactiond")

# A real PostgreSQL, started by the first test that asks for `pg_url` (tests/postgres.py);
# one parser process shared by the daemons tests start in-process (tests/parser_process.py).
pytest_plugins = ["tests.postgres", "tests.parser_process"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under xdist (scripts/test): the long tests (marked `slow`) go first, so that none
    starts last and keeps the suite waiting on one worker; and the browser tests (those
    using `chromium`) form one group, run by one worker (`--dist loadgroup`), so that
    Chromium and the pages' daemon start once rather than on every worker."""
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("chromium"))
    if getattr(config.option, "loadgroup", False):  # an xdist worker under --dist loadgroup
        _name_the_groups(items)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable


def _name_the_groups(items: list[pytest.Item]) -> None:
    """`--dist loadgroup` sends the tests whose node ids end in the same "@group" to one
    worker. pytest-xdist (3.8) adds that ending by setting `item._nodeid`, which pytest 9
    no longer reads (the id is `item._id`): every group was then spread over every
    worker, each starting its own Chromium, CLI processes and file walks. Named here as
    xdist names them, for the groups it left unnamed and for the browser tests marked
    above (which its hook may have seen before they were marked)."""
    try:
        from _pytest.nodeid import NodeId  # pytest >= 9
    except ImportError:
        NodeId = None  # pytest 8: the id is `_nodeid`
    for item in items:
        marks = item.iter_markers("xdist_group")
        names = {str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in marks}
        if not names or "@" in item.nodeid.rpartition("]")[2]:
            continue
        named = f"{item.nodeid}@{'_'.join(sorted(names))}"
        if NodeId is None:
            item._nodeid = named
        else:
            item._id = NodeId.parse(named)
