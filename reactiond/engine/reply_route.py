"""Where a reply goes (issue 6 §3 reply modes) and the Evolution sendText body for it.

Most teams run Evolution on their own WhatsApp number, so the owner's reactions arrive
with `fromMe: true`; a reply in the chat they reacted in would message their contact.
Hence the defaults: the owner's reactions are answered in the owner's "message yourself"
chat (`self`, the webhook envelope's `sender`), anyone else's privately (`reactor`).
`chat` answers in the same chat, quoting the message; `none` stays silent.
We only ever send text: reacting through the API on a message the owner reacted to
would replace the owner's own reaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reactiond.rules.model import ReplyMode


@dataclass(frozen=True)
class ReplyPlace:
    """Facts about a reaction that decide where its reply goes."""

    reactor_is_owner: bool
    owner_jid: str | None  # the webhook envelope's `sender`
    reactor_jid: str  # the reactor's best JID (phone JID when known)
    chat_jid: str
    target_message_id: str
    target_from_me: bool
    target_participant: str | None


@dataclass(frozen=True)
class ReplyTarget:
    mode: ReplyMode
    destination: str  # what Evolution's `number` accepts: digits, or a full JID
    quoted: dict[str, Any] | None = None


def effective_mode(configured: ReplyMode | None, reactor_is_owner: bool) -> ReplyMode:
    if configured is not None:
        return configured
    return "self" if reactor_is_owner else "reactor"


def reply_target(configured: ReplyMode | None, place: ReplyPlace) -> ReplyTarget | None:
    """None when no reply is to be sent (mode `none`, or the owner's chat is unknown)."""
    mode = effective_mode(configured, place.reactor_is_owner)
    if mode == "none":
        return None
    if mode == "self" or (mode == "reactor" and place.reactor_is_owner):
        if place.owner_jid is None:
            return None
        return ReplyTarget("self", evolution_number(place.owner_jid))
    if mode == "reactor":
        return ReplyTarget("reactor", evolution_number(place.reactor_jid))
    key: dict[str, Any] = {
        "id": place.target_message_id,
        "remoteJid": place.chat_jid,
        "fromMe": place.target_from_me,
    }
    if place.target_participant:
        key["participant"] = place.target_participant
    return ReplyTarget("chat", evolution_number(place.chat_jid), {"key": key})


def evolution_number(jid: str) -> str:
    """Phone JIDs as bare digits (what Evolution documents); groups and LIDs as JIDs."""
    user, _, server = jid.partition("@")
    if server == "s.whatsapp.net":
        return user.split(":", 1)[0]
    return jid


def send_text_body(target: ReplyTarget, text: str) -> dict[str, Any]:
    """The JSON body of POST /message/sendText/{instance} (CONTRACT.md §6)."""
    body: dict[str, Any] = {"number": target.destination, "text": text}
    if target.quoted is not None:
        body["quoted"] = target.quoted
    return body
