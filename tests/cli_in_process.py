"""`reactiond ARGS` through Click's runner, in the test's own process.

The command's output and exit code are what a whole `python -m reactiond` shows, without
starting one (~0.4 CPU-s each: the interpreter, Typer, the command's imports). What only
a whole process shows (the entry point, an exit code as the shell sees it, the language
chosen at start-up, `run`) is tested in tests/cli. The CLI speaks English here, whatever
the locale (tests/conftest.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from typer.testing import CliRunner, Result

from reactiond.cli.main import app
from tests.log_sink import reset_logging


def run_cli(env: Mapping[str, str | None], *args: str) -> Result:
    """`reactiond ARGS` with `env` on top of this process's environment (None unsets a
    variable) while it runs."""
    try:
        return CliRunner(env=dict(env)).invoke(app, list(args))
    finally:
        reset_logging()  # the CLI's logger printed to the runner's stderr


async def run_cli_in_thread(env: Mapping[str, str | None], *args: str) -> Result:
    """`run_cli` from a coroutine: in a thread, as the CLI runs its own event loop."""
    return await asyncio.to_thread(run_cli, env, *args)
