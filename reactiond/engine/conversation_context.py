"""What a conversation job knows, read in one snapshot: a message and the actions that
made records from it (with their records, rules and confirmations), or the record a
message of reactiond's announced (a confirmation, a reminder, an "updated" reply)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reactiond.actions.base import TABLE_OF_ACTION, EntityRow, RecordTable
from reactiond.conversation.edits import StoredRecord
from reactiond.engine.rule_book import list_rules
from reactiond.nlp.result import LANGUAGES, Language
from reactiond.records.kinds import SPECS, KindSpec
from reactiond.rules.model import Rule
from reactiond.store import conversation_repo as talk
from reactiond.store import records_repo as repo
from reactiond.store.interface import Row, Transaction

KIND_TABLE: dict[str, RecordTable] = {
    "task": "tasks",
    "event": "calendar_events",
    "bill": "bills",
    "note": "notes",
}


def spec_of(table: str) -> KindSpec:
    return next(s for s in SPECS.values() if s.table == table)


def language(value: Any, default: Language = "en") -> Language:
    return next((code for code in LANGUAGES if code == value), default)


@dataclass(frozen=True)
class Route:
    """Where reactiond told the person about a record: its confirmation's chat."""

    instance: str
    destination: str
    language: Language
    told: bool  # the confirmation went out (or is going out right now)
    pending: bool  # it is still waiting to go out


@dataclass(frozen=True)
class MadeAction:
    id: int
    rule: Rule | None
    action: str
    table: RecordTable
    instance: str
    chat_jid: str
    message_id: str
    reactor_id: int
    reaction_row_id: int
    emoji: str
    reaction_sent_ms: int
    records: tuple[StoredRecord, ...]
    route: Route | None

    def source(self) -> repo.Source:
        return repo.Source(
            instance=self.instance,
            chat_jid=self.chat_jid,
            message_id=self.message_id,
            reactor_id=self.reactor_id,
            reaction_row_id=self.reaction_row_id,
            emoji=self.emoji,
        )

    @property
    def live_records(self) -> tuple[StoredRecord, ...]:
        return tuple(r for r in self.records if r.values.get("status") != "cancelled")

    def entity_rows(self) -> list[EntityRow]:
        return [EntityRow(self.table, r.values) for r in self.live_records]

    @property
    def stamp(self) -> tuple[tuple[int, float], ...]:
        """Each record's last update: if it moved between the read and the write, the
        plan made on the read is void."""
        return tuple((r.id, float(r.values["updated_at"])) for r in self.records)


@dataclass(frozen=True)
class WrittenMessage:
    row_id: int
    instance: str
    message_id: str
    chat_jid: str
    is_group: bool
    from_me: bool
    author_id: int
    author_display: str
    author_tz: str | None
    author_language: str | None
    text: str | None
    quoted_message_id: str | None
    owner_jid: str | None
    sent_at: int
    edited_at: float | None
    deleted_at: float | None
    received_at: float

    @property
    def author_phone(self) -> str | None:
        d = self.author_display
        return d.split("@", 1)[0] if d.endswith("@s.whatsapp.net") else None


def message_of(row: Row) -> WrittenMessage:
    return WrittenMessage(
        row_id=int(row["id"]),
        instance=str(row["instance"]),
        message_id=str(row["message_id"]),
        chat_jid=str(row["chat_jid"]),
        is_group=bool(row["is_group"]),
        from_me=bool(row["from_me"]),
        author_id=int(row["author_id"]),
        author_display=str(row["author_display"]),
        author_tz=row["author_tz"],
        author_language=row["author_language"],
        text=row["text"],
        quoted_message_id=row["quoted_message_id"],
        owner_jid=row["owner_jid"],
        sent_at=int(row["sent_at"]),
        edited_at=row["edited_at"],
        deleted_at=row["deleted_at"],
        received_at=float(row["received_at"]),
    )


def _route(tx: Transaction, action_id: int, records: tuple[StoredRecord, ...]) -> Route | None:
    row = talk.confirmation_of(tx, action_id)
    if row is None:
        return None  # the rule replies nowhere: nothing said, nothing to say
    fallback = records[0].values.get("language") if records else None
    return Route(
        instance=str(row["instance"]),
        destination=str(row["destination"]),
        language=language(row["language"] or fallback),
        told=repo.reply_left(tx, action_id),
        pending=str(row["status"]) in ("pending", "sending"),
    )


def load_action(tx: Transaction, row: Row, rules: dict[int | None, Rule]) -> MadeAction:
    table = TABLE_OF_ACTION[str(row["action"])]
    kind = spec_of(table).singular
    records = tuple(
        StoredRecord(table, int(r["id"]), dict(r), talk.last_edit_change(tx, kind, int(r["id"])))
        for r in repo.records_of_action(tx, table, int(row["id"]))
    )
    return MadeAction(
        id=int(row["id"]),
        rule=rules.get(row["rule_id"]),
        action=str(row["action"]),
        table=table,
        instance=str(row["instance"]),
        chat_jid=str(row["chat_jid"]),
        message_id=str(row["message_id"]),
        reactor_id=int(row["reactor_id"]),
        reaction_row_id=int(row["reaction_row_id"]),
        emoji=str(row["emoji"]),
        reaction_sent_ms=int(row["sent_at_ms"]),
        records=records,
        route=_route(tx, int(row["id"]), records),
    )


@dataclass(frozen=True)
class MessageContext:
    """A message that made records, with every action on it that still stands."""

    message: WrittenMessage
    actions: tuple[MadeAction, ...]
    failed: tuple[MadeAction, ...] = ()  # reactions whose parse failed: no records


def load_message_context(tx: Transaction, instance: str, message_id: str) -> MessageContext | None:
    row = talk.message(tx, instance, message_id)
    if row is None:
        return None
    rules: dict[int | None, Rule] = {r.id: r for r in list_rules(tx)}
    actions = tuple(
        load_action(tx, a, rules) for a in talk.live_actions_of_message(tx, instance, message_id)
    )
    failed = tuple(
        load_action(tx, a, rules) for a in talk.failed_actions_of_message(tx, instance, message_id)
    )
    return MessageContext(message_of(row), actions, failed)


def load_message_by_row(tx: Transaction, row_id: int) -> WrittenMessage | None:
    row = talk.message_by_row(tx, row_id)
    return message_of(row) if row is not None else None


def stamp_now(tx: Transaction, action: MadeAction) -> tuple[tuple[int, float], ...]:
    return talk.record_stamps(tx, action.table, action.id)


@dataclass(frozen=True)
class OurMessage:
    """A message reactiond sent, and the record(s) it was about."""

    outbox_id: int
    dedupe_key: str
    instance: str
    destination: str
    language: Language
    action: MadeAction | None  # a confirmation or a reply about an action
    reminder_record: tuple[RecordTable, int] | None  # a reminder: its record


def load_ours(tx: Transaction, instance: str, message_id: str) -> OurMessage | None:
    row = talk.sent_by_us(tx, instance, message_id)
    if row is None:
        return None
    rules: dict[int | None, Rule] = {r.id: r for r in list_rules(tx)}
    made = None
    reminded = None
    if row["action_id"] is not None:
        a = talk.action(tx, int(row["action_id"]))
        if a is not None and a["cancelled_at"] is None:
            made = load_action(tx, a, rules)
    else:
        key = str(row["dedupe_key"]).split(":")
        # reminder:{kind}:{record id}:{purpose}:{at} (engine/reminders.py)
        if len(key) >= 3 and key[0] == "reminder" and key[1] in KIND_TABLE and key[2].isdigit():
            reminded = (KIND_TABLE[key[1]], int(key[2]))
            owner = _record_action(tx, reminded)
            if owner is not None:
                a = talk.action(tx, owner)
                if a is not None and a["cancelled_at"] is None:
                    made = load_action(tx, a, rules)
    return OurMessage(
        outbox_id=int(row["id"]),
        dedupe_key=str(row["dedupe_key"]),
        instance=str(row["instance"]),
        destination=str(row["destination"]),
        language=language(row["language"]),
        action=made,
        reminder_record=reminded,
    )


def _record_action(tx: Transaction, record: tuple[RecordTable, int]) -> int | None:
    return talk.action_of_record(tx, *record)
