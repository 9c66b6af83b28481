"""Files stay private: the data directory 0700, the database (with its WAL and shared
memory), the generated secret, backups and exports 0600.

Outside systemd (whose unit sets `UMask=0077` and `StateDirectoryMode=0700`) the data dir
was 0755 and `reactiond.db` and backups 0644: messages and phone numbers readable by every
local user. Every `reactiond` command now starts with umask 077 (`keep_private`), the data
dir and the database are created with private modes whatever the umask, and `doctor`
warns about looser modes on what is already there (`too_open`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077
DIR_MODE = 0o700
FILE_MODE = 0o600
# What reactiond keeps in its data directory (backups and exports may be written there too:
# doctor looks at every regular file in it).
DATABASE_FILES = ("reactiond.db", "reactiond.db-wal", "reactiond.db-shm")


def keep_private() -> None:
    """From now on, files and directories this process creates are its user's only."""
    os.umask(PRIVATE_UMASK)


def private_dir(path: Path) -> None:
    """Create `path` (and its parents) if needed; the leaf is created 0700."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        os.chmod(path, DIR_MODE)  # mkdir's mode is masked by the umask; this one is not


def private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 when it does not exist (an empty file is an empty
    SQLite database; SQLite gives its -wal and -shm files the database's mode)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def too_open(data_dir: Path) -> list[tuple[Path, int]]:
    """The data dir and the files in it that group or others may read: (path, mode)."""
    found: list[tuple[Path, int]] = []
    try:
        mode = stat.S_IMODE(data_dir.stat().st_mode)
    except OSError:
        return found
    if mode & 0o077:
        found.append((data_dir, mode))
    try:
        entries = sorted(data_dir.iterdir())
    except OSError:
        return found
    for entry in entries:
        try:
            info = entry.lstat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o077:
            found.append((entry, stat.S_IMODE(info.st_mode)))
    return found
