"""A small Evolution API v2 stand-in for tests and benchmarks (CONTRACT.md §6).

It speaks the REST shapes of the fixtures in `shared/fixtures/evolution/outbound`,
records every request it receives, and can be told to fail (5xx), be slow, refuse (4xx)
or be down (its port closed), then to come back on the same port.

    fake = FakeEvolution(instance="reactiond-demo", api_key="k")
    await fake.start()            # fake.url
    fake.failing(503)             # every send answers 503 until fake.healthy()
    fake.slow_sends(15)           # sends answer (and the message is saved) 15 s later
    fake.reconnecting(times=3)    # WhatsApp reconnects: sends 400 "Connection Closed"
    fake.license_required()       # Evolution 2.4 without a licence: 503 LICENSE_REQUIRED
    fake.keep_media("3A…", png, "image/png")  # getBase64FromMediaMessage serves it
    await fake.down(); await fake.up()
    await fake.wait_for_sends(3)
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

_ROOT = Path(__file__).resolve().parents[1]
# shared/ sits beside the repository (a clone in CI, or a worktree one level deeper).
FIXTURES = next(
    (
        p / "shared/fixtures/evolution/outbound"
        for p in (_ROOT.parent, _ROOT.parent.parent)
        if (p / "shared/fixtures/evolution").is_dir()
    ),
    _ROOT.parent / "shared/fixtures/evolution/outbound",
)


def _fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def _version_fixture(name: str) -> dict[str, Any]:
    """An error shape from `versions/` (CONTRACT.md §9), without our `_evolution_version`."""
    path = FIXTURES.parent / "versions" / name
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data.pop("_evolution_version", None)
    return data


@dataclass
class Received:
    method: str
    path: str
    instance: str
    body: Any
    headers: dict[str, str]
    at: float  # time.perf_counter() when it arrived
    answered: int = 0  # the status we answered
    wall: float = field(default_factory=time.time)  # time.time() when it arrived
    reconnecting: bool = False  # arrived while WhatsApp was reconnecting


@dataclass
class FakeEvolution:
    instance: str = "reactiond-demo"
    api_key: str = "test-api-key"
    host: str = "127.0.0.1"
    port: int = 0
    requests: list[Received] = field(default_factory=list)
    refuse_numbers: set[str] = field(default_factory=set)
    sends_to_lid: bool = True  # ≥2.3.6; before, a `…@lid` number is "not on WhatsApp"
    state: str = "open"
    version: str = "2.3.6"  # what `GET /` answers
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)  # for findMessages
    # for getBase64FromMediaMessage: message id → (bytes, mimetype, file name)
    media: dict[str, tuple[bytes, str, str | None]] = field(default_factory=dict)
    # Keep what it sends, as Evolution does with its message saving on (the default), so
    # that findMessages finds a send whose answer the client never got.
    saves_sent: bool = True
    _fail_status: int | None = None
    _fail_count: int | None = None  # None = until healthy()
    _delay: float = 0.0
    _send_delay: float = 0.0
    _sends_held: asyncio.Event | None = None  # while set up, sends wait for it (hold_sends)
    _reconnecting: int = 0  # requests left while WhatsApp reconnects
    _reconnect_state: str = "open"  # connectionState meanwhile
    _license_required: bool = False
    _webhook: dict[str, Any] | None = None
    _runner: web.AppRunner | None = None
    _site: web.SockSite | None = None
    _held: socket.socket | None = None  # the port, bound but not listening, while down
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _changed: asyncio.Condition | None = None

    # -- lifecycle -------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application()
        app.add_routes(
            [
                web.post("/message/sendText/{instance}", self._send_text),
                web.post("/message/sendReaction/{instance}", self._send_reaction),
                web.post("/webhook/set/{instance}", self._webhook_set),
                web.get("/webhook/find/{instance}", self._webhook_find),
                web.get("/instance/connectionState/{instance}", self._connection_state),
                web.post("/chat/findMessages/{instance}", self._find_messages),
                web.post("/chat/getBase64FromMediaMessage/{instance}", self._media_base64),
                web.get("/", self._root),
                web.route("*", "/{tail:.*}", self._unknown_route),
            ]
        )
        self._changed = asyncio.Condition()
        # A slow answer still on its way when the fake stops is cut after 0.5 s: stopping
        # waited for it whole (a test of a 10 s Evolution took 10 s after its last check).
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=0.5
        )
        await self._runner.setup()
        self._held = self._hold_port()
        self.port = int(self._held.getsockname()[1])
        await self.up()

    def _hold_port(self) -> socket.socket:
        """A socket bound to our port that does not listen: connections are refused, and
        nothing that asks the kernel for a free port (a server on port 0, an outgoing
        connection's ephemeral port, even our own client connecting to itself) gets this
        one while we are down. Releasing the port on `down()` and binding it again on
        `up()` failed on a busy machine with "address already in use"."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)  # beside the listener
        sock.bind((self.host, self.port))
        return sock

    async def up(self) -> None:
        """Listen on the held port (the same one as before `down()`)."""
        assert self._runner is not None and self._held is not None
        sock, self._held = self._held, None
        self._site = web.SockSite(self._runner, sock)
        await self._site.start()

    async def down(self) -> None:
        """Stop listening: clients get "connection refused" until `up()`."""
        if self._site is not None:
            self._held = self._hold_port()  # bound before the listener closes: no gap
            await self._site.stop()
            self._site = None

    async def stop(self) -> None:
        await self.down()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._held is not None:
            self._held.close()
            self._held = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # -- behaviour -------------------------------------------------------------------
    def failing(self, status: int = 503, *, times: int | None = None) -> None:
        self._fail_status, self._fail_count = status, times

    def slow(self, seconds: float) -> None:
        self._delay = seconds

    def slow_sends(self, seconds: float) -> None:
        """Sends (only) answer after `seconds`, and only then is the message sent and saved:
        a client that gives up earlier leaves a message that goes out all the same."""
        self._send_delay = seconds

    def hold_sends(self) -> None:
        """Sends (only) wait, unanswered, until `release_sends()`: a send is in flight for
        as long as a test needs, whatever the machine's load (a fixed delay is not)."""
        self._sends_held = asyncio.Event()

    def release_sends(self) -> None:
        if self._sends_held is not None:
            self._sends_held.set()
            self._sends_held = None

    def reconnecting(self, times: int, *, state: str = "connecting") -> None:
        """WhatsApp reconnects for the next `times` requests: a send answers 400
        `Error: Connection Closed` (Evolution 2.3.6, issue #2229) and connectionState
        answers `state` (give "open" for a state that lags behind the socket)."""
        self._reconnecting, self._reconnect_state = times, state

    def license_required(self, on: bool = True) -> None:
        """Evolution 2.4 without a licence: every call answers 503 LICENSE_REQUIRED."""
        self._license_required = on

    def healthy(self) -> None:
        self._fail_status, self._fail_count, self._delay = None, None, 0.0
        self._reconnecting, self._license_required = 0, False
        self._send_delay = 0.0

    def keep_message(self, webhook_payload: dict[str, Any]) -> dict[str, Any]:
        """Keep a message as Evolution's own database would (message saving on), so that
        `findMessages` returns it. Inferred from Evolution 2.x's Prisma `Message` model:
        the webhook's `data` fields (`key`, `pushName`, `message`, `messageType`,
        `messageTimestamp`, `instanceId`, `source`, `status`) plus the row's own `id` and
        its `MessageUpdate` list; the webhook envelope (`event`, `sender`, …) is not kept."""
        data = dict(webhook_payload["data"])
        record = {"id": f"clmsg{next(self._ids):08d}", **data, "MessageUpdate": []}
        self.messages[str(data["key"]["id"])] = record
        return record

    def keep_media(
        self, message_id: str, data: bytes, mimetype: str, file_name: str | None = None
    ) -> None:
        """A message's file, as Evolution would download and decrypt it from WhatsApp."""
        self.media[message_id] = (data, mimetype, file_name)

    # -- what it received ------------------------------------------------------------
    @property
    def sends(self) -> list[Received]:
        """Sends that were accepted (201)."""
        return [r for r in self.requests if r.path.startswith("/message/") and r.answered == 201]

    @property
    def texts(self) -> list[str]:
        return [str(r.body["text"]) for r in self.sends if "text" in r.body]

    async def wait_for_sends(self, n: int, within: float = 30.0) -> list[Received]:
        assert self._changed is not None
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self.sends) >= n), within)
        return self.sends

    async def wait_for_requests(self, n: int, within: float = 30.0) -> list[Received]:
        assert self._changed is not None
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self.requests) >= n), within)
        return self.requests

    # -- handlers --------------------------------------------------------------------
    async def _record(self, request: web.Request) -> tuple[Received, web.Response | None]:
        body: Any = None
        if request.can_read_body:
            try:
                body = await request.json()
            except ValueError:
                body = await request.text()
        received = Received(
            request.method,
            request.path,
            request.match_info["instance"],
            body,
            dict(request.headers),
            time.perf_counter(),
        )
        self.requests.append(received)
        assert self._changed is not None
        async with self._changed:
            self._changed.notify_all()
        if self._delay:
            await asyncio.sleep(self._delay)
        if self._send_delay and request.path.startswith("/message/"):
            await asyncio.sleep(self._send_delay)
        if self._sends_held is not None and request.path.startswith("/message/"):
            await self._sends_held.wait()
        refusal: web.Response | None = None
        if self._license_required:
            payload = _version_fixture("outbound.error.503.license-required.json")
            refusal = web.json_response(payload, status=503)
        elif request.headers.get("apikey") != self.api_key:
            refusal = web.json_response(_fixture("error.401.unauthorized.json"), status=401)
        elif received.instance != self.instance:
            payload = _fixture("error.404.instance-not-found.json")
            payload["response"]["message"] = [f'The "{received.instance}" instance does not exist']
            refusal = web.json_response(payload, status=404)
        elif self._reconnecting > 0:
            self._reconnecting -= 1
            received.reconnecting = True
            if request.path.startswith("/message/"):
                payload = _version_fixture("outbound.error.400.connection-closed.json")
                refusal = web.json_response(payload, status=400)
        elif self._fail_status is not None:
            refusal = _error(self._fail_status)
            if self._fail_count is not None:
                self._fail_count -= 1
                if self._fail_count <= 0:
                    self._fail_status = self._fail_count = None
        return received, refusal

    async def _answer(self, received: Received, response: web.Response) -> web.Response:
        received.answered = response.status
        assert self._changed is not None
        async with self._changed:
            self._changed.notify_all()
        return response

    def _message(self, key: dict[str, Any], content: dict[str, Any], kind: str) -> dict[str, Any]:
        message = {
            "key": key,
            "pushName": "Você",
            "status": "PENDING",
            "message": content,
            "messageType": kind,
            "messageTimestamp": int(time.time()),
            "instanceId": "7f3c2a1e-4b5d-4c6e-9f80-1a2b3c4d5e6f",
            "source": "web",
        }
        if self.saves_sent:
            self.messages[str(key["id"])] = {
                "id": f"clmsg{next(self._ids):08d}",
                **message,
                "MessageUpdate": [],
            }
        return message

    async def _send_text(self, request: web.Request) -> web.Response:
        received, refusal = await self._record(request)
        if refusal is not None:
            return await self._answer(received, refusal)
        body = received.body if isinstance(received.body, dict) else {}
        missing = [f for f in ("number", "text") if not body.get(f)]
        if missing:
            payload = _fixture("error.400.validation.json")
            payload["response"]["message"] = [[f'instance requires property "{missing[0]}"']]
            return await self._answer(received, web.json_response(payload, status=400))
        number = str(body["number"])
        if number in self.refuse_numbers or (number.endswith("@lid") and not self.sends_to_lid):
            payload = _fixture("error.400.not-on-whatsapp.json")
            jid = number if "@" in number else f"{number}@s.whatsapp.net"
            payload["response"]["message"] = [{"jid": jid, "exists": False, "number": number}]
            return await self._answer(received, web.json_response(payload, status=400))
        jid = number if "@" in number else f"{number}@s.whatsapp.net"
        key = {"remoteJid": jid, "fromMe": True, "id": f"3EB0FAKE{next(self._ids):012d}"}
        message = self._message(key, {"conversation": body["text"]}, "conversation")
        return await self._answer(received, web.json_response(message, status=201))

    async def _send_reaction(self, request: web.Request) -> web.Response:
        received, refusal = await self._record(request)
        if refusal is not None:
            return await self._answer(received, refusal)
        body = received.body if isinstance(received.body, dict) else {}
        target = body.get("key") or {}
        emoji = body.get("reaction")
        if not isinstance(emoji, str) or len(emoji) > 8 or " " in emoji:
            payload = _fixture("error.400.reaction-not-single-emoji.json")
            return await self._answer(received, web.json_response(payload, status=400))
        key = {
            "remoteJid": target.get("remoteJid"),
            "fromMe": True,
            "id": f"3EB0FAKE{next(self._ids):012d}",
        }
        message = self._message(
            key, {"reactionMessage": {"key": target, "text": emoji}}, "reactionMessage"
        )
        return await self._answer(received, web.json_response(message, status=201))

    async def _webhook_set(self, request: web.Request) -> web.Response:
        received, refusal = await self._record(request)
        if refusal is not None:
            return await self._answer(received, refusal)
        webhook = (received.body or {}).get("webhook", {})
        self._webhook = {
            "id": "clwebhookfake",
            "url": webhook.get("url"),
            "headers": webhook.get("headers") or {},
            "enabled": webhook.get("enabled", True),
            "events": webhook.get("events") or [],
            "webhookByEvents": webhook.get("byEvents", False),
            "webhookBase64": webhook.get("base64", False),
        }
        return await self._answer(received, web.json_response(self._webhook, status=201))

    async def _webhook_find(self, request: web.Request) -> web.Response:
        received, refusal = await self._record(request)
        if refusal is not None:
            return await self._answer(received, refusal)
        return await self._answer(received, web.json_response(self._webhook))

    async def _connection_state(self, request: web.Request) -> web.Response:
        received, refusal = await self._record(request)
        if refusal is not None:
            return await self._answer(received, refusal)
        state = self._reconnect_state if received.reconnecting else self.state
        payload = {"instance": {"instanceName": self.instance, "state": state}}
        return await self._answer(received, web.json_response(payload))

    async def _find_messages(self, request: web.Request) -> web.Response:
        received, refusal = await self._record(request)
        if refusal is not None:
            return await self._answer(received, refusal)
        # Evolution 2.x answers `{"messages": {total, pages, currentPage, records}}`
        # (paginated Prisma rows), `records` empty when nothing matches the `where`.
        body = received.body if isinstance(received.body, dict) else {}
        where = (body.get("where") or {}).get("key") or {}
        wanted = where.get("id")
        if wanted is not None:
            matching = [self.messages[wanted]] if wanted in self.messages else []
        else:  # the messages matching the key's other fields, newest first
            matching = [
                m
                for m in self.messages.values()
                if all(m["key"].get(k) == v for k, v in where.items() if k != "participants")
            ]
            matching.sort(key=lambda m: int(m["messageTimestamp"]), reverse=True)
        # Evolution pages with `page` and `offset` (page size, default 50); `limit` is
        # ignored (CONTRACT.md §9).
        size = int(body.get("offset") or 50)
        page = max(1, int(body.get("page") or 1))
        records = matching[(page - 1) * size : page * size]
        payload = {
            "messages": {
                "total": len(matching),
                "pages": max(1, -(-len(matching) // size)),
                "currentPage": page,
                "records": records,
            }
        }
        return await self._answer(received, web.json_response(payload))

    @property
    def media_fetches(self) -> list[Received]:
        return [r for r in self.requests if r.path.startswith("/chat/getBase64FromMediaMessage/")]

    async def _media_base64(self, request: web.Request) -> web.Response:
        """Evolution 2.x's `getBase64FromMediaMessage` (chat router, answers 201): the body
        `{"message": {"key": {"id", …}}, "convertToMp4": false}` names the message, which
        Evolution looks up in its store; it answers `{mediaType, fileName, caption, size:
        {fileLength, height, width}, mimetype, base64, buffer: null}`. A message it does not
        have (or whose media WhatsApp no longer serves) is `400 ["Message not found"]`
        (`BadRequestException`, inferred from the service's catch-all)."""
        received, refusal = await self._record(request)
        if refusal is not None:
            return await self._answer(received, refusal)
        body = received.body if isinstance(received.body, dict) else {}
        key = (body.get("message") or {}).get("key") or {}
        found = self.media.get(str(key.get("id")))
        if found is None:
            payload = {
                "status": 400,
                "error": "Bad Request",
                "response": {"message": ["Message not found"]},
            }
            return await self._answer(received, web.json_response(payload, status=400))
        data, mimetype, file_name = found
        kind = "documentMessage" if not mimetype.startswith("image/") else "imageMessage"
        payload = {
            "mediaType": kind,
            "fileName": file_name,
            "caption": None,
            "size": {"fileLength": str(len(data)), "height": None, "width": None},
            "mimetype": mimetype,
            "base64": base64.b64encode(data).decode(),
            "buffer": None,
        }
        return await self._answer(received, web.json_response(payload, status=201))

    async def _root(self, request: web.Request) -> web.Response:
        """Evolution 2.x's `GET /`: a welcome with the server's version (no key needed)."""
        return web.json_response(
            {
                "status": 200,
                "message": "Welcome to the Evolution API, it is working!",
                "version": self.version,
                "clientName": "evolution_exchange",
                "manager": f"{self.url}/manager",
                "documentation": "https://doc.evolution-api.com",
            }
        )

    async def _unknown_route(self, request: web.Request) -> web.Response:
        """Evolution's (NestJS/Express) answer for a path it has no route for, e.g. a base
        URL with a proxy prefix that is not there."""
        payload = _version_fixture("outbound.error.404.unknown-route.json")
        payload["response"]["message"] = [f"Cannot {request.method} {request.path}"]
        self.requests.append(
            Received(request.method, request.path, "", None, dict(request.headers), 0.0, 404)
        )
        return web.json_response(payload, status=404)


def _error(status: int) -> web.Response:
    reason = "Internal Server Error" if status >= 500 else "Bad Request"
    return web.json_response(
        {"status": status, "error": reason, "response": {"message": [f"fake failure {status}"]}},
        status=status,
    )
