"""What a reaction job needs to know, read in one snapshot: the reaction, the reactor,
the reacted-to message and its author, the person's earlier actions on that message, and
the rules as they are now."""

from __future__ import annotations

from dataclasses import dataclass

from reactiond.actions.base import TABLE_OF_ACTION, EntityRow
from reactiond.replies.routing import ReplyContext
from reactiond.rules.emoji import normalise_emoji
from reactiond.rules.match import ReactionFacts
from reactiond.rules.model import ReplyMode, Rule
from reactiond.store import records_repo as repo
from reactiond.store.interface import Row, Transaction
from reactiond.store.rules_repo import list_rules

FLOOD_WINDOW_SECONDS = 60.0


@dataclass(frozen=True)
class TargetMessage:
    text: str | None
    sent_at: int
    author_id: int
    author_phone: str | None
    author_tz: str | None
    author_language: str | None = None  # what they wrote before: the parser's language hint


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
    r = tx.execute_one(
        "SELECT r.*, p.display_jid AS reactor_display, p.language AS reactor_language"
        " FROM reactions r JOIN people p ON p.id = r.reactor_id WHERE r.id = ?",
        (reaction_row_id,),
    )
    if r is None:
        return None
    jids = frozenset(
        str(x["jid"])
        for x in tx.execute("SELECT jid FROM person_ids WHERE person_id = ?", (r["reactor_id"],))
    )
    m = tx.execute_one(
        "SELECT m.text, m.sent_at, m.author_id, p.display_jid, p.tz, p.language FROM messages m"
        " JOIN people p ON p.id = m.author_id WHERE m.instance = ? AND m.message_id = ?",
        (r["instance"], r["target_message_id"]),
    )
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
        )
    newer = tx.execute_one(
        "SELECT 1 AS x FROM reactions WHERE instance = :i AND target_message_id = :t"
        " AND reactor_id = :p AND (sent_at_ms > :ms OR (sent_at_ms = :ms AND id > :id)) LIMIT 1",
        {
            "i": r["instance"],
            "t": r["target_message_id"],
            "p": r["reactor_id"],
            "ms": r["sent_at_ms"],
            "id": r["id"],
        },
    )
    recent = tx.execute_one(
        "SELECT COUNT(*) AS n FROM reactions WHERE reactor_id = ? AND received_at > ? AND id < ?",
        (r["reactor_id"], float(r["received_at"]) - FLOOD_WINDOW_SECONDS, r["id"]),
    )
    rules = tuple(list_rules(tx))
    by_id = {rule.id: rule for rule in rules}
    prior = []
    for a in tx.execute(
        "SELECT a.id, a.rule_id, a.action, a.emoji, rr.sent_at_ms FROM actions a"
        " JOIN reactions rr ON rr.id = a.reaction_row_id WHERE a.instance = ?"
        " AND a.message_id = ? AND a.reactor_id = ? AND a.cancelled_at IS NULL"
        " AND a.outcome IN ('created', 'parse_failed') AND a.reaction_row_id <> ?",
        (r["instance"], r["target_message_id"], r["reactor_id"], r["id"]),
    ):
        table = TABLE_OF_ACTION[str(a["action"])]
        records = tuple(
            EntityRow(table, dict(x))
            for x in tx.execute(
                f"SELECT * FROM {table} WHERE action_id = ? ORDER BY id", (a["id"],)
            )
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
        newer_exists=newer is not None,
        recent_from_reactor=int(_n(recent)),
        prior=tuple(prior),
        rules=rules,
    )


def _n(row: Row | None) -> int:
    return int(row["n"]) if row is not None and row["n"] is not None else 0
