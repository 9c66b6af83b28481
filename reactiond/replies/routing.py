"""Where a reply goes, by reply mode. Pure.

Most teams run Evolution on the owner's own WhatsApp number, so the owner's reactions
arrive with `fromMe: true`; answering in the chat they reacted in would message their
contact. Hence the defaults: the owner's reactions are answered in the owner's own
"message yourself" chat (`self`), anyone else's privately (`reactor`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from reactiond.domain import Reaction

ReplyMode = Literal["self", "reactor", "chat", "none"]
REPLY_MODES: tuple[ReplyMode, ...] = ("self", "reactor", "chat", "none")


@dataclass(frozen=True)
class ReplyContext:
    """What routing needs to know about one reaction."""

    owner_jid: str | None  # the webhook envelope's `sender`
    reactor_jid: str  # the reactor's phone JID when known
    reactor_is_owner: bool
    chat_jid: str
    target_message_id: str
    target_chat_jid: str
    target_from_me: bool
    target_participant: str | None = None

    @classmethod
    def of(cls, reaction: Reaction) -> ReplyContext:
        return cls(
            owner_jid=reaction.owner_jid,
            reactor_jid=reaction.reactor.display_jid,
            reactor_is_owner=reaction.reactor.from_me,
            chat_jid=reaction.chat_jid,
            target_message_id=reaction.target_message_id,
            target_chat_jid=reaction.target_chat_jid,
            target_from_me=reaction.target_from_me,
            target_participant=reaction.target_participant,
        )


@dataclass(frozen=True)
class ReplyTarget:
    destination: str  # the `number` Evolution's sendText takes
    quoted: dict[str, Any] | None = None  # sendText's `quoted`, to reply to the message


def default_reply_mode(reactor_is_owner: bool) -> ReplyMode:
    return "self" if reactor_is_owner else "reactor"


def evolution_number(jid: str) -> str:
    """A phone JID as bare digits (what every Evolution version accepts, device suffix
    dropped); group and LID JIDs stay whole (Evolution needs the suffix for those)."""
    user, _, server = jid.partition("@")
    if server == "s.whatsapp.net":
        return user.split(":", 1)[0]
    return jid


def target_key(ctx: ReplyContext) -> dict[str, Any]:
    """The reacted-to message's key, from the instance's point of view."""
    key: dict[str, Any] = {
        "id": ctx.target_message_id,
        "remoteJid": ctx.target_chat_jid,
        "fromMe": ctx.target_from_me,
    }
    if ctx.target_participant:
        key["participant"] = ctx.target_participant
    return key


def reply_target(mode: ReplyMode | None, ctx: ReplyContext) -> ReplyTarget | None:
    """Where to send the reply; None for mode `none` (or `self` without a known owner)."""
    chosen = mode or default_reply_mode(ctx.reactor_is_owner)
    if chosen == "none":
        return None
    if chosen == "self":
        owner = ctx.owner_jid or (ctx.reactor_jid if ctx.reactor_is_owner else None)
        return ReplyTarget(evolution_number(owner)) if owner else None
    if chosen == "reactor":
        return ReplyTarget(evolution_number(ctx.reactor_jid))
    return ReplyTarget(evolution_number(ctx.chat_jid), quoted={"key": target_key(ctx)})


def may_react(ctx: ReplyContext) -> bool:
    """Whether reactiond may put a reaction on the target through the API. Never on a
    message the owner reacted to: one reaction per account, ours would replace theirs."""
    return not ctx.reactor_is_owner
