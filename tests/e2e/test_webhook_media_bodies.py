"""A message with its picture in the body (Evolution's webhookBase64) may be larger than
REACTIOND_MAX_BODY_BYTES, up to REACTIOND_MAX_MEDIA_BODY_BYTES, when the sender's secret
or JWT is in the headers and the file is what makes it large; anything else keeps the
usual bound. Both sides of each bound, through the real server on loopback."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import jwt
import pytest

from reactiond.app import Daemon
from reactiond.store import media_repo
from tests.e2e.daemon import SECRET, base_url, running_daemon
from tests.fixtures import INSTANCE, fixture
from tests.media_payloads import image_message

BODY = 4096  # REACTIOND_MAX_BODY_BYTES for these tests
MEDIA_BODY = 64 * 1024  # REACTIOND_MAX_MEDIA_BODY_BYTES
HMAC_KEY = "hmac-key-for-media-bodies-0123456789"
JWT_KEY = "jwt-key-for-media-bodies-0123456789"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
async def daemon(tmp_path: Path) -> AsyncIterator[Daemon]:
    async with running_daemon(
        tmp_path,
        max_body_bytes=BODY,
        max_media_body_bytes=MEDIA_BODY,
        webhook_hmac_secret=HMAC_KEY,
        webhook_jwt_key=JWT_KEY,
    ) as d:
        yield d


def picture_body(message_id: str, size: int) -> bytes:
    """A picture message whose JSON body is exactly `size` bytes (JSON allows trailing
    whitespace: the file's base64 comes within 4 bytes, spaces make up the rest)."""
    blank = len(json.dumps(image_message(message_id, data=PNG)).encode())
    file_len = max(len(PNG), (size - blank) * 3 // 4)
    data = PNG + bytes(file_len - len(PNG))
    body = json.dumps(image_message(message_id, data=data)).encode()
    assert len(body) <= size, (len(body), size)
    return body + b" " * (size - len(body))


async def post(
    daemon: Daemon, body: bytes, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, Any]]:
    sent = {"X-Reactiond-Secret": SECRET} if headers is None else headers
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{base_url(daemon)}/webhook/{INSTANCE}", data=body, headers=sent) as resp,
    ):
        return resp.status, await resp.json()


async def kept_bytes(daemon: Daemon, message_id: str) -> bytes | None:
    media = await daemon.store.read(
        lambda tx: media_repo.media_of_message(tx, INSTANCE, message_id)
    )
    if media is None:
        return None
    return await daemon.store.read(lambda tx: media_repo.media_bytes(tx, media.id))


async def test_a_picture_over_the_body_bound_is_taken_up_to_the_media_bound(
    daemon: Daemon,
) -> None:
    status, answer = await post(daemon, picture_body("IMG-AT-BOUND", MEDIA_BODY))
    assert status == 200, answer
    kept = await kept_bytes(daemon, "IMG-AT-BOUND")
    assert kept is not None and kept.startswith(PNG) and len(kept) > BODY


async def test_evolutions_jwt_vouches_for_a_picture_as_the_secret_does(daemon: Daemon) -> None:
    now = int(time.time())
    claims = {"iat": now, "exp": now + 600, "app": "evolution", "action": "webhook"}
    token = jwt.encode(claims, JWT_KEY, algorithm="HS256")
    body = picture_body("IMG-JWT", 2 * BODY)
    status, answer = await post(daemon, body, headers={"Authorization": f"Bearer {token}"})
    assert status == 200, answer


async def test_one_byte_over_the_media_bound_is_413_saying_what_to_do(daemon: Daemon) -> None:
    status, answer = await post(daemon, picture_body("IMG-OVER", MEDIA_BODY + 1))
    assert status == 413
    assert answer["error"] == f"body larger than {MEDIA_BODY} bytes"
    assert "turn off webhookBase64" in answer["hint"]
    assert "getBase64FromMediaMessage" in answer["hint"]
    assert "REACTIOND_MAX_MEDIA_BODY_BYTES" in answer["hint"]
    assert await kept_bytes(daemon, "IMG-OVER") is None


async def test_without_credentials_in_the_headers_the_usual_bound_holds(daemon: Daemon) -> None:
    # A hostile sender gets no further than REACTIOND_MAX_BODY_BYTES, credentials or not.
    small = picture_body("IMG-SMALL", BODY)
    large = picture_body("IMG-NOBODY", BODY + 1)
    status, answer = await post(daemon, small, headers={})
    assert status == 401, answer
    status, answer = await post(daemon, large, headers={})
    assert status == 413 and answer["error"] == f"body larger than {BODY} bytes"
    # An HMAC of the body vouches only once the body is read: the usual bound too.
    signature = hmac.new(HMAC_KEY.encode(), large, hashlib.sha256).hexdigest()
    status, _ = await post(daemon, large, headers={"X-Signature-256": signature})
    assert status == 413
    signed = hmac.new(HMAC_KEY.encode(), small, hashlib.sha256).hexdigest()
    status, answer = await post(daemon, small, headers={"X-Signature-256": signed})
    assert status == 200, answer


async def test_a_body_large_for_another_reason_keeps_the_usual_bound(daemon: Daemon) -> None:
    text = fixture("messages.upsert.text-conversation.es")
    text["data"]["message"]["conversation"] = "x" * (2 * BODY)
    status, answer = await post(daemon, json.dumps(text).encode())
    assert status == 413 and answer["error"] == f"body larger than {BODY} bytes"
    # A base64 beside a message that has no picture or document is not its file.
    text = fixture("messages.upsert.text-conversation.es")
    text["data"]["message"]["base64"] = "A" * (2 * BODY)
    status, answer = await post(daemon, json.dumps(text).encode())
    assert status == 413
    # Nor is a picture whose other fields are what is large.
    padded = image_message("IMG-PADDED", data=PNG)
    padded["data"]["pushName"] = "y" * (2 * BODY)
    status, answer = await post(daemon, json.dumps(padded).encode())
    assert status == 413
