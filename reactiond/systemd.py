"""sd_notify: tell systemd we are ready, alive (watchdog) or stopping.

The protocol is one datagram of `KEY=VALUE` lines sent to the AF_UNIX socket named in
`$NOTIFY_SOCKET` (a leading `@` means the abstract namespace). Outside systemd the
variable is unset and every call is a no-op, so the daemon runs the same by hand.

Hand-written rather than a dependency: `sdnotify` (pure Python) was last released in 2017
and has no types and no watchdog-interval helper; `systemd-python` and `cysystemd` need
libsystemd headers and a C compiler, heavy on a Raspberry Pi, for a 30-line protocol.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping

import structlog

log = structlog.get_logger("reactiond.systemd")


class Notifier:
    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET", "")
        self.address: str | None = None
        if address.startswith("@"):
            self.address = "\0" + address[1:]
        elif address.startswith("/"):
            self.address = address
        self.watchdog_interval = _watchdog_interval(env)

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def notify(self, **fields: str | int) -> bool:
        """Send `KEY=value` lines (`ready=1` → `READY=1`); False when nobody listens."""
        if self.address is None:
            return False
        message = "\n".join(f"{k.upper()}={v}" for k, v in fields.items()).encode()
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.sendto(message, self.address)
        except OSError as exc:
            # Never let a notification failure take the daemon down; systemd will act on
            # the missing READY/WATCHDOG by itself.
            log.warning("sd_notify_failed", error=str(exc))
            return False
        return True

    def ready(self, status: str) -> bool:
        return self.notify(ready=1, status=status, mainpid=os.getpid())

    def watchdog(self) -> bool:
        return self.notify(watchdog=1)

    def stopping(self, status: str = "stopping") -> bool:
        return self.notify(stopping=1, status=status)

    def reloading(self) -> bool:
        return self.notify(reloading=1, status="reloading settings")

    def status(self, text: str) -> bool:
        return self.notify(status=text)

    def starting(self, extend_s: float) -> bool:
        """Still starting (a database upgrade can take minutes on a large data dir):
        systemd's start timeout is extended by `extend_s` from now."""
        return self.notify(
            extend_timeout_usec=int(extend_s * 1_000_000),
            status="starting (upgrading the database can take a few minutes)",
        )


def _watchdog_interval(env: Mapping[str, str]) -> float | None:
    """Seconds between pings (half of WatchdogSec=), or None when the watchdog is off."""
    usec = env.get("WATCHDOG_USEC")
    pid = env.get("WATCHDOG_PID")
    if not usec or (pid and pid != str(os.getpid())):
        return None
    try:
        value = int(usec)
    except ValueError:
        return None
    return value / 1_000_000 / 2 if value > 0 else None
