"""sd_notify against a real AF_UNIX datagram socket, as systemd listens."""

from __future__ import annotations

import asyncio
import os
import socket
import tempfile
from collections.abc import Iterator

import pytest

from reactiond import app
from reactiond.systemd import Notifier


@pytest.fixture
def listener() -> Iterator[tuple[socket.socket, str]]:
    d = tempfile.mkdtemp(prefix="rd-", dir="/tmp")
    path = os.path.join(d, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(2)
    yield sock, path
    sock.close()
    os.unlink(path)
    os.rmdir(d)


def test_ready_sends_ready_status_and_main_pid(listener: tuple[socket.socket, str]) -> None:
    sock, path = listener
    assert Notifier({"NOTIFY_SOCKET": path}).ready("listening on 127.0.0.1:8787")
    lines = sock.recv(4096).decode().splitlines()
    assert lines == ["READY=1", "STATUS=listening on 127.0.0.1:8787", f"MAINPID={os.getpid()}"]


def test_stopping_and_watchdog_are_single_datagrams(listener: tuple[socket.socket, str]) -> None:
    sock, path = listener
    n = Notifier({"NOTIFY_SOCKET": path})
    n.watchdog()
    n.stopping()
    assert sock.recv(4096) == b"WATCHDOG=1"
    assert sock.recv(4096).decode().splitlines()[0] == "STOPPING=1"


def test_abstract_namespace_socket_is_reached() -> None:
    name = f"reactiond-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(2)
        assert Notifier({"NOTIFY_SOCKET": "@" + name}).watchdog()
        assert sock.recv(4096) == b"WATCHDOG=1"


def test_outside_systemd_every_call_is_a_no_op() -> None:
    n = Notifier({})
    assert not n.enabled
    assert not n.ready("x")
    assert n.watchdog_interval is None


def test_a_vanished_socket_does_not_raise(tmp_path: object) -> None:
    assert not Notifier({"NOTIFY_SOCKET": "/tmp/rd-does-not-exist/notify"}).watchdog()


def test_watchdog_interval_is_half_of_watchdog_sec() -> None:
    n = Notifier({"NOTIFY_SOCKET": "/x", "WATCHDOG_USEC": "30000000"})
    assert n.watchdog_interval == 15.0


def test_watchdog_meant_for_another_pid_is_ignored() -> None:
    env = {"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid() + 1)}
    assert Notifier(env).watchdog_interval is None
    env["WATCHDOG_PID"] = str(os.getpid())
    assert Notifier(env).watchdog_interval == 15.0


async def test_a_long_start_keeps_extending_the_start_timeout(
    listener: tuple[socket.socket, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A start that upgrades a large database (minutes) asks systemd for more time, so
    TimeoutStartSec does not kill it and roll the migration back at every restart."""
    sock, path = listener
    monkeypatch.setattr(app, "STARTING_PING_S", 0.01)
    task = asyncio.create_task(app._still_starting(Notifier({"NOTIFY_SOCKET": path})))
    first = await asyncio.to_thread(sock.recv, 4096)
    second = await asyncio.to_thread(sock.recv, 4096)
    task.cancel()
    for message in (first, second):
        lines = message.decode().splitlines()
        assert lines[0] == "EXTEND_TIMEOUT_USEC=20000"
        assert lines[1].startswith("STATUS=starting")
