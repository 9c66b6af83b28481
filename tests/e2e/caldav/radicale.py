"""A real CalDAV server for the tests: Radicale (from PyPI, in the test extras) in its own
process on a free loopback port, with one htpasswd user and its storage in a temporary
directory. Nothing is shared between tests, so they run in parallel (xdist). The tests
speak to it as a phone would, through the `caldav` client."""

from __future__ import annotations

import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from caldav.davclient import DAVClient

from tests.waiting import eventually_sync

USER = "alice"
PASSWORD = "alice-calendar-pass-1"
CALENDAR = "family"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Radicale:
    root: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    _started_once: bool = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def calendar_url(self) -> str:
        return f"{self.url}{USER}/{CALENDAR}/"

    @property
    def password_file(self) -> Path:
        return self.root / "password"

    def configure(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "users").write_text(f"{USER}:{PASSWORD}\n")
        self.password_file.write_text(PASSWORD + "\n")
        self.password_file.chmod(0o600)
        (self.root / "config").write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            "[auth]\n"
            "type = htpasswd\n"
            f"htpasswd_filename = {self.root / 'users'}\n"
            "htpasswd_encryption = plain\n"
            "delay = 0\n"
            "[storage]\n"
            f"filesystem_folder = {self.root / 'collections'}\n"
            "[rights]\n"
            "type = owner_only\n"
            "[logging]\n"
            "level = info\n"  # its "server ready" line, which start() waits for
        )

    def start(self) -> None:
        """Start Radicale and wait for its "server ready". A free port is picked before
        Radicale binds it (its config takes no port 0), so another test's server may take
        it meanwhile: Radicale then exits with "Address already in use", and a first start
        tries another port (a restart keeps its port: the daemon under test knows it)."""
        for _ in range(5):
            if self._launch():
                self._started_once = True
                return
            if self._started_once:
                raise AssertionError(f"Radicale's port {self.port} was taken while it was down")
            self.port = free_port()
            self.configure()
        raise AssertionError("Radicale found its port taken five times")

    def _launch(self) -> bool:
        """True once Radicale is ready; False when its port was taken first."""
        log_path = self.root / "radicale.log"
        before = log_path.stat().st_size if log_path.exists() else 0
        with log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "radicale", "--config", str(self.root / "config")],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        outcome: list[bool] = []

        def settled() -> bool:
            assert self.proc is not None
            text = log_path.read_bytes()[before:].decode(errors="replace")
            if "Radicale server ready" in text:
                outcome.append(True)
                return True
            if self.proc.poll() is not None:
                if "Address already in use" in text:
                    outcome.append(False)
                    return True
                raise AssertionError(f"Radicale exited: {text[-2000:]}")
            return False

        eventually_sync(settled, what=f"Radicale ready on port {self.port}")
        return outcome[0]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None

    def client(self) -> DAVClient:
        """A `caldav` client signed in as the user (a phone's calendar app)."""
        return DAVClient(
            url=self.url, username=USER, password=PASSWORD, enable_rfc6764=False, timeout=10
        )

    def make_calendar(self, name: str = CALENDAR, components: str = "VEVENT,VTODO") -> str:
        with self.client() as client:
            made = client.principal().make_calendar(  # type: ignore[no-untyped-call]
                name=name, cal_id=name, supported_calendar_component_set=components.split(",")
            )
            return str(made.url)
