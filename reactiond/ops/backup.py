"""`reactiond backup` and `reactiond restore`: the policy around the copy.

The copy itself is the store's (`reactiond/store/sqlite/backup.py`, SQLite's online backup
API); a restore replaces the database under the daemon's feet, so it runs only while this
process holds the data directory's lock, i.e. while no daemon runs there.
"""

from __future__ import annotations

from pathlib import Path

from reactiond.ops.lock import DataDirLock
from reactiond.store.sqlite.backup import BackupError, BackupReport, backup, restore_into

__all__ = ["BackupError", "BackupReport", "backup", "restore"]


def restore(source: Path, data_dir: Path, *, force: bool = False) -> BackupReport:
    """Put a backup in place as the data directory's database; refuses
    (`InstanceLocked`) while a daemon runs on that directory."""
    with DataDirLock(data_dir):
        return restore_into(source, data_dir, force=force)
