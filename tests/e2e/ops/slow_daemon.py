"""`reactiond run` with a slow "reaction" handler, so that SIGTERM finds a job running.

OPS_HANDLER_SECONDS says how long each job takes. Used by the lifecycle tests only.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from reactiond.app import Daemon, serve
from reactiond.domain import Job
from reactiond.engine.worker import Effects, JobHandlers
from reactiond.logs import configure_logging
from reactiond.settings import load_settings

SECONDS = float(os.environ.get("OPS_HANDLER_SECONDS", "0.01"))


async def slow(job: Job) -> Effects | None:
    await asyncio.sleep(SECONDS)
    return None


def wire(daemon: Daemon) -> None:
    # The real daemon already handles "reaction" jobs: swap in a table with only ours.
    handlers = JobHandlers()
    handlers.register("reaction", slow)
    daemon.handlers = handlers
    daemon.worker.handlers = handlers


if __name__ == "__main__":
    settings = load_settings()
    configure_logging(settings.log_level, settings.log_format)
    asyncio.run(serve(settings, reload=load_settings, wire=wire))
