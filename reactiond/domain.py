"""The nouns of reactiond, shared by every layer.

Everything here is plain data. Wire formats (Evolution's JSON) are translated into these
by `evolution.inbound`; the store persists them; the engine acts on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal


@dataclass(frozen=True)
class PersonIds:
    """Every identity WhatsApp gave for one person in one payload.

    A person is the *set* of their phone JID, LID and alternate JID: the same person
    shows up as `5215587654321@s.whatsapp.net` in one payload and `123…@lid` in the next.
    """

    jids: frozenset[str]
    from_me: bool = False

    @property
    def display_jid(self) -> str:
        """The phone JID when known (what a human recognises), else any identity."""
        phones = sorted(j for j in self.jids if j.endswith("@s.whatsapp.net"))
        return phones[0] if phones else sorted(self.jids)[0]

    @property
    def phone_number(self) -> str | None:
        for jid in sorted(self.jids):
            if jid.endswith("@s.whatsapp.net"):
                return jid.split("@", 1)[0].split(":", 1)[0]
        return None


class MessageKind(StrEnum):
    TEXT = "text"
    MEDIA = "media"
    AUDIO = "audio"
    OTHER = "other"


MediaKind = Literal["image", "document"]


@dataclass(frozen=True)
class Media:
    """A picture or a document a message carries (issue 23): what Evolution said about it,
    and its bytes when the webhook brought them (Evolution's `webhookBase64`). Without
    them, they are fetched from Evolution when a rule needs them, not before.

    `key` is the message's Evolution key as JSON: what `getBase64FromMediaMessage` takes.
    `size` is the bytes' length when given, else the file length Evolution announced.
    `sha256` (hex) is computed from the bytes, never taken from the payload. The bytes are
    kept out of `repr`: they must never reach a log line."""

    kind: MediaKind
    mimetype: str
    key: str
    size: int | None = None
    sha256: str | None = None
    file_name: str | None = None
    pages: int | None = None
    caption: str | None = None
    data: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Message:
    """A WhatsApp message as reactiond keeps it (text, caption, or a textless media)."""

    instance: str
    message_id: str
    chat_jid: str
    chat_alt_jid: str | None
    from_me: bool
    author: PersonIds
    author_name: str | None
    kind: MessageKind
    text: str | None
    sent_at: int  # unix seconds, from messageTimestamp
    owner_jid: str | None
    is_group: bool
    quoted_message_id: str | None = None
    raw: str | None = None  # the payload, kept for replay until retention prunes it
    media: Media | None = None  # an image or document (its bytes kept apart from `raw`)


@dataclass(frozen=True)
class Reaction:
    """One reaction message: an emoji put on (or, with `emoji == ""`, taken off) a target.

    Each add, change or removal is its own WhatsApp message with its own id.
    """

    instance: str
    reaction_id: str
    target_message_id: str
    target_chat_jid: str
    target_from_me: bool
    target_participant: str | None
    chat_jid: str
    reactor: PersonIds
    reactor_name: str | None
    emoji: str  # "" = removed
    sent_at_ms: int
    owner_jid: str | None
    is_group: bool
    raw: str | None = None

    @property
    def is_removal(self) -> bool:
        return self.emoji == ""


@dataclass(frozen=True)
class MessageEdited:
    instance: str
    message_id: str
    text: str
    edited_at_ms: int


@dataclass(frozen=True)
class MessageStatusChanged:
    instance: str
    message_id: str
    status: str


@dataclass(frozen=True)
class MessageDeleted:
    instance: str
    message_id: str


@dataclass(frozen=True)
class EventIgnored:
    """An event we do not act on; it is counted, then answered with 200."""

    instance: str
    event: str
    why: str


InboundEvent = (
    Message | Reaction | MessageEdited | MessageStatusChanged | MessageDeleted | EventIgnored
)


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    DEAD = "dead"
    CANCELLED = "cancelled"


class JobKind(StrEnum):
    REACTION = "reaction"


@dataclass(frozen=True)
class NewJob:
    kind: str
    payload: dict[str, Any]
    dedupe_key: str | None = None
    priority: int = 0
    run_at: float | None = None  # unix seconds; None = now
    max_attempts: int | None = None


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    payload: dict[str, Any]
    priority: int
    status: JobStatus
    attempts: int
    max_attempts: int
    run_at: float
    lease_owner: str | None
    lease_expires_at: float | None
    last_error: str | None
    created_at: float
    updated_at: float
    dedupe_key: str | None = None


@dataclass(frozen=True)
class JobAttempt:
    job_id: int
    attempt: int
    started_at: float
    finished_at: float | None
    outcome: str | None
    error: str | None


@dataclass(frozen=True)
class QueueStats:
    by_status: dict[str, int]
    by_kind: dict[str, dict[str, int]]
    oldest_queued_age_s: float | None
    deferred: int  # queued but not runnable yet (backoff, flood deferral, reminders)
    events_ignored: dict[str, int] = field(default_factory=dict)


# -- records ------------------------------------------------------------------------------

RecordTable = Literal["tasks", "calendar_events", "bills", "notes"]

# The kind of record each table holds, in the user's words (replies, events, CLI).
KIND_OF_TABLE: dict[RecordTable, str] = {
    "tasks": "task",
    "calendar_events": "event",
    "bills": "bill",
    "notes": "note",
}
# The status a record is born with; one still in it (and never updated) is "untouched".
INITIAL_STATUS: dict[RecordTable, str] = {
    "tasks": "open",
    "calendar_events": "scheduled",
    "bills": "pending",
    "notes": "active",
}


@dataclass(frozen=True)
class EntityRow:
    """One record an action makes, before it is stored: its table and its own columns
    (the source columns, the same for every row of one reaction, are added when written)."""

    table: RecordTable
    values: Mapping[str, Any]

    @property
    def kind(self) -> str:
        return KIND_OF_TABLE[self.table]
