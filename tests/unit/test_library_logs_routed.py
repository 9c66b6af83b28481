"""A library's warnings come out as the daemon's JSON lines, not as plain text among them."""

from __future__ import annotations

import json
import logging

import pytest

from reactiond.logs import configure_logging
from tests.log_sink import reset_logging


def test_a_connection_pool_warning_is_one_json_line(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("info", "json")
    try:
        logging.getLogger("psycopg.pool").warning("error connecting in %r: refused", "reactiond")
        logging.getLogger("psycopg").info("below warning: kept out")
    finally:
        reset_logging()
    [line] = capsys.readouterr().err.splitlines()
    logged = json.loads(line)
    assert logged["level"] == "warning" and "error connecting in 'reactiond'" in logged["event"]
