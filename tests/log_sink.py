"""Where structlog prints in the test process when nothing else configured it.

structlog's defaults print to whatever `sys.stdout` is when a line is logged. A daemon
running in the test's own process (tests/e2e) logs while a CLI runs in Click's runner,
which swaps `sys.stdout` for its capture: a `job_done` line then landed in the JSON a
test parsed from the command's output (1 run in ~15 of tests/pg/e2e/test_records_on_pg.py).
Every test that resets structlog (after a CLI configured it onto the runner's stream,
which the runner closes) resets it to this instead: the defaults, printing to the
process's own stderr, which pytest captures by its file descriptor."""

from __future__ import annotations

import sys

import structlog


def reset_logging() -> None:
    structlog.reset_defaults()
    structlog.configure(logger_factory=structlog.PrintLoggerFactory(file=sys.__stderr__))
