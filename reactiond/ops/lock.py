"""One daemon per data directory: an exclusive `flock` on `<data_dir>/reactiond.lock`.

The kernel drops the lock when the process dies, however it dies, so a crash never leaves
a stale lock behind; the PID written inside is only there to name the holder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from reactiond.private_files import private_dir

LOCK_NAME = "reactiond.lock"


class InstanceLocked(Exception):
    """Another process holds the data directory."""

    def __init__(self, path: Path, pid: int | None) -> None:
        who = f"process {pid}" if pid else "another process"
        super().__init__(
            f"another reactiond ({who}) is already using {path.parent}: stop it first "
            f"(systemctl stop reactiond, or kill {pid or '<pid>'}), or point "
            "REACTIOND_DATA_DIR at another directory. SQLite takes one process; to run "
            "several (web and worker roles, several machines), use PostgreSQL: "
            "REACTIOND_DATABASE_URL=postgresql://… (docs/postgresql.md)"
        )
        self.path = path
        self.pid = pid


class DataDirLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        private_dir(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise InstanceLocked(self.path, pid) from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # Not unlinking the file: a process waiting on the old inode would then lock a
        # file nobody else sees.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)

    def __enter__(self) -> DataDirLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def holder_pid(data_dir: Path) -> int | None:
    """The PID of the running daemon on this data dir, or None when nobody holds it."""
    path = data_dir / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_pid(fd) or -1
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text else None
    except (OSError, ValueError):
        return None
