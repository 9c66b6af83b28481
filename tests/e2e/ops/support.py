"""Shared by the ops tests: a real `reactiond run` subprocess, a real NOTIFY_SOCKET,
Evolution fixture payloads, a store fed with them."""

from __future__ import annotations

import copy
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from reactiond.evolution.inbound import Translation, translate
from reactiond.store.sqlite.store import SqliteStore
from tests.fixtures import EVOLUTION

REPO = Path(__file__).resolve().parents[3]
FIXTURES = EVOLUTION
SECRET = "ops-test-secret-0123456789"
INSTANCE = "reactiond-demo"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def reaction_payload(i: int) -> dict[str, Any]:
    """The fixture reaction, made unique by its id and send time."""
    base = json.loads((FIXTURES / "messages.upsert.reaction-add.json").read_text())
    payload = copy.deepcopy(base)
    payload["data"]["key"]["id"] = f"OPS{i:012d}"
    payload["data"]["message"]["reactionMessage"]["senderTimestampMs"]["low"] += i
    return payload


class NotifySocket:
    """What systemd listens on: an AF_UNIX datagram socket; we read what the daemon says."""

    def __init__(self) -> None:
        # AF_UNIX paths are limited to 108 bytes: pytest's tmp_path can be longer.
        self.dir = tempfile.mkdtemp(prefix="rd-", dir="/tmp")
        self.path = os.path.join(self.dir, "notify")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.messages: list[str] = []

    def wait_for(self, line: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for m in self.messages:
                if line in m.splitlines():
                    return m
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except TimeoutError:
                break
        raise AssertionError(f"no {line!r} from the daemon; got {self.messages}")

    def wait_ready(self, timeout: float = 60.0) -> int:
        """Wait for READY=1 (sent once the webhook answers) and return the port the daemon
        listens on, from the STATUS beside it: daemons start on port 0, so no port is
        picked first and bound later, when something else may have taken it."""
        self.messages.clear()  # a restarted daemon's READY, not the last run's
        ready = self.wait_for("READY=1", timeout)
        for line in ready.splitlines():
            if line.startswith("STATUS=listening on "):
                return int(line.rsplit(":", 1)[1])
        raise AssertionError(f"READY=1 without a listening STATUS: {ready!r}")

    def close(self) -> None:
        self.sock.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class DaemonProcess:
    def __init__(self, data_dir: Path, *, script: Path | None = None, **env: str) -> None:
        self.data_dir = data_dir
        self.port = 0  # known once READY=1 says it
        self.notify = NotifySocket()
        self.output = Path(self.notify.dir) / "output.log"
        self.env = {
            **os.environ,
            "REACTIOND_DATA_DIR": str(data_dir),
            "REACTIOND_PORT": "0",
            "REACTIOND_WEBHOOK_SECRET": SECRET,
            "REACTIOND_LOG_LEVEL": "warning",
            "NOTIFY_SOCKET": self.notify.path,
            **env,
        }
        argv = [sys.executable, str(script)] if script else [sys.executable, "-m", "reactiond"]
        self.argv = [*argv, "run"] if script is None else argv
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _spawn(self) -> None:
        # Output goes to a file, never to a pipe nobody reads while the daemon runs: a
        # busy daemon's warnings (one per flood-limited job) filled the 64 KiB pipe, and
        # its event loop blocked on the write, answering nothing.
        with self.output.open("wb") as out:
            self.proc = subprocess.Popen(
                self.argv, cwd=REPO, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )

    def start(self) -> DaemonProcess:
        self._spawn()
        self.port = self.notify.wait_ready()
        return self

    def run_to_exit(self, timeout: float = 60.0) -> tuple[int, str]:
        """Start without waiting for READY (for a start that must fail); wait for the exit."""
        self._spawn()
        return self.wait(timeout)

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    def wait(self, timeout: float = 60.0) -> tuple[int, str]:
        """Wait for the exit: the exit code and what the process wrote (stdout and stderr)."""
        assert self.proc is not None
        code = self.proc.wait(timeout=timeout)
        return code, self.output.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.notify.close()


def reaction_events(i: int) -> Translation:
    result = translate(reaction_payload(i), instance_from_url=INSTANCE)
    assert isinstance(result, Translation)
    return result


async def ingest_reactions(store: SqliteStore, ids: range, now: float) -> None:
    for i in ids:
        t = reaction_events(i)
        await store.ingest(t.instance, t.event, t.events, now)


async def open_store(data_dir: Path) -> SqliteStore:
    store = SqliteStore(data_dir / "reactiond.db")
    await store.open()
    return store


def message_payload(i: int) -> dict[str, Any]:
    """The Spanish text fixture, made unique by its id."""
    base = json.loads((FIXTURES / "messages.upsert.text-conversation.es.json").read_text())
    payload = copy.deepcopy(base)
    payload["data"]["key"]["id"] = f"MSG{i:012d}"
    return payload


def translated(payload: dict[str, Any]) -> Translation:
    result = translate(payload, instance_from_url=INSTANCE)
    assert isinstance(result, Translation)
    return result
