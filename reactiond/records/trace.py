"""The trace of one message: its text, who reacted with what and when, the rule that
fired for each reaction (or why none did), the parse with its language and confidence,
the records made, every change made to them from the chat since (an edit followed, a
correction by reply, a ✅/❌ on reactiond's confirmation or reminder, and its undo), and
every reply with its text and delivery status.

One read (`read_trace`, inside a store transaction) serves the three doors that show it:
`GET /api/trace/…`, `reactiond trace …` and the trace page, so they always agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from reactiond.outbox_report import outbox_json
from reactiond.records.errors import RecordNotFound
from reactiond.records.kinds import SPECS, KindSpec
from reactiond.records.model import Record, iso_utc
from reactiond.records.query import get_record
from reactiond.records.stored_rules import list_rules
from reactiond.rules.emoji import normalise_emoji
from reactiond.rules.match import ReactionFacts, conditions_allow
from reactiond.rules.model import Rule
from reactiond.store import media_repo, reaction_reads, trace_repo
from reactiond.store.interface import Row, Transaction
from reactiond.store.media_repo import StoredMedia
from reactiond.store.outbox import OutboxRow
from reactiond.whole_number import whole_number

SPEC_OF_TABLE: dict[str, KindSpec] = {s.table: s for s in SPECS.values()}

# Why a reaction fired no rule: a code (the page words it in the reader's language)
# and the English sentence the API and the CLI show.
WHY_NONE = (
    "removed",
    "waiting",
    "failed",
    "superseded",
    "unseen",
    "no_rule",
    "conditions",
    "unknown",
)


@dataclass(frozen=True)
class TraceParse:
    parser: str
    language: str
    success: bool
    confidence: float
    reason: str | None


@dataclass(frozen=True)
class TraceChange:
    """One change made to a record from the chat (store: chat_changes)."""

    id: int
    via: str  # edit | delete | correction | reaction
    record_kind: str  # task | event | bill | note
    record_id: int
    changed: dict[str, Any]  # the fields set; a reaction's also "was" and "tick"
    at: float
    message_id: str  # the message that asked (for a reaction: reactiond's, reacted to)
    person_jid: str | None  # who asked (None: the message's own author, by editing it)
    person_name: str | None

    @property
    def summary(self) -> str:
        """What changed, in field names and values (no words to translate): "status
        open → done", "due=2027-01-15T16:00, amount=950"."""
        c = self.changed
        if self.via == "reaction" and "was" in c:
            undo = " (undo)" if c.get("tick") == "undo" else ""
            return f"status {c['was']} → {c.get('status')}{undo}"
        return ", ".join(f"{k}={v}" for k, v in sorted(c.items()) if k != "tick")


@dataclass(frozen=True)
class TraceAction:
    id: int
    rule_id: int | None
    rule_name: str
    action: str
    outcome: str  # created | parse_failed | skipped | cancelled
    detail: str | None
    created_at: float
    cancelled_at: float | None
    parse: TraceParse | None
    records: list[Record] = field(default_factory=list)
    replies: list[OutboxRow] = field(default_factory=list)
    changes: list[TraceChange] = field(default_factory=list)


@dataclass(frozen=True)
class WhyNone:
    code: str  # one of WHY_NONE
    text: str  # the English sentence (API, CLI)
    rules: tuple[str, ...] = ()  # the rules concerned (their emoji matched, conditions not)


@dataclass(frozen=True)
class TraceReaction:
    id: int
    reaction_id: str
    emoji: str  # '' = the reaction was removed
    reactor_jid: str
    reactor_name: str | None
    sent_at: float
    received_at: float
    job_id: int | None
    job_status: str | None
    job_error: str | None
    actions: list[TraceAction]
    why_none: WhyNone | None  # set when no action came of it
    # Its job gave up on the message, unseen after every retry ("I can't see that
    # message" answered where its rule replies), and, when the message arrived after
    # all, when the reaction was run again (its job is then that second run).
    unseen_at: float | None = None
    run_again_at: float | None = None


@dataclass(frozen=True)
class TraceMessage:
    text: str | None
    kind: str
    chat_jid: str
    is_group: bool
    author_jid: str
    author_name: str | None
    sent_at: float
    received_at: float
    edited_at: float | None
    deleted_at: float | None
    # A picture or document (issue 23): what the file was, where its bytes came from,
    # whether they are still kept, and how it was read; never the bytes.
    media: StoredMedia | None = None


@dataclass(frozen=True)
class Trace:
    instance: str
    message_id: str
    message: TraceMessage | None  # None: reactions arrived for a message never seen
    reactions: list[TraceReaction]
    focus_reaction: int | None = None  # the reaction row the trace was asked for
    # What this message asked to change in records made from other messages (it is a
    # correction quoting reactiond's confirmation).
    changes_asked: list[TraceChange] = field(default_factory=list)


class AmbiguousMessage(Exception):
    """The same WhatsApp message (or reaction) id was seen on several instances: name one."""

    def __init__(self, message_id: str, instances: list[str], what: str = "message") -> None:
        self.message_id = message_id
        self.instances = instances
        super().__init__(
            f"{what} {message_id!r} was seen on several instances: {', '.join(instances)}"
        )


def read_trace(tx: Transaction, message_id: str, instance: str | None = None) -> Trace:
    """The trace of a message by its WhatsApp id (and instance, needed only when the id
    was seen on more than one). Raises `RecordNotFound` or `AmbiguousMessage`."""
    if instance is None:
        seen = trace_repo.instances_of_message(tx, message_id)
        if len(seen) > 1:
            raise AmbiguousMessage(message_id, seen)
        if not seen:
            raise _not_found(f"no message or reaction target {message_id!r}")
        instance = seen[0]
    trace = _assemble(tx, instance, message_id)
    if trace.message is None and not trace.reactions:
        raise _not_found(f"no message {message_id!r} on instance {instance!r}")
    return trace


def read_reaction_trace(tx: Transaction, reaction_row_id: int) -> Trace:
    """The trace of the message a reaction (by its row id) was on, focused on it."""
    target = trace_repo.reaction_target(tx, reaction_row_id)
    if target is None:
        raise no_reaction(reaction_row_id)
    instance, message_id = target
    trace = _assemble(tx, instance, message_id)
    return Trace(
        trace.instance,
        trace.message_id,
        trace.message,
        trace.reactions,
        reaction_row_id,
        trace.changes_asked,
    )


def read_any_reaction_trace(tx: Transaction, ident: str, instance: str | None = None) -> Trace:
    """The trace of a reaction named either way: by reactiond's number for it (the Today
    page, a trace's "Reaction #N") or by its WhatsApp id (the reaction message's key.id,
    in the webhook's payload). A number is tried as reactiond's first. Raises
    `RecordNotFound` or `AmbiguousMessage` (the WhatsApp id on several instances)."""
    row_id = whole_number(ident)
    if row_id is not None:
        try:
            trace = read_reaction_trace(tx, row_id)
        except RecordNotFound:
            pass
        else:
            if instance is None or trace.instance == instance:
                return trace
    found = trace_repo.reactions_by_whatsapp_id(tx, ident, instance)
    if len(found) > 1:
        raise AmbiguousMessage(ident, [seen for _, seen in found], what="reaction")
    if not found:
        raise no_reaction(ident if ident.isascii() and ident.isdigit() else repr(ident))
    return read_reaction_trace(tx, found[0][0])


def names_only_a_reaction(tx: Transaction, ident: str, instance: str | None = None) -> bool:
    """Whether `ident` names no message (nor a reaction's target) but a reaction, by its
    WhatsApp id: what a reader pasted into a box for message ids (the Trace page's)."""
    return not trace_repo.instances_of_message(tx, ident) and bool(
        trace_repo.reactions_by_whatsapp_id(tx, ident, instance)
    )


def no_reaction(reaction_row_id: int | str) -> RecordNotFound:
    return _not_found(f"no reaction {reaction_row_id}")


def _not_found(error: str) -> RecordNotFound:
    return RecordNotFound(
        error,
        "give the WhatsApp message id a record's source shows (message_id), or a reaction"
        " id from the Today page or `reactiond outbox list`",
    )


def _assemble(tx: Transaction, instance: str, message_id: str) -> Trace:
    msg = trace_repo.message(tx, instance, message_id)
    parses = {
        int(p["action_id"]): TraceParse(
            parser=str(p["parser"]),
            language=str(p["language"]),
            success=bool(p["success"]),
            confidence=float(p["confidence"]),
            reason=p["reason"],
        )
        for p in trace_repo.parses_on_message(tx, instance, message_id)
    }
    records: dict[int, list[Record]] = {}
    changes: dict[int, list[TraceChange]] = {}
    for table in trace_repo.RECORD_TABLES:
        spec = SPEC_OF_TABLE[table]
        for record_id, action_id in trace_repo.record_ids_of_message(
            tx, table, instance, message_id
        ):
            record = get_record(tx, spec, record_id)
            if record is not None:
                records.setdefault(action_id, []).append(record)
            changes.setdefault(action_id, []).extend(
                _change(c) for c in trace_repo.chat_changes_of_record(tx, spec.singular, record_id)
            )
    mine = {c.id for found in changes.values() for c in found}
    asked = [
        _change(c)
        for c in trace_repo.chat_changes_asked_by(tx, instance, message_id)
        if int(c["id"]) not in mine
    ]
    replies: dict[int, list[OutboxRow]] = {}
    for reply in trace_repo.replies_on_message(tx, instance, message_id):
        if reply.action_id is not None:
            replies.setdefault(reply.action_id, []).append(reply)
    by_reaction: dict[int, list[TraceAction]] = {}
    for a in trace_repo.actions_on_message(tx, instance, message_id):
        action_id = int(a["id"])
        by_reaction.setdefault(int(a["reaction_row_id"]), []).append(
            TraceAction(
                id=action_id,
                rule_id=a["rule_id"],
                rule_name=str(a["rule_name"]),
                action=str(a["action"]),
                outcome=str(a["outcome"]),
                detail=a["detail"],
                created_at=float(a["created_at"]),
                cancelled_at=a["cancelled_at"],
                parse=parses.get(action_id),
                records=records.get(action_id, []),
                replies=replies.get(action_id, []),
                changes=sorted(changes.get(action_id, []), key=lambda c: c.id),
            )
        )
    rows = trace_repo.reactions_on_message(tx, instance, message_id)
    rules: list[Rule] | None = None
    reactions = []
    for i, r in enumerate(rows):
        actions = by_reaction.get(int(r["id"]), [])
        why = None
        if not actions:
            if rules is None:
                rules = list_rules(tx)
            later = any(o["reactor_id"] == r["reactor_id"] for o in rows[i + 1 :])
            why = why_no_rule(tx, r, rules, later=later, message_seen=msg is not None)
        reactions.append(
            TraceReaction(
                id=int(r["id"]),
                reaction_id=str(r["reaction_id"]),
                emoji=str(r["emoji"]),
                reactor_jid=str(r["reactor_jid"]),
                reactor_name=r["person_name"] or r["reactor_name"],
                sent_at=int(r["sent_at_ms"]) / 1000,
                received_at=float(r["received_at"]),
                job_id=r["job_id"],
                job_status=r["job_status"],
                job_error=r["job_error"],
                actions=actions,
                why_none=why,
                unseen_at=r["unseen_at"],
                run_again_at=r["late_run_at"],
            )
        )
    message = None
    if msg is not None:
        message = TraceMessage(
            text=msg["text"],
            kind=str(msg["kind"]),
            chat_jid=str(msg["chat_jid"]),
            is_group=bool(msg["is_group"]),
            author_jid=str(msg["author_jid"]),
            author_name=msg["person_name"] or msg["author_name"],
            sent_at=float(msg["sent_at"]),
            received_at=float(msg["received_at"]),
            edited_at=msg["edited_at"],
            deleted_at=msg["deleted_at"],
            media=media_repo.media_of_message(tx, instance, message_id),
        )
    return Trace(instance, message_id, message, reactions, changes_asked=asked)


def _change(row: Row) -> TraceChange:
    changed = json.loads(str(row["changed"]))
    return TraceChange(
        id=int(row["id"]),
        via=str(row["via"]),
        record_kind=str(row["record_kind"]),
        record_id=int(row["record_id"]),
        changed=changed if isinstance(changed, dict) else {},
        at=float(row["at"]),
        message_id=str(row["message_id"]),
        person_jid=row["person_jid"],
        person_name=row["person_name"],
    )


def why_no_rule(
    tx: Transaction, reaction: Row, rules: list[Rule], *, later: bool, message_seen: bool
) -> WhyNone:
    """Why a reaction made no action, from its job and, failing that, today's rules (the
    rules may have changed since: the sentence says so)."""
    emoji = normalise_emoji(str(reaction["emoji"]))
    status = reaction["job_status"]
    if not emoji:
        return WhyNone("removed", "the reaction was removed (it cancels what the earlier one made)")
    if status in ("queued", "running"):
        return WhyNone("waiting", f"the reaction's job {reaction['job_id']} is {status}")
    if status == "dead":
        error = reaction["job_error"] or "no error recorded"
        return WhyNone("failed", f"the reaction's job {reaction['job_id']} failed: {error}")
    if later:
        return WhyNone(
            "superseded", "the same person reacted again later: their last reaction decides"
        )
    with_emoji = [r for r in rules if r.enabled and emoji in r.triggers]
    if not with_emoji:
        return WhyNone("no_rule", f"no enabled rule is triggered by {reaction['emoji']} today")
    facts = ReactionFacts(
        emoji=emoji,
        reactor_jids=reaction_reads.identities_of_person(tx, int(reaction["reactor_id"]))
        | {str(reaction["reactor_jid"])},
        reactor_is_owner=bool(reaction["reactor_from_me"]),
        chat_jid=str(reaction["chat_jid"]),
        is_group=bool(reaction["is_group"]),
    )
    names = tuple(r.name for r in with_emoji)
    if not any(conditions_allow(r.conditions, facts) for r in with_emoji):
        return WhyNone(
            "conditions",
            f"rule {', '.join(names)} has this emoji, but its conditions (who, which chat)"
            " leave this reaction out",
            names,
        )
    if not message_seen:
        return WhyNone("unseen", "the reacted-to message was never seen, so nothing was parsed")
    return WhyNone("unknown", "no action was recorded for this reaction", names)


def trace_json(trace: Trace) -> dict[str, Any]:
    """The trace as the API and `reactiond trace --json` give it."""
    m = trace.message
    return {
        "instance": trace.instance,
        "message_id": trace.message_id,
        "focus_reaction": trace.focus_reaction,
        "message": None
        if m is None
        else {
            "text": m.text,
            "kind": m.kind,
            "chat": m.chat_jid,
            "is_group": m.is_group,
            "author": {"jid": m.author_jid, "name": m.author_name},
            "sent_at": iso_utc(m.sent_at),
            "received_at": iso_utc(m.received_at),
            "edited_at": iso_utc(m.edited_at),
            "deleted_at": iso_utc(m.deleted_at),
            "media": None if m.media is None else media_json(m.media),
        },
        "reactions": [_reaction_json(r) for r in trace.reactions],
        "changes_asked": [change_json(c) for c in trace.changes_asked],
    }


def change_json(c: TraceChange) -> dict[str, Any]:
    return {
        "id": c.id,
        "via": c.via,
        "record": {"kind": c.record_kind, "id": c.record_id},
        "changed": c.changed,
        "at": iso_utc(c.at),
        "message_id": c.message_id,
        "by": None if c.person_jid is None else {"jid": c.person_jid, "name": c.person_name},
    }


def media_json(media: StoredMedia) -> dict[str, Any]:
    """A message's file in its trace: metadata, not content (the text read is counted,
    not shown: the record holds what came of it)."""
    return {
        "kind": media.kind,
        "mimetype": media.mimetype,
        "size": media.size,
        "sha256": media.sha256,
        "file_name": media.file_name,
        "pages": media.pages,
        "caption": media.caption,
        "bytes": "kept" if media.has_bytes else "pruned" if media.pruned else "not fetched",
        "source": media.source,
        "read_method": media.read_method,
        "read_error": media.read_error,
        "text_chars": None if media.text is None else len(media.text),
        "read_at": iso_utc(media.read_at),
    }


def _reaction_json(r: TraceReaction) -> dict[str, Any]:
    return {
        "id": r.id,
        "reaction_id": r.reaction_id,
        "emoji": r.emoji,
        "reactor": {"jid": r.reactor_jid, "name": r.reactor_name},
        "sent_at": iso_utc(r.sent_at),
        "received_at": iso_utc(r.received_at),
        "job": None
        if r.job_id is None
        else {"id": r.job_id, "status": r.job_status, "last_error": r.job_error},
        "unseen_at": iso_utc(r.unseen_at),
        "run_again_at": iso_utc(r.run_again_at),
        "actions": [_action_json(a) for a in r.actions],
        "why_no_rule": None
        if r.why_none is None
        else {"code": r.why_none.code, "text": r.why_none.text, "rules": list(r.why_none.rules)},
    }


def _action_json(a: TraceAction) -> dict[str, Any]:
    p = a.parse
    return {
        "id": a.id,
        "rule": {"id": a.rule_id, "name": a.rule_name},
        "action": a.action,
        "outcome": a.outcome,
        "detail": a.detail,
        "created_at": iso_utc(a.created_at),
        "cancelled_at": iso_utc(a.cancelled_at),
        "parse": None
        if p is None
        else {
            "parser": p.parser,
            "language": p.language,
            "success": p.success,
            "confidence": p.confidence,
            "reason": p.reason,
        },
        "records": [r.model_dump(mode="json") for r in a.records],
        "replies": [outbox_json(o) for o in a.replies],
        "changes": [change_json(c) for c in a.changes],
    }
