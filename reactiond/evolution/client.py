"""The outbound side of Evolution API v2 (CONTRACT.md §6): send text and reactions, point
an instance's webhook at reactiond, and ask about an instance's health.

Every call has a timeout. Failures become exceptions named after what the caller should
do, decided from the status *and the body* (`evolution/failures.py`):
- `EvolutionUnavailable` — retry later (connection refused, timeout, 5xx, rate limit);
  `WhatsAppDisconnected` — the same, Evolution said WhatsApp's socket is closed
  (`400 Connection Closed` while it reconnects): wait for the instance to be open;
- `EvolutionUnauthorized` — fix the API key (401/403); retrying will not help;
- `InstanceNotFound` — fix the instance name (404);
- `UnknownRoute` — fix the base URL: Evolution has no such route (`404 Cannot POST /…`);
- `LicenseRequired` — Evolution 2.4 answers `503 LICENSE_REQUIRED`: activate it;
- `EvolutionRejected` — this request will never succeed (other 4xx), with Evolution's
  message; `NotOnWhatsApp` when the number is not on WhatsApp.

Endpoints beyond CONTRACT.md §6 (`connectionState`, `webhook/find`, `chat/findMessages`)
follow Evolution 2.x's routers; their response shapes are read leniently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import aiohttp
import structlog

from reactiond.evolution.failures import Failure, classify, explain_object_object
from reactiond.json_input import load_json

log = structlog.get_logger("reactiond.evolution")

# The events reactiond acts on (CONTRACT.md §3); an empty list would mean "all events".
WEBHOOK_EVENTS: tuple[str, ...] = (
    "MESSAGES_UPSERT",
    "MESSAGES_UPDATE",
    "MESSAGES_EDITED",
    "MESSAGES_DELETE",
    "SEND_MESSAGE",
)
SECRET_HEADER = "x-reactiond-secret"


class EvolutionError(Exception):
    """Base of the client's errors; `status` is the HTTP status when there was one."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class EvolutionUnavailable(EvolutionError):
    """Evolution did not answer usefully (down, timeout, 5xx): try again later."""


class EvolutionMaybeSent(EvolutionUnavailable):
    """A send timed out after the request left: Evolution may still deliver it (it goes on
    working on a request whose client gave up). Ask it (`find_sent`) before sending the
    same message again, or the person gets it twice."""


class EvolutionUnauthorized(EvolutionError):
    """The API key was refused: set REACTIOND_EVOLUTION_API_KEY to the global key or the
    instance token."""


class InstanceNotFound(EvolutionError):
    """No instance with that name on this Evolution server."""


class EvolutionRejected(EvolutionError):
    """Evolution refused this request for good (4xx): the same request will fail again."""


class NotOnWhatsApp(EvolutionRejected):
    """The number has no WhatsApp account (`exists: false`)."""


class WhatsAppDisconnected(EvolutionUnavailable):
    """Evolution answers, but the instance's WhatsApp connection is closed (reconnecting):
    the request failed and will succeed once the instance is open again."""


class UnknownRoute(EvolutionError):
    """The server at the base URL has no such route: a wrong REACTIOND_EVOLUTION_URL (a
    missing or extra proxy prefix), not a wrong instance name. `said` is the server's own
    words (`Cannot POST /…`)."""

    def __init__(self, message: str, *, status: int | None = None, said: str = "") -> None:
        super().__init__(message, status=status)
        self.said = said


class LicenseRequired(EvolutionError):
    """Evolution 2.4 refuses every call until its licence is activated: a configuration
    problem, retrying does not help."""


@dataclass(frozen=True)
class SentMessage:
    message_id: str | None
    remote_jid: str | None
    status: str | None
    raw: dict[str, Any] = field(repr=False, default_factory=dict)


@dataclass(frozen=True)
class FetchedMedia:
    """A message's file from `getBase64FromMediaMessage`, still base64 (decoding 13 MB is
    for a thread, not the loop). Its repr leaves the content out: never logged."""

    base64: str = field(repr=False)
    mimetype: str | None
    file_name: str | None


class MediaTooLarge(EvolutionRejected):
    """Evolution's answer carries a file larger than the caller's limit; `size` is what it
    announced (or at least what was read before giving up)."""

    def __init__(self, message: str, *, size: int) -> None:
        super().__init__(message)
        self.size = size


@dataclass(frozen=True)
class ConnectionState:
    instance: str
    state: str  # open | connecting | close | refused

    @property
    def is_open(self) -> bool:
        return self.state == "open"


@dataclass(frozen=True)
class WebhookConfig:
    enabled: bool
    url: str | None
    events: tuple[str, ...]
    by_events: bool
    base64: bool
    headers: dict[str, str]


@dataclass(frozen=True)
class Timeouts:
    connect: float = 3.0
    total: float = 10.0
    # Sends get longer: a slow Evolution that answers in 15 s has sent the message, and a
    # send that times out is "maybe sent" (EvolutionMaybeSent), which costs a lookup.
    send: float = 60.0


def error_message(payload: Any) -> str:
    """Evolution's `{status, error, response:{message}}` flattened to one readable line.
    `message` is a string, a list of strings, a list of lists, or a list of objects
    (e.g. `{jid, exists:false}` for a number not on WhatsApp)."""
    if not isinstance(payload, dict):
        return str(payload)[:300]
    response = payload.get("response")
    message = response.get("message") if isinstance(response, dict) else payload.get("message")
    parts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            if value.get("exists") is False:
                parts.append(f"{value.get('number') or value.get('jid')} is not on WhatsApp")
            else:
                parts.append(json.dumps(value, ensure_ascii=False))
        elif value is not None:
            parts.append(str(value))

    walk(message)
    if not parts and payload.get("error"):
        parts.append(str(payload["error"]))
    return "; ".join(parts)[:500] or "no reason given"


class EvolutionClient:
    """One Evolution server. Use as `async with EvolutionClient(...) as client:` or call
    `close()`; the HTTP session is created on first use."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeouts: Timeouts | None = None,
        session: aiohttp.ClientSession | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key
        self.timeouts = timeouts or Timeouts()
        self._session = session
        self._owns_session = session is None

    async def __aenter__(self) -> EvolutionClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None and self._owns_session:
            await self._session.close()
        self._session = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(
                    total=self.timeouts.total, sock_connect=self.timeouts.connect
                ),
                connector=aiohttp.TCPConnector(limit=32),
            )
            self._owns_session = True
        return self._session

    async def _call(
        self,
        method: str,
        path: str,
        instance: str,
        body: dict[str, Any] | None = None,
        *,
        send_timeout: float | None = None,
    ) -> Any:
        """`send_timeout`: this request sends a message; it gets that timeout, and a
        timeout after the connection was made is `EvolutionMaybeSent`."""
        url = f"{self.base_url}{path}/{quote(instance, safe='')}"
        headers = {"apikey": self._api_key}
        extra: dict[str, Any] = {}
        if send_timeout is not None:
            extra["timeout"] = aiohttp.ClientTimeout(
                total=send_timeout, sock_connect=self.timeouts.connect
            )
        try:
            async with self._http().request(
                method, url, json=body, headers=headers, **extra
            ) as resp:
                text = await resp.text()
                status = resp.status
        except TimeoutError as exc:
            if send_timeout is not None and not isinstance(exc, aiohttp.ConnectionTimeoutError):
                raise EvolutionMaybeSent(
                    f"Evolution did not answer {path} within {send_timeout:g} s; it may "
                    "still send it"
                ) from exc
            raise EvolutionUnavailable(f"Evolution did not answer {path} in time") from exc
        except aiohttp.ClientError as exc:
            raise EvolutionUnavailable(f"cannot reach Evolution at {self.base_url}: {exc}") from exc
        try:
            # load_json: a lone surrogate in a message Evolution returns must not reach SQLite
            payload: Any = load_json(text) if text else None
        except ValueError:
            payload = text
        if 200 <= status < 300:
            return payload
        raise _failure(status, payload, path=path, instance=instance, base_url=self.base_url)

    # -- messages ----------------------------------------------------------------------
    async def send_text(
        self,
        instance: str,
        number: str,
        text: str,
        *,
        quoted: dict[str, Any] | None = None,
        link_preview: bool = False,
    ) -> SentMessage:
        body: dict[str, Any] = {"number": number, "text": text, "linkPreview": link_preview}
        if quoted is not None:
            body["quoted"] = quoted
        return await self.send_raw(instance, "text", body)

    async def send_reaction(
        self, instance: str, message_key: dict[str, Any], emoji: str
    ) -> SentMessage:
        """`emoji` "" removes ours; `message_key` = {id, remoteJid, fromMe[, participant]}."""
        return await self.send_raw(instance, "reaction", {"key": message_key, "reaction": emoji})

    async def send_raw(self, instance: str, kind: str, body: dict[str, Any]) -> SentMessage:
        """Send a prepared request body (what the outbox stores) of kind text | reaction."""
        path = {"text": "/message/sendText", "reaction": "/message/sendReaction"}.get(kind)
        if path is None:
            raise EvolutionRejected(f"reactiond cannot send a {kind!r} message")
        payload = await self._call("POST", path, instance, body, send_timeout=self.timeouts.send)
        return _sent(payload)

    async def find_sent(
        self, instance: str, kind: str, body: dict[str, Any], since: float
    ) -> str | None:
        """The id of a message this instance sent with `body` (what `send_raw` was given)
        at or after `since` (Unix seconds), when Evolution kept one (its message saving,
        on by default); None when it has none. Reads the newest page of the chat's own
        messages through `POST /chat/findMessages`."""
        jid = _chat_of(kind, body)
        if jid is None:
            return None
        payload = await self._call(
            "POST",
            "/chat/findMessages",
            instance,
            {"where": {"key": {"remoteJid": jid, "fromMe": True}}, "page": 1, "offset": 50},
        )
        messages = payload.get("messages", payload) if isinstance(payload, dict) else payload
        records = messages.get("records") if isinstance(messages, dict) else messages
        for record in records if isinstance(records, list) else []:
            found = _sent_match(record, kind, body, since)
            if found is not None:
                return found
        return None

    async def find_message(self, instance: str, message_id: str) -> dict[str, Any] | None:
        """A message Evolution kept in its own database (only when its DB saving is on);
        None when it has no such message. `POST /chat/findMessages` (Evolution 2.x)."""
        payload = await self._call(
            "POST",
            "/chat/findMessages",
            instance,
            # Evolution pages with `page` and `offset` (the page size); it ignores `limit`.
            {"where": {"key": {"id": message_id}}, "page": 1, "offset": 10},
        )
        records: Any = payload
        if isinstance(payload, dict):
            messages = payload.get("messages", payload)
            records = messages.get("records") if isinstance(messages, dict) else messages
        if isinstance(records, list):
            for record in records:
                if isinstance(record, dict):
                    key = record.get("key")
                    if isinstance(key, dict) and key.get("id") == message_id:
                        return record
        return None

    async def fetch_media(
        self, instance: str, key: dict[str, Any], *, max_bytes: int
    ) -> FetchedMedia:
        """A picture's or document's bytes, which Evolution downloads from WhatsApp and
        decrypts: `POST /chat/getBase64FromMediaMessage/{instance}` with the message's key
        (Evolution looks the message up in its own store). The answer (2.x, 201) is
        `{mediaType, fileName, caption, size: {fileLength, …}, mimetype, base64}`; a message
        it does not have, or whose media expired on WhatsApp, is a 400.

        The body is read up to what `max_bytes` of file takes in base64 (4/3) plus room
        for the other fields; a larger answer raises `MediaTooLarge` without being read."""
        path = "/chat/getBase64FromMediaMessage"
        url = f"{self.base_url}{path}/{quote(instance, safe='')}"
        limit = max_bytes * 4 // 3 + 64 * 1024
        body = {"message": {"key": key}, "convertToMp4": False}
        # Downloading and decrypting a large file takes Evolution longer than a status
        # call; bounded well inside a job's lease, with the reading that follows.
        timeout = aiohttp.ClientTimeout(
            total=self.timeouts.total * 3, sock_connect=self.timeouts.connect
        )
        try:
            async with self._http().post(
                url, json=body, headers={"apikey": self._api_key}, timeout=timeout
            ) as resp:
                announced = resp.content_length
                if 200 <= resp.status < 300 and announced is not None and announced > limit:
                    raise MediaTooLarge(
                        f"Evolution's answer is {announced} bytes", size=announced * 3 // 4
                    )
                raw = await resp.content.read(limit + 1)
                status = resp.status
        except TimeoutError as exc:
            raise EvolutionUnavailable(f"Evolution did not answer {path} in time") from exc
        except aiohttp.ClientError as exc:
            raise EvolutionUnavailable(f"cannot reach Evolution at {self.base_url}: {exc}") from exc
        if len(raw) > limit:
            raise MediaTooLarge(f"Evolution's answer is over {limit} bytes", size=len(raw) * 3 // 4)
        try:
            payload: Any = load_json(raw.decode("utf-8", errors="replace")) if raw else None
        except ValueError:
            payload = raw[:300].decode("utf-8", errors="replace")
        if not 200 <= status < 300:
            raise _failure(status, payload, path=path, instance=instance, base_url=self.base_url)
        encoded = payload.get("base64") if isinstance(payload, dict) else None
        if not isinstance(encoded, str) or not encoded:
            raise EvolutionRejected(f"Evolution answered {path} without the file's base64")
        assert isinstance(payload, dict)
        mimetype, name = payload.get("mimetype"), payload.get("fileName")
        return FetchedMedia(
            encoded,
            mimetype if isinstance(mimetype, str) and mimetype else None,
            name if isinstance(name, str) and name else None,
        )

    async def server_version(self) -> str | None:
        """The Evolution server's version, from `GET /` (no key needed; 2.x answers
        `{status, message, version, …}`); None when it does not say."""
        try:
            async with self._http().get(f"{self.base_url}/") as resp:
                text = await resp.text()
        except TimeoutError as exc:
            raise EvolutionUnavailable("Evolution did not answer / in time") from exc
        except aiohttp.ClientError as exc:
            raise EvolutionUnavailable(f"cannot reach Evolution at {self.base_url}: {exc}") from exc
        try:
            payload: Any = json.loads(text) if text else None
        except ValueError:
            return None
        version = payload.get("version") if isinstance(payload, dict) else None
        return version.strip()[:40] or None if isinstance(version, str) else None

    # -- instance set-up and health --------------------------------------------------------
    async def set_webhook(
        self,
        instance: str,
        url: str,
        *,
        secret: str | None = None,
        jwt_key: str | None = None,
        events: tuple[str, ...] = WEBHOOK_EVENTS,
    ) -> Any:
        """Point the instance's webhook at `url` with the events reactiond needs and the
        shared-secret header (and, optionally, a JWT key Evolution signs requests with)."""
        return await self._call(
            "POST", "/webhook/set", instance, webhook_set_body(url, secret, jwt_key, events)
        )

    async def find_webhook(self, instance: str) -> WebhookConfig | None:
        payload = await self._call("GET", "/webhook/find", instance)
        if not isinstance(payload, dict):
            return None
        data = payload.get("webhook", payload)
        if not isinstance(data, dict) or not data.get("url"):
            return None
        headers = data.get("headers") if isinstance(data.get("headers"), dict) else {}
        return WebhookConfig(
            enabled=bool(data.get("enabled")),
            url=str(data["url"]),
            events=tuple(str(e) for e in data.get("events") or ()),
            by_events=bool(data.get("webhookByEvents", data.get("byEvents", False))),
            base64=bool(data.get("webhookBase64", data.get("base64", False))),
            headers={str(k): str(v) for k, v in (headers or {}).items()},
        )

    async def connection_state(self, instance: str) -> ConnectionState:
        payload = await self._call("GET", "/instance/connectionState", instance)
        data = payload.get("instance", payload) if isinstance(payload, dict) else {}
        state = data.get("state") if isinstance(data, dict) else None
        return ConnectionState(instance=instance, state=str(state or "unknown"))


def _failure(
    status: int, payload: Any, *, path: str, instance: str, base_url: str
) -> EvolutionError:
    message = explain_object_object(error_message(payload))
    kind = classify(status, payload)
    log.info(
        "evolution_refused", path=path, instance=instance, status=status, kind=kind, why=message
    )
    if kind is Failure.DISCONNECTED:
        return WhatsAppDisconnected(
            f"WhatsApp is not connected on {instance!r} ({status}: {message})", status=status
        )
    if kind is Failure.TRANSIENT:
        return EvolutionUnavailable(f"Evolution answered {status}: {message}", status=status)
    if kind is Failure.UNAUTHORIZED:
        return EvolutionUnauthorized(
            f"Evolution refused the API key ({status}): set REACTIOND_EVOLUTION_API_KEY",
            status=status,
        )
    if kind is Failure.UNKNOWN_ROUTE:
        return UnknownRoute(
            f"{base_url} has no route {path}/… ({message}): check REACTIOND_EVOLUTION_URL"
            " (a reverse proxy's path prefix missing or extra?)",
            status=status,
            said=message,
        )
    if kind is Failure.INSTANCE_NOT_FOUND:
        return InstanceNotFound(f"instance {instance!r}: {message}", status=status)
    if kind is Failure.LICENSE_REQUIRED:
        return LicenseRequired(
            f"Evolution needs its licence activated ({status} LICENSE_REQUIRED): activate"
            " it in Evolution's manager, then `reactiond outbox retry ID`",
            status=status,
        )
    if kind is Failure.NOT_ON_WHATSAPP:
        return NotOnWhatsApp(message, status=status)
    return EvolutionRejected(message, status=status)


def webhook_set_body(
    url: str,
    secret: str | None,
    jwt_key: str | None = None,
    events: tuple[str, ...] = WEBHOOK_EVENTS,
) -> dict[str, Any]:
    headers: dict[str, str] = {}
    if secret:
        headers[SECRET_HEADER] = secret
    if jwt_key:
        headers["jwt_key"] = jwt_key
    return {
        "webhook": {
            "enabled": True,
            "url": url,
            "headers": headers,
            "byEvents": False,
            "base64": False,
            "events": list(events),
        }
    }


def _chat_of(kind: str, body: dict[str, Any]) -> str | None:
    if kind == "reaction":
        key = body.get("key")
        jid = key.get("remoteJid") if isinstance(key, dict) else None
        return jid if isinstance(jid, str) else None
    number = body.get("number")
    if not isinstance(number, str) or not number:
        return None
    return number if "@" in number else f"{number}@s.whatsapp.net"


def _sent_match(record: Any, kind: str, body: dict[str, Any], since: float) -> str | None:
    """The record's message id when it is our message with this body, sent since `since`
    (a few seconds of slack for the two clocks)."""
    if not isinstance(record, dict):
        return None
    key, message = record.get("key"), record.get("message")
    if not isinstance(key, dict) or key.get("fromMe") is not True or not isinstance(message, dict):
        return None
    stamp = record.get("messageTimestamp")
    number = isinstance(stamp, int | float) and not isinstance(stamp, bool)
    digits = isinstance(stamp, str) and stamp.isascii() and stamp.isdigit() and len(stamp) < 20
    if not (number or digits) or float(stamp) < since - 5:  # type: ignore[arg-type]
        return None
    if kind == "reaction":
        reaction = message.get("reactionMessage")
        target = reaction.get("key") if isinstance(reaction, dict) else None
        wanted = body.get("key")
        same = (
            isinstance(target, dict)
            and isinstance(wanted, dict)
            and target.get("id") == wanted.get("id")
            and reaction.get("text") == body.get("reaction")  # type: ignore[union-attr]
        )
    else:
        extended = message.get("extendedTextMessage")
        texts = {
            message.get("conversation"),
            extended.get("text") if isinstance(extended, dict) else None,
        }
        same = body.get("text") in texts - {None}
    found = key.get("id")
    return found if same and isinstance(found, str) else None


def _sent(payload: Any) -> SentMessage:
    if not isinstance(payload, dict):
        return SentMessage(None, None, None, {})
    key = payload.get("key") if isinstance(payload.get("key"), dict) else {}
    assert isinstance(key, dict)
    return SentMessage(
        message_id=key.get("id"),
        remote_jid=key.get("remoteJid"),
        status=payload.get("status"),
        raw=payload,
    )
