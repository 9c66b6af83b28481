"""One daemon per data directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reactiond.ops.lock import DataDirLock, InstanceLocked, holder_pid


def test_a_second_lock_on_the_same_dir_fails_naming_the_holder(tmp_path: Path) -> None:
    with DataDirLock(tmp_path):
        with pytest.raises(InstanceLocked) as err:
            DataDirLock(tmp_path).acquire()
        assert err.value.pid == os.getpid()
        assert f"process {os.getpid()}" in str(err.value)


def test_the_lock_is_free_again_after_release(tmp_path: Path) -> None:
    with DataDirLock(tmp_path):
        assert holder_pid(tmp_path) == os.getpid()
    assert holder_pid(tmp_path) is None
    DataDirLock(tmp_path).acquire()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    code = (
        "import sys, time; sys.path.insert(0, '.');"
        "from pathlib import Path; from reactiond.ops.lock import DataDirLock;"
        f"DataDirLock(Path({str(tmp_path)!r})).acquire(); print('locked', flush=True);"
        "time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == b"locked\n"
        assert holder_pid(tmp_path) == proc.pid
        with pytest.raises(InstanceLocked):
            DataDirLock(tmp_path).acquire()
    finally:
        proc.kill()
        proc.wait()
    with DataDirLock(tmp_path):  # the kernel dropped it with the process
        pass
