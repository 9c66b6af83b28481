"""What a reaction job needs to know, read in one snapshot: the reaction, the reactor,
the reacted-to message and its author, the person's earlier actions on that message, and
the rules as they are now."""

from __future__ import annotations

from dataclasses import dataclass

from reactiond.actions.base import TABLE_OF_ACTION, EntityRow
from reactiond.records.stored_rules import rule_from_row
from reactiond.replies.routing import ReplyContext
from reactiond.rules.emoji import normalise_emoji
from reactiond.rules.match import ReactionFacts
from reactiond.rules.model import ReplyMode, Rule
from reactiond.rules.talk import TalkRules, loads
from reactiond.store import reaction_reads as reads
from reactiond.store import records_repo as repo
from reactiond.store.interface import Transaction

FLOOD_WINDOW_SECONDS = 60.0


@dataclass(frozen=True)
class DocumentRead:
    """The picture or document of a message a 💳 is on (issue 23): its text, or why it has
    none (`failure`: a `DocumentError` reason, or "unavailable" when Evolution did not give
    the file), with what the reply about it says."""

    kind: str  # image | document
    text: str | None
    failure: str | None
    size: int | None = None
    limit: int | None = None
    mimetype: str | None = None


@dataclass(frozen=True)
class TargetMessage:
    text: str | None
    sent_at: int
    author_id: int
    author_phone: str | None
    author_tz: str | None
    author_language: str | None = None  # what they wrote before: the parser's language hint
    has_media: bool = False  # a picture or document came with it
    # Read for a bill rule when the message is a picture or a document (engine/documents.py).
    document: DocumentRead | None = None
    deleted_at: float | None = None  # deleted for everyone (messages.delete) before this read


@dataclass(frozen=True)
class PriorAction:
    id: int
    rule_id: int | None
    action: str
    emoji: str
    reaction_sent_ms: int
    language: str | None
    rule_reply: ReplyMode | None
    records: tuple[EntityRow, ...]


@dataclass(frozen=True)
class ReactionContext:
    row_id: int
    instance: str
    target_message_id: str
    target_chat_jid: str
    target_from_me: bool
    target_participant: str | None
    chat_jid: str
    is_group: bool
    reactor_id: int
    reactor_jids: frozenset[str]
    reactor_display_jid: str
    reactor_is_owner: bool
    reactor_language: str | None
    emoji: str
    sent_at_ms: int
    owner_jid: str | None
    received_at: float
    message: TargetMessage | None
    newer_exists: bool
    recent_from_reactor: int
    prior: tuple[PriorAction, ...]
    rules: tuple[Rule, ...]
    # The talk rules' `edits`: a deleted message cancels what reactions on it made (a
    # reaction processed after the deletion then makes no live record either).
    follow_deletes: bool = True

    @property
    def place(self) -> ReplyContext:
        return ReplyContext(
            owner_jid=self.owner_jid,
            reactor_jid=self.reactor_display_jid,
            reactor_is_owner=self.reactor_is_owner,
            chat_jid=self.chat_jid,
            target_message_id=self.target_message_id,
            target_chat_jid=self.target_chat_jid,
            target_from_me=self.target_from_me,
            target_participant=self.target_participant,
        )

    @property
    def facts(self) -> ReactionFacts:
        return ReactionFacts(
            emoji=self.emoji,
            reactor_jids=self.reactor_jids,
            reactor_is_owner=self.reactor_is_owner,
            chat_jid=self.chat_jid,
            is_group=self.is_group,
        )

    @property
    def source(self) -> repo.Source:
        return repo.Source(
            instance=self.instance,
            chat_jid=self.chat_jid,
            message_id=self.target_message_id,
            reactor_id=self.reactor_id,
            reaction_row_id=self.row_id,
            emoji=normalise_emoji(self.emoji),
        )


def load_context(tx: Transaction, reaction_row_id: int) -> ReactionContext | None:
    r = reads.reaction_with_reactor(tx, reaction_row_id)
    if r is None:
        return None
    around = reads.around_reaction(tx, r, float(r["received_at"]) - FLOOD_WINDOW_SECONDS)
    jids = around.identities
    m = around.message
    message = None
    if m is not None:
        display = str(m["display_jid"])
        message = TargetMessage(
            text=m["text"],
            sent_at=int(m["sent_at"]),
            author_id=int(m["author_id"]),
            author_phone=display.split("@", 1)[0] if display.endswith("@s.whatsapp.net") else None,
            author_tz=m["tz"],
            author_language=m["language"],
            has_media=bool(m["has_media"]),
            deleted_at=None if m["deleted_at"] is None else float(m["deleted_at"]),
        )
    newer = around.newer_exists
    recent = around.recent
    rules = tuple(rule_from_row(row) for row in around.rule_rows)
    by_id = {rule.id: rule for rule in rules}
    prior = []
    for a in around.live_actions:
        table = TABLE_OF_ACTION[str(a["action"])]
        records = tuple(
            EntityRow(table, dict(x)) for x in repo.records_of_action(tx, table, int(a["id"]))
        )
        rule = by_id.get(a["rule_id"])
        prior.append(
            PriorAction(
                id=int(a["id"]),
                rule_id=a["rule_id"],
                action=str(a["action"]),
                emoji=str(a["emoji"]),
                reaction_sent_ms=int(a["sent_at_ms"]),
                language=str(records[0].values["language"]) if records else None,
                rule_reply=rule.config.reply if rule is not None else None,
                records=records,
            )
        )
    return ReactionContext(
        row_id=int(r["id"]),
        instance=str(r["instance"]),
        target_message_id=str(r["target_message_id"]),
        target_chat_jid=str(r["target_chat_jid"]),
        target_from_me=bool(r["target_from_me"]),
        target_participant=r["target_participant"],
        chat_jid=str(r["chat_jid"]),
        is_group=bool(r["is_group"]),
        reactor_id=int(r["reactor_id"]),
        reactor_jids=jids,
        reactor_display_jid=str(r["reactor_display"]),
        reactor_is_owner=bool(r["reactor_from_me"]),
        reactor_language=r["reactor_language"],
        emoji=str(r["emoji"]),
        sent_at_ms=int(r["sent_at_ms"]),
        owner_jid=r["owner_jid"],
        received_at=float(r["received_at"]),
        message=message,
        newer_exists=newer,
        recent_from_reactor=recent,
        prior=tuple(prior),
        rules=rules,
        # Only `edits` is read: its default does not depend on the settings.
        follow_deletes=loads(around.talk_rules, TalkRules()).edits,
    )
