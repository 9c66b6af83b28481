"""`reactiond run` as a real subprocess, for crash and lifecycle tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.e2e.ops.support import NotifySocket
from tests.fixtures import REPO


class DaemonProcess:
    """Started on port 0 with a notify socket: the port is read back from its READY=1
    (sent once the webhook answers), never picked first and bound later."""

    def __init__(self, data_dir: Path, secret: str, **env: str) -> None:
        self.data_dir = data_dir
        self.port = 0  # known once started
        self.notify = NotifySocket()
        self.log = data_dir.parent / f"{data_dir.name}-daemon.log"
        self.env = {
            **os.environ,
            "REACTIOND_DATA_DIR": str(data_dir),
            "REACTIOND_PORT": "0",
            "REACTIOND_WEBHOOK_SECRET": secret,
            "REACTIOND_LOG_LEVEL": "warning",
            "NOTIFY_SOCKET": self.notify.path,
            **env,
        }
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "reactiond", "run"],
                cwd=REPO,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self.port = self.notify.wait_ready(timeout)
        except AssertionError:
            exited = self.proc.poll()
            raise AssertionError(
                f"daemon not ready (exit code {exited}): {self.log.read_text()[-2000:]}"
            ) from None

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def terminate(self, timeout: float = 30.0) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)

    def stop_quietly(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.notify.close()
