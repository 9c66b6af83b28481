"""The webhook through the real aiohttp server on loopback, with the fixture payloads."""

# Raw SQL here: a full disk injected with PRAGMA max_page_count.
from __future__ import annotations

import base64
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
from reactiond.store.interface import Transaction
from tests import store_reads
from tests.e2e.daemon import SECRET, base_url, running_daemon
from tests.fixtures import INSTANCE, fixture, fixture_names

HEADERS = {"X-Reactiond-Secret": SECRET}


@pytest.fixture
async def daemon(tmp_path: Path) -> AsyncIterator[Daemon]:
    async with running_daemon(tmp_path) as d:
        yield d


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as s:
        yield s


async def post(
    http: aiohttp.ClientSession,
    daemon: Daemon,
    body: Any,
    *,
    headers: dict[str, str] | None = None,
    path: str = f"/webhook/{INSTANCE}",
) -> tuple[int, dict[str, Any]]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    async with http.post(
        base_url(daemon) + path,
        data=data,
        headers=HEADERS if headers is None else headers,
    ) as resp:
        return resp.status, await resp.json()


async def stored(daemon: Daemon, payload: dict[str, Any]) -> list[dict[str, Any]]:
    """What the store holds of `payload`: its message, or its reaction (on its target)."""
    data, instance = payload["data"], payload["instance"]
    reaction = data["message"].get("reactionMessage")
    if reaction is not None:
        on = await store_reads.reactions_on(daemon.store, instance, reaction["key"]["id"])
        return [r for r in on if r["reaction_id"] == data["key"]["id"]]
    message = await store_reads.message(daemon.store, instance, data["key"]["id"])
    return [] if message is None else [message]


@pytest.mark.parametrize("name", fixture_names("messages.upsert."))
async def test_every_upsert_fixture_is_acknowledged_and_stored(
    name: str, daemon: Daemon, http: aiohttp.ClientSession
) -> None:
    payload = fixture(name)
    status, body = await post(http, daemon, payload)
    assert status == 200, body
    assert body["stored"] == 1
    assert len(await stored(daemon, payload)) == 1


@pytest.mark.parametrize(
    ("name", "where", "field"),
    [
        ("messages.upsert.text-conversation.es", ("key", "id"), "message_id"),
        ("messages.upsert.reaction-add", ("key", "id"), "reaction_id"),
        ("messages.upsert.text-conversation.es", ("key", "remoteJid"), "chat_jid"),
    ],
)
async def test_an_id_of_half_a_million_characters_is_refused_naming_it(
    daemon: Daemon, http: aiohttp.ClientSession, name: str, where: tuple[str, str], field: str
) -> None:
    """It was accepted and stored: a 500,000-character id in the messages' table, and in
    every listing, trace and log line that names it."""
    payload = fixture(name)
    long_id = "9" * 499_996 + "@lid" if where[1] == "remoteJid" else "A" * 500_000
    payload["data"][where[0]][where[1]] = long_id
    status, body = await post(http, daemon, payload)
    assert status == 400, body
    assert body["error"] == (
        f"body refused: {field} is 500000 characters long; an id is at most 256"
    )
    assert "at most 256 characters" in body["hint"]
    assert await store_reads.jobs(daemon.store) == []
    assert await stored(daemon, payload) == []


async def test_redelivered_payload_is_a_no_op(daemon: Daemon, http: aiohttp.ClientSession) -> None:
    payload = fixture("messages.upsert.reaction-add")
    await post(http, daemon, payload)
    status, body = await post(http, daemon, payload)
    assert (status, body["stored"], body["duplicates"]) == (200, 0, 1)
    assert len(await store_reads.jobs(daemon.store)) == 1


async def test_by_events_url_form_is_accepted(daemon: Daemon, http: aiohttp.ClientSession) -> None:
    payload = fixture("messages.upsert.text-conversation.es")
    status, _ = await post(http, daemon, payload, path=f"/webhook/{INSTANCE}/messages-upsert")
    assert status == 200
    assert len(await stored(daemon, payload)) == 1


async def test_unknown_event_is_counted_and_answered_200(
    daemon: Daemon, http: aiohttp.ClientSession
) -> None:
    payload = {"event": "presence.update", "instance": INSTANCE, "data": {"id": "x"}}
    status, body = await post(http, daemon, payload)
    assert (status, body["ignored"]) == (200, 1)
    stats = await daemon.store.queue_stats(time.time())
    assert stats.events_ignored == {"presence.update": 1}


async def test_missing_secret_is_401_and_nothing_is_stored(
    daemon: Daemon, http: aiohttp.ClientSession
) -> None:
    payload = fixture("messages.upsert.reaction-add")
    status, body = await post(http, daemon, payload, headers={})
    assert status == 401
    assert "X-Reactiond-Secret" in body["hint"]
    assert await stored(daemon, payload) == []


async def test_wrong_secret_is_401(daemon: Daemon, http: aiohttp.ClientSession) -> None:
    status, _ = await post(
        http, daemon, fixture("messages.upsert.reaction-add"), headers={"X-Reactiond-Secret": "no"}
    )
    assert status == 401


async def test_secret_as_token_query_parameter_is_accepted(
    daemon: Daemon, http: aiohttp.ClientSession
) -> None:
    status, _ = await post(
        http,
        daemon,
        fixture("messages.upsert.reaction-add"),
        headers={},
        path=f"/webhook/{INSTANCE}?token={SECRET}",
    )
    assert status == 200


async def test_garbage_is_400_with_the_reason(daemon: Daemon, http: aiohttp.ClientSession) -> None:
    status, body = await post(http, daemon, b"\x00not json{")
    assert status == 400
    assert "not JSON" in body["error"]


async def test_json_that_is_not_an_evolution_event_is_400(
    daemon: Daemon, http: aiohttp.ClientSession
) -> None:
    status, body = await post(http, daemon, {"hello": "world"})
    assert status == 400
    assert "event" in body["error"]


async def test_body_over_the_limit_is_413(tmp_path: Path, http: aiohttp.ClientSession) -> None:
    async with running_daemon(tmp_path, max_body_bytes=4096) as d:
        payload = fixture("messages.upsert.text-conversation.es")
        payload["data"]["message"]["conversation"] = "x" * 10_000
        status, body = await post(http, d, payload)
        assert status == 413
        assert "REACTIOND_MAX_BODY_BYTES" in body["hint"]
        assert await stored(d, payload) == []


async def test_full_disk_is_503_and_the_event_is_not_acknowledged(
    daemon: Daemon, http: aiohttp.ClientSession
) -> None:
    # A real SQLITE_FULL: cap the database at its current size (raw: a fault injected in
    # the database itself, which no store method would ever do).
    def cap(tx: Transaction) -> None:
        tx.execute("PRAGMA max_page_count = 1")

    await daemon.store.write(cap)
    payload = fixture("messages.upsert.text-conversation.es")
    payload["data"]["message"]["conversation"] = "y" * 200_000
    status, body = await post(http, daemon, payload)
    assert status == 503
    assert "disk is full" in body["error"]

    def uncap(tx: Transaction) -> None:
        tx.execute("PRAGMA max_page_count = 1073741823")

    await daemon.store.write(uncap)
    status, _ = await post(http, daemon, payload)  # Evolution's redelivery now lands
    assert status == 200
    assert len(await stored(daemon, payload)) == 1


async def test_instance_not_in_the_allow_list_is_refused(
    tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    async with running_daemon(tmp_path, allowed_instances=["other"]) as d:
        status, body = await post(http, d, fixture("messages.upsert.reaction-add"))
        assert status == 403
        assert "REACTIOND_ALLOWED_INSTANCES" in body["hint"]


async def test_a_payload_naming_an_instance_outside_the_allow_list_is_refused(
    tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    payload = {**fixture("messages.upsert.text-lid"), "instance": "someone-else"}
    async with running_daemon(tmp_path, allowed_instances=[INSTANCE]) as d:
        status, body = await post(http, d, payload)  # the URL names an allowed instance
        assert status == 403
        assert "someone-else" in body["error"]
        assert await stored(d, payload) == []


async def test_evolution_jwt_is_accepted_when_valid(
    tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    key = "jwt-key-for-tests-0123456789abcdef"
    async with running_daemon(tmp_path, webhook_secret=None, webhook_jwt_key=key) as d:
        now = int(time.time())
        claims = {"iat": now, "exp": now + 600, "app": "evolution", "action": "webhook"}
        token = jwt.encode(claims, key, algorithm="HS256")
        status, _ = await post(
            http,
            d,
            fixture("messages.upsert.reaction-add"),
            headers={"Authorization": f"Bearer {token}"},
        )
        assert status == 200


async def test_expired_evolution_jwt_is_refused(
    tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    key = "jwt-key-for-tests-0123456789abcdef"
    async with running_daemon(tmp_path, webhook_secret=None, webhook_jwt_key=key) as d:
        then = int(time.time()) - 3600  # beyond Evolution's whole retry window
        claims = {"iat": then, "exp": then + 600, "app": "evolution", "action": "webhook"}
        token = jwt.encode(claims, key, algorithm="HS256")
        status, _ = await post(
            http,
            d,
            fixture("messages.upsert.reaction-add"),
            headers={"Authorization": f"Bearer {token}"},
        )
        assert status == 401


async def test_evolution_jwt_reused_by_a_late_retry_is_accepted(
    tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    # Regression (issue 13 §4): Evolution reuses one token for all ten attempts; the
    # 9th starts ~915 s after `iat`, past `exp` (iat + 600), and was refused.
    key = "jwt-key-for-tests-0123456789abcdef"
    async with running_daemon(tmp_path, webhook_secret=None, webhook_jwt_key=key) as d:
        then = int(time.time()) - 915
        claims = {"iat": then, "exp": then + 600, "app": "evolution", "action": "webhook"}
        token = jwt.encode(claims, key, algorithm="HS256")
        status, _ = await post(
            http,
            d,
            fixture("messages.upsert.reaction-add"),
            headers={"Authorization": f"Bearer {token}"},
        )
        assert status == 200


async def test_jwt_signed_with_another_key_is_refused(
    tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    async with running_daemon(tmp_path, webhook_secret=None, webhook_jwt_key="a" * 32) as d:
        now = int(time.time())
        token = jwt.encode({"iat": now, "exp": now + 600}, "b" * 32, algorithm="HS256")
        status, _ = await post(
            http,
            d,
            fixture("messages.upsert.reaction-add"),
            headers={"Authorization": f"Bearer {token}"},
        )
        assert status == 401


async def test_unsigned_jwt_is_refused(tmp_path: Path, http: aiohttp.ClientSession) -> None:
    async with running_daemon(tmp_path, webhook_secret=None, webhook_jwt_key="a" * 32) as d:
        header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=")
        claims = base64.urlsafe_b64encode(
            json.dumps({"exp": int(time.time()) + 600}).encode()
        ).rstrip(b"=")
        token = (header + b"." + claims + b".").decode()
        status, _ = await post(
            http,
            d,
            fixture("messages.upsert.reaction-add"),
            headers={"Authorization": f"Bearer {token}"},
        )
        assert status == 401


async def test_hmac_signature_of_the_body_is_accepted(
    tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    key = "proxy-signing-key"
    async with running_daemon(tmp_path, webhook_secret=None, webhook_hmac_secret=key) as d:
        body = json.dumps(fixture("messages.upsert.reaction-add")).encode()
        sig = hmac.new(key.encode(), body, hashlib.sha256).hexdigest()
        status, _ = await post(http, d, body, headers={"X-Signature-256": f"sha256={sig}"})
        assert status == 200
        tampered = body.replace(b"\\u2705", b"x") if b"\\u2705" in body else body + b" "
        status, _ = await post(http, d, tampered, headers={"X-Signature-256": f"sha256={sig}"})
        assert status == 401


async def test_fresh_install_generates_a_secret_instead_of_running_open(
    tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    async with running_daemon(tmp_path, webhook_secret=None) as d:
        secret_file = tmp_path / "webhook-secret"
        assert secret_file.stat().st_mode & 0o777 == 0o600
        secret = secret_file.read_text().strip()
        payload = fixture("messages.upsert.reaction-add")
        assert (await post(http, d, payload, headers={}))[0] == 401
        assert (await post(http, d, payload, headers={"X-Reactiond-Secret": secret}))[0] == 200


async def test_a_token_with_the_event_evolution_appends_after_the_query_is_accepted(
    tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    # Regression (issue 13 §5): with "webhook by events" and `?token=` in the URL,
    # Evolution posts to `…?token=<secret>/messages-upsert`; that was a 401.
    async with running_daemon(tmp_path) as d:
        payload = fixture("messages.upsert.reaction-add")
        path = f"/webhook/{INSTANCE}?token={SECRET}/messages-upsert"
        status, body = await post(http, d, payload, headers={}, path=path)
        assert status == 200, body
        assert len(await stored(d, payload)) == 1


async def test_a_wrong_token_with_an_event_appended_is_still_refused(
    tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    async with running_daemon(tmp_path) as d:
        status, _ = await post(
            http,
            d,
            fixture("messages.upsert.reaction-add"),
            headers={},
            path=f"/webhook/{INSTANCE}?token=wrong/{SECRET}",
        )
        assert status == 401
