"""Exec a command with Linux's memory-deny-write-execute on (prctl PR_SET_MDWE, 6.3+):
what the unit's `MemoryDenyWriteExecute=yes` enforces. Exits 75 when the kernel lacks it."""

from __future__ import annotations

import ctypes
import os
import sys

PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1

if __name__ == "__main__":
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
        sys.exit(75)
    os.execv(sys.argv[1], sys.argv[1:])
