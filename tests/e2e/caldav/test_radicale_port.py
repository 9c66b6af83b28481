"""The tests' Radicale finds a port of its own when another server took the one it picked
(a daemon of another xdist worker, bound to port 0 meanwhile, once answered the CalDAV
tests' PROPFIND with its JSON 405)."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.e2e.caldav.radicale import Radicale


def test_radicale_moves_to_another_port_when_its_port_was_taken(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = Radicale(tmp_path / "radicale", port=port)
        server.configure()
        server.start()
        try:
            assert server.port != port
            server.make_calendar()  # it is Radicale that answers there
        finally:
            server.stop()
