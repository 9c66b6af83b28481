"""A body that says `Content-Encoding: gzip` (or deflate) but is not is the sender's
fault: a 400 saying so. It was a 500 "internal error … the request can be retried" with a
traceback in the log, on the webhook (Evolution then retries a body that cannot pass), the
API and the pages' forms alike. A body compressed as it says is read as any other."""

from __future__ import annotations

import gzip
import json
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from reactiond.app import Daemon
from tests import store_reads
from tests.e2e.daemon import SECRET, base_url, running_daemon
from tests.fixtures import INSTANCE, fixture

HEADERS = {"X-Reactiond-Secret": SECRET, "Content-Type": "application/json"}


@pytest.fixture
async def daemon(tmp_path: Path) -> AsyncIterator[Daemon]:
    async with running_daemon(tmp_path) as d:
        yield d


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", f"/webhook/{INSTANCE}"), ("PATCH", "/api/tasks/1"), ("POST", "/api/rules")],
)
async def test_a_body_that_is_not_what_its_encoding_says_is_400(
    daemon: Daemon, encoding: str, method: str, path: str
) -> None:
    headers = {**HEADERS, "Content-Encoding": encoding}
    async with (
        aiohttp.ClientSession(auto_decompress=False) as http,
        http.request(
            method, base_url(daemon) + path, data=b"not compressed", headers=headers
        ) as resp,
    ):
        assert resp.status == 400, await resp.text()
        body = await resp.json()
    assert f"Content-Encoding: {encoding}" in body["error"]
    assert "uncompressed" in body["hint"]


async def test_a_webhook_compressed_as_it_says_is_stored(daemon: Daemon) -> None:
    payload = fixture("messages.upsert.text-conversation.es")
    headers = {**HEADERS, "Content-Encoding": "gzip"}
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"{base_url(daemon)}/webhook/{INSTANCE}",
            data=gzip.compress(json.dumps(payload).encode()),
            headers=headers,
        ) as resp,
    ):
        assert resp.status == 200, await resp.text()
    stored = await store_reads.message(daemon.store, INSTANCE, payload["data"]["key"]["id"])
    assert stored is not None
