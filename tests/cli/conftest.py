from __future__ import annotations

from collections.abc import Iterator

import pytest
import structlog


@pytest.fixture(autouse=True)
def _logging_back_to_defaults() -> Iterator[None]:
    """The CLI configures structlog to print to the runner's captured stderr, which the
    runner closes; later tests must not log into a closed file."""
    yield
    structlog.reset_defaults()
