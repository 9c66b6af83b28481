"""Secrets stay out of the logs (issue 12, item 5): aiohttp's own loggers go through the
JSON logger with header values and configured secrets redacted. Before, a request with
`Authorization: Bearer <token>\\x00` printed the header, token included, as multi-line
plain text on stderr."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog

from reactiond.logs import ROUTED_LOGGERS, configure_logging
from tests.e2e.daemon import running_daemon
from tests.log_sink import reset_logging

VALUES = {
    "webhook_secret": "whsec-0123456789abcdefXYZ",
    "api_token": "apitok-0123456789abcdefXYZ",
    "evolution_api_key": "evokey-0123456789abcdefXYZ",
    "webhook_hmac_secret": "hmac-0123456789abcdefXYZ",
}
HEADERS = {
    "webhook_secret": "X-Reactiond-Secret: {v}\x00",
    "api_token": "Authorization: Bearer {v}\x00",
    "evolution_api_key": "apikey: {v}\x00",
    "webhook_hmac_secret": "X-Signature-256: sha256={v}\x00",
}


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    yield
    reset_logging()
    for name in ROUTED_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
        logger.setLevel(logging.NOTSET)


async def _raw_request(port: int, header: str) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\n{header}\r\n\r\n"
    writer.write(request.encode("utf-8", "surrogateescape"))
    await writer.drain()
    answer = await reader.read()
    writer.close()
    return answer


@pytest.mark.parametrize("name", list(VALUES))
async def test_a_malformed_header_never_prints_its_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    configure_logging("info", "json")  # as `reactiond run` does
    value = VALUES[name]
    async with running_daemon(tmp_path, evolution_url="http://127.0.0.1:9", **VALUES) as d:
        await _raw_request(d.port or 0, HEADERS[name].format(v=value))
    out = capsys.readouterr()
    logged = out.err + out.out
    for secret in VALUES.values():
        assert secret not in logged
    assert "Traceback" not in logged  # one JSON event, not plain text
    events = [json.loads(line) for line in out.err.splitlines() if line.startswith("{")]
    [error] = [e for e in events if e.get("logger", "").startswith("aiohttp")]
    assert error["error"] == "BadHttpMessage"
    assert error["level"] == "warning"  # the client's mistake, answered 400
    assert "[redacted]" in error["detail"]


def test_secrets_are_blanked_from_any_event(capsys: pytest.CaptureFixture[str]) -> None:
    from reactiond.logs import register_secrets

    configure_logging("info", "json")
    register_secrets(VALUES.values())
    structlog.get_logger("x").info("oops", where=f"token={VALUES['api_token']}")
    assert VALUES["api_token"] not in capsys.readouterr().err
    register_secrets(())
