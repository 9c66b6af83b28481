"""The outbox as people read it: one JSON shape, with the reply's text, for
`reactiond outbox list|show --json` and `/api/outbox`, and the filters both accept."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reactiond.records.errors import InvalidFilter, RecordNotFound, RecordsError
from reactiond.records.model import iso_utc
from reactiond.records.query import Cursor
from reactiond.store import outbox
from reactiond.store.interface import Transaction
from reactiond.store.outbox import OutboxRow
from reactiond.whole_number import whole_number

STATUSES = ("pending", "sending", "sent", "dead", "cancelled")
KINDS = ("text", "reaction")
FILTERS = ("status", "instance", "destination", "kind", "limit", "cursor")
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
_SORT = "-id"  # newest first: the only order, named in the cursor like the records' sorts
LISTING = "list replies with GET /api/outbox"


def text_of(row: OutboxRow) -> str:
    """What the person receives: the text of a reply, the emoji of a reaction."""
    if row.kind == "reaction":
        return str(row.body.get("reaction", ""))
    return str(row.body.get("text", ""))


def first_line(row: OutboxRow, width: int = 60) -> str:
    lines = text_of(row).strip().splitlines()
    line = lines[0] if lines else ""
    more = len(lines) > 1 or len(line) > width
    return (line[: width - 1] + "…") if len(line) > width else line + (" …" if more else "")


def outbox_json(row: OutboxRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "status": row.status,
        "instance": row.instance,
        "destination": row.destination,
        "kind": row.kind,
        "text": text_of(row),
        "language": row.language,
        "action_id": row.action_id,
        "attempts": row.attempts,
        "next_attempt_at": iso_utc(row.next_attempt_at),
        "last_error": row.last_error,
        "sent_message_id": row.sent_message_id,
        "created_at": iso_utc(row.created_at),
        "updated_at": iso_utc(row.updated_at),
        "sent_at": iso_utc(row.sent_at),
    }


@dataclass(frozen=True)
class OutboxQuery:
    statuses: tuple[str, ...] = ()
    instance: str | None = None
    destination: str | None = None
    kind: str | None = None
    limit: int = DEFAULT_LIMIT
    before_id: int | None = None


def next_cursor(rows: list[OutboxRow], limit: int) -> str | None:
    if len(rows) < limit or not rows:
        return None
    return Cursor(sort=_SORT, value=rows[-1].id, id=rows[-1].id).encode()


def parse_outbox_query(params: Mapping[str, str]) -> OutboxQuery:
    """Check the filters of an outbox listing; `InvalidFilter` names the wrong one."""
    unknown = sorted(set(params) - set(FILTERS))
    if unknown:
        raise InvalidFilter(
            f"unknown filter {unknown[0]!r} for the outbox", f"use {', '.join(FILTERS)}"
        )
    raw_status = params.get("status") or ""
    statuses = tuple(dict.fromkeys(s.strip() for s in raw_status.split(",") if s.strip()))
    for s in statuses:
        if s not in STATUSES:
            raise InvalidFilter(
                f"unknown status {s!r} for the outbox",
                f"use {', '.join(STATUSES)} (several separated by commas)",
            )
    kind = params.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise InvalidFilter(f"unknown kind {kind!r} for the outbox", f"use {', '.join(KINDS)}")
    raw_limit = params.get("limit", str(DEFAULT_LIMIT))
    limit = whole_number(raw_limit) or 0
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidFilter(
            f"limit {raw_limit!r} is not a number from 1 to {MAX_LIMIT}", f"use 1–{MAX_LIMIT}"
        )
    before_id = None
    if params.get("cursor"):
        cursor = Cursor.decode(params["cursor"])
        if cursor.sort != _SORT or not isinstance(cursor.value, int):
            raise InvalidFilter(
                "this cursor is not one of the outbox's",
                "pass next_cursor from the previous outbox page unchanged, or leave cursor out",
            )
        before_id = cursor.id
    return OutboxQuery(
        statuses=statuses,
        instance=params.get("instance") or None,
        destination=params.get("destination") or None,
        kind=kind,
        limit=limit,
        before_id=before_id,
    )


class ReplyNotRetryable(RecordsError):
    """A reply that is sent, being sent or cancelled: nothing to send again (HTTP 409)."""

    def __init__(self, row: OutboxRow) -> None:
        super().__init__(
            f"reply {row.id} is {row.status}, not dead",
            "only a dead reply (or one waiting for its next attempt) is sent again",
        )
        self.row = row


def retry_reply(tx: Transaction, reply_id: int, now: float) -> OutboxRow:
    """Send a dead reply (or one waiting for its next attempt) again now, its attempts
    kept: the one function behind `POST /api/outbox/{id}/retry`, the Replies page's
    retry and `reactiond outbox retry`. The sender wakes when this commits."""
    row = outbox.retry_now(tx, reply_id, now)
    if row is not None:
        return row
    existing = outbox.get(tx, reply_id)
    if existing is None:
        raise RecordNotFound(f"no reply {reply_id}", LISTING)
    raise ReplyNotRetryable(existing)
