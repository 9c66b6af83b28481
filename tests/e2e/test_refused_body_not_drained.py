"""A body reactiond refuses is not read to its end: the connection is closed after the
answer. aiohttp otherwise "lingers" up to 10 s reading (and, with Content-Encoding: gzip,
decompressing) the rest on the event loop: a 194 KB gzip bomb posted WITHOUT credentials
held the loop ~1.5 s (`/livez` answered in 1.45 s meanwhile)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from tests.e2e.daemon import running_daemon

CHUNK = 64 * 1024


def chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


async def test_the_rest_of_a_refused_body_is_not_read(tmp_path: Path) -> None:
    async with running_daemon(tmp_path) as daemon:
        reader, writer = await asyncio.open_connection("127.0.0.1", daemon.port)
        writer.write(
            b"POST /webhook/reactiond-demo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        data = chunk(os.urandom(CHUNK))
        for _ in range(2 * 1024 * 1024 // CHUNK):  # over the 1 MiB limit
            writer.write(data)
            await writer.drain()
        status = await reader.readline()
        assert b" 413 " in status, status
        # Keep sending: a server still draining the body takes all of it; one that
        # closed the connection makes the writes fail once the socket buffers are full.
        refused = False
        try:
            for _ in range(128 * 1024 * 1024 // CHUNK):
                writer.write(data)
                await writer.drain()
        except (ConnectionResetError, BrokenPipeError):
            refused = True
        finally:
            writer.close()
        assert refused, "the server read 128 MiB of a body it had already refused"
