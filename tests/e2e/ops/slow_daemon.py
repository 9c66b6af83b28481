"""`reactiond run` with a slow "reaction" handler, so that SIGTERM finds a job running.

OPS_HANDLER_SECONDS says how long each job takes. Used by the lifecycle tests only.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import dataclasses

from reactiond.app import Daemon, serve, standard_parts
from reactiond.domain import Job
from reactiond.engine.worker import Effects
from reactiond.logs import configure_logging
from reactiond.part import Part
from reactiond.settings import load_settings

SECONDS = float(os.environ.get("OPS_HANDLER_SECONDS", "0.01"))


async def slow(job: Job) -> Effects | None:
    await asyncio.sleep(SECONDS)
    return None


def parts(daemon: Daemon) -> list[Part]:
    # The real daemon's parts, each handling no jobs but ours: "reaction" jobs are slow.
    handles_nothing = [dataclasses.replace(p, handlers={}) for p in standard_parts(daemon)]
    return [*handles_nothing, Part(name="slow reactions", handlers={"reaction": slow})]


if __name__ == "__main__":
    settings = load_settings()
    configure_logging(settings.log_level, settings.log_format)
    asyncio.run(serve(settings, reload=load_settings, parts=parts))
