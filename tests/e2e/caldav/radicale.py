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
            "level = warning\n"
        )

    def start(self) -> None:
        log = (self.root / "radicale.log").open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(self.root / "config")],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        eventually_sync(self._answers, what=f"Radicale answering on port {self.port}")

    def _answers(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise AssertionError(
                f"Radicale exited: {(self.root / 'radicale.log').read_text()[-2000:]}"
            )
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

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
