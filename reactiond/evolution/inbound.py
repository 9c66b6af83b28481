"""Evolution API v2 webhook payload → domain events. A pure function of its input.

The wire format varies by Evolution version (see shared/fixtures/evolution/CONTRACT.md):
text in `conversation`, raw `extendedTextMessage`, captions, ephemeral/view-once wrappers,
int64 as number | decimal string | {low, high, unsigned}, LID vs phone addressing. All of
that is absorbed here, so nothing past this module knows what Evolution version sent it.

`translate` never raises on any JSON value: it returns events or a `PayloadRejected`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from reactiond.date_range import seconds_in_range
from reactiond.domain import (
    EventIgnored,
    InboundEvent,
    Media,
    Message,
    MessageDeleted,
    MessageEdited,
    MessageKind,
    MessageStatusChanged,
    PersonIds,
    Reaction,
)

# Events we subscribe to and act on; everything else is counted and ignored.
MESSAGE_EVENTS = frozenset({"messages.upsert", "send.message"})

_WRAPPERS = (
    "ephemeralMessage",
    "viewOnceMessage",
    "viewOnceMessageV2",
    "viewOnceMessageV2Extension",
    "editedMessage",
    "documentWithCaptionMessage",
)
_CAPTIONED = ("imageMessage", "videoMessage", "documentMessage")
_EVENT_NAME = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_MAX_UNWRAP = 4
# The longest emoji sequences (families with skin tones, subdivision flags) are about a
# dozen code points; a reaction's text longer than this is not an emoji.
MAX_EMOJI_CHARS = 32


@dataclass(frozen=True)
class PayloadRejected:
    """The body is not an Evolution event we can read; `reason` says what is wrong."""

    reason: str


@dataclass(frozen=True)
class IdTooLong(PayloadRejected):
    """An id (a message's, a chat's, a person's, the instance) longer than any WhatsApp or
    Evolution gives: the body is refused rather than stored (a 500,000-character id was)."""

    field: str
    length: int


# WhatsApp's ids are a few dozen characters: a message id 16 to 34 (CONTRACT.md §3), a
# phone JID ~28, a LID ~19, a group ~30 ("5215512345678-1609459200@g.us"); an instance is
# a name someone typed. Far above all of them, and far below what a row should carry.
MAX_ID_CHARS = 256
# The events' fields that name something by id (PersonIds: each of its JIDs).
_ID_FIELDS = (
    "instance",
    "message_id",
    "reaction_id",
    "target_message_id",
    "quoted_message_id",
    "chat_jid",
    "chat_alt_jid",
    "target_chat_jid",
    "target_participant",
    "owner_jid",
    "author",
    "reactor",
)


def id_too_long(instance: str, events: tuple[InboundEvent, ...]) -> IdTooLong | None:
    """The first id over `MAX_ID_CHARS` in what a payload became, if any."""
    found = [("instance", instance)]
    for event in events:
        for name in _ID_FIELDS:
            value = getattr(event, name, None)
            if isinstance(value, str):
                found.append((name, value))
            elif isinstance(value, PersonIds):
                found.extend((name, jid) for jid in sorted(value.jids))
    for name, value in found:
        if len(value) > MAX_ID_CHARS:
            return IdTooLong(
                f"{name} is {len(value)} characters long; an id is at most {MAX_ID_CHARS}",
                name,
                len(value),
            )
    return None


@dataclass(frozen=True)
class Translation:
    event: str
    instance: str
    events: tuple[InboundEvent, ...]


def normalise_event_name(name: str) -> str:
    """`MESSAGES_UPSERT`, `messages-upsert` and `messages.upsert` are the same event."""
    return name.strip().lower().replace("_", ".").replace("-", ".")


def translate(
    payload: Any,
    *,
    instance_from_url: str,
    event_from_url: str | None = None,
    raw: str | None = None,
    max_media_bytes: int | None = None,
) -> Translation | PayloadRejected:
    """`raw` is the body as received, kept with the message for replay; when absent the
    payload is serialised again. A picture's or document's bytes (`message.base64`) are
    taken apart from `raw`, and dropped when longer than `max_media_bytes`. An id longer
    than `MAX_ID_CHARS` refuses the payload (`IdTooLong`)."""
    result = _translate(payload, instance_from_url, event_from_url, raw, max_media_bytes)
    if isinstance(result, Translation):
        return id_too_long(result.instance, result.events) or result
    return result


def _translate(
    payload: Any,
    instance_from_url: str,
    event_from_url: str | None,
    raw: str | None,
    max_media_bytes: int | None,
) -> Translation | PayloadRejected:
    if not isinstance(payload, dict):
        return PayloadRejected(f"expected a JSON object, got {_json_type(payload)}")
    raw_event = payload.get("event")
    if not isinstance(raw_event, str) or not raw_event.strip():
        if event_from_url is None:
            return PayloadRejected("missing 'event': not an Evolution webhook payload")
        raw_event = event_from_url
    event = normalise_event_name(raw_event)
    if not _EVENT_NAME.match(event):
        return PayloadRejected("'event' is not an event name")
    if event_from_url is not None and normalise_event_name(event_from_url) != event:
        return PayloadRejected(
            f"URL names event '{event_from_url}' but the body says '{raw_event}'"
        )
    instance = payload.get("instance")
    if instance is None:
        instance = instance_from_url
    if not isinstance(instance, str) or not instance:
        return PayloadRejected("'instance' must be a non-empty string")
    if "data" not in payload:
        return PayloadRejected("missing 'data': not an Evolution webhook payload")
    data = payload["data"]
    owner = _jid(payload.get("sender"))

    if event in MESSAGE_EVENTS:
        payload, media_b64 = _without_media_bytes(payload)
        if raw is None or media_b64 is not None:
            raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        translated = _message_event(event, instance, payload["data"], owner, raw)
        return _with_media(translated, media_b64, max_media_bytes)
    if event == "messages.edited":
        return _edited(event, instance, data)
    if event == "messages.update":
        return _status(event, instance, data)
    if event == "messages.delete":
        return _deleted(event, instance, data)
    return Translation(event, instance, (EventIgnored(instance, event, "not subscribed"),))


def _message_event(
    event: str, instance: str, data: Any, owner: str | None, raw: str
) -> Translation | PayloadRejected:
    if not isinstance(data, dict):
        return PayloadRejected(f"'data' of {event} must be an object, got {_json_type(data)}")
    key = data.get("key")
    if not isinstance(key, dict):
        return PayloadRejected(f"{event} without 'data.key'")
    message_id = _str(key.get("id"))
    given_chat = _jid(key.get("remoteJid"))
    if message_id is None or given_chat is None:
        return PayloadRejected(f"{event} 'data.key' needs 'id' and 'remoteJid'")
    from_me = key.get("fromMe") is True
    is_group = given_chat.endswith("@g.us")
    chat, chat_alt = _canonical_chat(key, given_chat, is_group)
    sent_at = _int64(data.get("messageTimestamp"))
    if sent_at is None or sent_at <= 0:
        return PayloadRejected(f"{event} without a usable 'messageTimestamp'")
    if sent_at > 10_000_000_000:  # milliseconds slipped in: keep seconds
        sent_at //= 1000
    if not seconds_in_range(sent_at):
        return PayloadRejected(f"{event} 'messageTimestamp' is not a date from 1900 to 2999")
    author = _author(key, given_chat, from_me, is_group, owner)
    push_name = _display_name(data, from_me, owner)

    content = data.get("message")
    content = _unwrap(content) if isinstance(content, dict) else {}
    reaction = content.get("reactionMessage")
    if isinstance(reaction, dict):
        return _reaction(event, instance, data, chat, reaction, author, owner, raw, is_group)

    if "protocolMessage" in content and not _text_of(content):
        return Translation(event, instance, (EventIgnored(instance, event, "protocol message"),))

    text = _text_of(content)
    kind = _kind_of(content, text)
    quoted = _quoted_id(data, content)
    media = _media_of(content, key)
    message = Message(
        instance=instance,
        message_id=message_id,
        chat_jid=chat,
        chat_alt_jid=chat_alt,
        from_me=from_me,
        author=author,
        author_name=push_name,
        kind=kind,
        text=text,
        sent_at=sent_at,
        owner_jid=owner,
        is_group=is_group,
        quoted_message_id=quoted,
        raw=raw,
        media=media,
    )
    return Translation(event, instance, (message,))


# Evolution's `messageType` names of what issue 23 reads: pictures and documents.
_MEDIA_KINDS = (("imageMessage", "image"), ("documentMessage", "document"))
_MAX_META_CHARS = 255  # a mimetype or a file name longer than this is not one


def _media_of(content: dict[str, Any], key: dict[str, Any]) -> Media | None:
    """What a picture or document message says about its file (no bytes yet)."""
    for field_name, kind in _MEDIA_KINDS:
        body = content.get(field_name)
        if not isinstance(body, dict):
            continue
        mimetype = _str(body.get("mimetype")) or ("image/jpeg" if kind == "image" else "")
        caption = body.get("caption")
        wanted = ("id", "remoteJid", "fromMe", "participant")
        # the fields getBase64FromMediaMessage looks the message up by
        evolution_key = {k: key[k] for k in wanted if k in key}
        pages = _int64(body.get("pageCount"))
        size = _int64(body.get("fileLength"))
        return Media(
            kind="image" if kind == "image" else "document",
            mimetype=mimetype.split(";", 1)[0].strip().lower()[:_MAX_META_CHARS],
            key=json.dumps(evolution_key, ensure_ascii=False, sort_keys=True),
            size=size if size is not None and size >= 0 else None,
            file_name=(_str(body.get("fileName")) or "")[:_MAX_META_CHARS] or None,
            pages=pages if pages is not None and 0 < pages < 1_000_000 else None,
            caption=caption if isinstance(caption, str) and caption.strip() else None,
        )
    return None


def _without_media_bytes(payload: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The payload without `data.message.base64` (the whole file, with webhookBase64 on),
    and that base64. The bytes go to the media store, never into `raw` (kept for replay,
    shown in traces) nor into a log."""
    data = payload.get("data")
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict) or "base64" not in message:
        return payload, None
    assert isinstance(data, dict)
    encoded = message["base64"]
    rest = {k: v for k, v in message.items() if k != "base64"}
    return {**payload, "data": {**data, "message": rest}}, (
        encoded if isinstance(encoded, str) else None
    )


def _with_media(
    translated: Translation | PayloadRejected, encoded: str | None, max_bytes: int | None
) -> Translation | PayloadRejected:
    """The message's media with the webhook's bytes, when they decode and fit."""
    if encoded is None or not isinstance(translated, Translation):
        return translated
    events = list(translated.events)
    for i, item in enumerate(events):
        if not isinstance(item, Message) or item.media is None:
            continue
        media = item.media
        if encoded.startswith("data:") and "," in encoded[:200]:
            encoded = encoded.split(",", 1)[1]  # a data: URL's prefix
        approx = len(encoded) * 3 // 4 - encoded[-2:].count("=")  # exact without whitespace
        if max_bytes is not None and approx > max_bytes + 2:
            # Too large to keep: its size is what a 💳 will answer about.
            media = replace(media, size=approx)
        else:
            try:
                data = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError):
                data = b""
            if data and max_bytes is not None and len(data) > max_bytes:
                media = replace(media, size=len(data))
            elif data:
                sha = hashlib.sha256(data).hexdigest()
                media = replace(media, size=len(data), sha256=sha, data=data)
        events[i] = replace(item, media=media)
    return Translation(translated.event, translated.instance, tuple(events))


def _reaction(
    event: str,
    instance: str,
    data: dict[str, Any],
    chat: str,
    reaction: dict[str, Any],
    reactor: PersonIds,
    owner: str | None,
    raw: str,
    is_group: bool,
) -> Translation | PayloadRejected:
    target = reaction.get("key")
    if not isinstance(target, dict) or _str(target.get("id")) is None:
        return PayloadRejected("reactionMessage without the target's 'key.id'")
    target_id = _str(target.get("id"))
    assert target_id is not None
    text = reaction.get("text")
    # A missing text is a removal: protobuf omits default (empty) strings.
    emoji = text if isinstance(text, str) else ""
    if len(emoji) > MAX_EMOJI_CHARS:
        # Refused here, before any rule is looked up or anything stored.
        return PayloadRejected(f"reaction 'text' is not an emoji ({len(emoji)} characters)")
    sent_ms = _int64(reaction.get("senderTimestampMs"))
    if sent_ms is None or sent_ms <= 0 or not seconds_in_range(sent_ms / 1000):
        seconds = _int64(data.get("messageTimestamp")) or 0
        sent_ms = seconds * 1000
    key = data["key"]
    # A reaction lives in its target's chat. In a 1:1 chat the target key's remoteJid may
    # be the other identity (2.3.7 sends it as @lid beside a phone-addressed envelope):
    # the canonical chat is the truth.
    target_chat = chat if not is_group else _jid(target.get("remoteJid")) or chat
    result = Reaction(
        instance=instance,
        reaction_id=_str(key.get("id")) or "",
        target_message_id=target_id,
        target_chat_jid=target_chat,
        target_from_me=target.get("fromMe") is True,
        target_participant=_jid(target.get("participant")),
        chat_jid=chat,
        reactor=reactor,
        reactor_name=_display_name(data, reactor.from_me, owner),
        emoji=emoji.strip(),
        sent_at_ms=sent_ms,
        owner_jid=owner,
        is_group=is_group,
        raw=raw,
    )
    return Translation(event, instance, (result,))


def _display_name(data: dict[str, Any], from_me: bool, owner: str | None) -> str | None:
    """`pushName`, the sender's display name. On the owner's own (fromMe) payloads it is
    the owner's name, unless Evolution wrote its placeholder "Você" (API sends), or the
    payload does not say who the owner is (then the identities are the chat's, and the
    name would land on the contact)."""
    name = _str(data.get("pushName"))
    if from_me and (name == "Você" or not owner):
        return None
    return name


def _author(
    key: dict[str, Any], chat: str, from_me: bool, is_group: bool, owner: str | None
) -> PersonIds:
    ids: set[str] = set()
    if from_me:
        if owner:
            ids.add(owner)
        if is_group:
            ids.update(_alternates(key, _PARTICIPANT_IDS))
    elif is_group:
        ids.update(_alternates(key, _PARTICIPANT_IDS))
    else:
        ids.add(chat)
        ids.update(_alternates(key, _CHAT_IDS))
    if not ids:
        ids.add(owner or chat)
    return PersonIds(frozenset(ids), from_me=from_me)


# Where each Evolution version puts a person's identities (CONTRACT.md §5, §9): 2.2.x and
# 2.3.0 `senderPn`/`senderLid` (1:1) and `participantPn`/`participantLid` (groups);
# 2.3.5+ `remoteJidAlt`/`participantAlt` (the LID or the phone JID, whichever `remoteJid`
# / `participant` is not: 2.4.0-rc swapped them, `addressingMode: "pn"`).
_CHAT_IDS = ("remoteJid", "remoteJidAlt", "senderPn", "senderLid")
_PARTICIPANT_IDS = ("participant", "participantAlt", "participantPn", "participantLid")
# The payload's keys whose strings name a message, a chat, a person or an instance. Text
# cut inside an emoji is kept with U+FFFD in the cut's place; an id cannot be (two would
# become one), so the webhook reads these exactly or refuses the body (`load_json`).
ID_KEYS = frozenset(
    ("id", "keyId", "stanzaId", "instance", "sender", *_CHAT_IDS, *_PARTICIPANT_IDS)
)


def _alternates(key: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    return [j for j in (_jid(key.get(f)) for f in fields) if j]


def _canonical_chat(key: dict[str, Any], given: str, is_group: bool) -> tuple[str, str | None]:
    """A 1:1 chat's one identity whatever the version: the phone JID when any field gives
    it (2.3.6 puts it in `remoteJidAlt`, 2.3.0 in `senderPn`, 2.3.7 and 2.4 in
    `remoteJid`), else what `remoteJid` says; and the other identity, if any."""
    if is_group:
        return given, None
    ids = list(dict.fromkeys(_alternates(key, _CHAT_IDS)))
    phones = [j for j in ids if j.endswith("@s.whatsapp.net")]
    chat = phones[0] if phones else given
    others = [j for j in ids if j != chat and not j.endswith("@s.whatsapp.net")]
    return chat, (others[0] if others else None)


def _edited(event: str, instance: str, data: Any) -> Translation | PayloadRejected:
    if not isinstance(data, dict):
        return PayloadRejected(f"'data' of {event} must be an object, got {_json_type(data)}")
    kind = data.get("type")
    is_edit = kind in ("MESSAGE_EDIT", 14, "14")
    edited = data.get("editedMessage")
    key = data.get("key")
    if not is_edit or not isinstance(edited, dict):
        # Since 2.3.1 every protocolMessage (revokes, history-sync notices) arrives here.
        return Translation(event, instance, (EventIgnored(instance, event, "not an edit"),))
    message_id = _str(key.get("id")) if isinstance(key, dict) else None
    if message_id is None:
        return PayloadRejected("messages.edited without 'key.id'")
    text = _text_of(_unwrap(edited))
    if text is None:
        return Translation(event, instance, (EventIgnored(instance, event, "edit without text"),))
    at_ms = _int64(data.get("timestampMs")) or 0
    return Translation(event, instance, (MessageEdited(instance, message_id, text, at_ms),))


def _status(event: str, instance: str, data: Any) -> Translation | PayloadRejected:
    if not isinstance(data, dict):
        return PayloadRejected(f"'data' of {event} must be an object, got {_json_type(data)}")
    message_id = _str(data.get("keyId"))
    if message_id is None and isinstance(data.get("key"), dict):
        message_id = _str(data["key"].get("id"))
    status = data.get("status")
    if message_id is None or not isinstance(status, str | int):
        return Translation(event, instance, (EventIgnored(instance, event, "no status"),))
    changed = MessageStatusChanged(instance, message_id, str(status))
    # From 2.3.7 an edit also arrives here, with the new text in `message.editedMessage`
    # and `status: "SERVER_ACK"`: apply the text (once: edits are keyed by time) and let
    # the store refuse a status that would move backwards.
    content = data.get("message")
    edited = content.get("editedMessage") if isinstance(content, dict) else None
    if isinstance(edited, dict):
        text = _text_of(_unwrap({"editedMessage": edited}))
        if text is not None:
            at_ms = _int64(data.get("timestampMs")) or _int64(data.get("messageTimestamp")) or 0
            if 0 < at_ms < 10_000_000_000:
                at_ms *= 1000  # seconds
            return Translation(
                event, instance, (MessageEdited(instance, message_id, text, at_ms), changed)
            )
    return Translation(event, instance, (changed,))


def _deleted(event: str, instance: str, data: Any) -> Translation | PayloadRejected:
    if not isinstance(data, dict):
        return PayloadRejected(f"'data' of {event} must be an object, got {_json_type(data)}")
    inner = data.get("key")
    key: dict[str, Any] = inner if isinstance(inner, dict) else data
    message_id = _str(key.get("id"))
    if message_id is None:
        return PayloadRejected("messages.delete without the deleted message's 'id'")
    return Translation(event, instance, (MessageDeleted(instance, message_id),))


def _unwrap(content: dict[str, Any]) -> dict[str, Any]:
    for _ in range(_MAX_UNWRAP):
        for wrapper in _WRAPPERS:
            inner = content.get(wrapper)
            if isinstance(inner, dict) and isinstance(inner.get("message"), dict):
                content = inner["message"]
                break
        else:
            return content
    return content


def _text_of(content: dict[str, Any]) -> str | None:
    text = content.get("conversation")
    if isinstance(text, str) and text.strip():
        return text
    ext = content.get("extendedTextMessage")
    if isinstance(ext, dict) and isinstance(ext.get("text"), str) and ext["text"].strip():
        return str(ext["text"])
    for media in _CAPTIONED:
        body = content.get(media)
        if isinstance(body, dict):
            caption = body.get("caption")
            if isinstance(caption, str) and caption.strip():
                return caption
    stt = content.get("speechToText")
    if isinstance(stt, str) and stt.strip():
        return stt
    return None


def _kind_of(content: dict[str, Any], text: str | None) -> MessageKind:
    if "audioMessage" in content:
        return MessageKind.AUDIO
    if any(k in content for k in (*_CAPTIONED, "stickerMessage")):
        return MessageKind.MEDIA
    if text is not None:
        return MessageKind.TEXT
    return MessageKind.OTHER


def _quoted_id(data: dict[str, Any], content: dict[str, Any]) -> str | None:
    """The id of the message this one replies to. ≥2.1.1 lifts `contextInfo` to the top;
    ≤2.0.10 leaves it in `extendedTextMessage`; 2.4.0-rc fills the top-level one from
    `messageContextInfo`, so `stanzaId` may be in either: read every place."""
    ext = content.get("extendedTextMessage")
    for ctx in (
        data.get("contextInfo"),
        ext.get("contextInfo") if isinstance(ext, dict) else None,
        content.get("messageContextInfo"),
    ):
        if isinstance(ctx, dict):
            stanza = _str(ctx.get("stanzaId"))
            if stanza is not None:
                return stanza
    return None


def _int64(value: Any) -> int | None:
    """number | decimal string | {low, high, unsigned}: Evolution uses all three."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value == value and abs(value) < 1e19 else None
    if isinstance(value, str):
        s = value.strip()
        return int(s) if s.isascii() and s.lstrip("-").isdigit() and len(s) < 21 else None
    if isinstance(value, dict):
        low, high = value.get("low"), value.get("high")
        if type(low) is int and type(high) is int:
            return ((high & 0xFFFFFFFF) << 32) | (low & 0xFFFFFFFF)
    return None


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _jid(value: Any) -> str | None:
    s = _str(value)
    return s if s is not None and "@" in s else None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(
        type(value), "a number"
    )
