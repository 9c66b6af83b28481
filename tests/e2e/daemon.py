"""A real daemon on a free loopback port, for end-to-end tests."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from reactiond.app import Daemon
from reactiond.settings import load_settings

SECRET = "test-secret-0123456789"


@asynccontextmanager
async def running_daemon(
    data_dir: Path, *, clock: Callable[[], float] = time.time, **overrides: Any
) -> AsyncIterator[Daemon]:
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "host": "127.0.0.1",
        "port": 0,
        "webhook_secret": SECRET,
    }
    values.update(overrides)
    daemon = Daemon(load_settings(None, **values), clock=clock)
    await daemon.start()
    try:
        yield daemon
    finally:
        await daemon.stop()


def base_url(daemon: Daemon) -> str:
    return f"http://127.0.0.1:{daemon.port}"
