"""Pictures and documents messages carry (issue 23): their metadata, their bytes while
retention keeps them, and the text read from them. Queries in `queries/media.sql`.

The bytes are read only by `media_bytes`, never with the metadata: a trace or a listing
that shows what a file was does not load megabytes to say so."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from reactiond.domain import Media
from reactiond.store.interface import Row, Transaction
from reactiond.store.queries import query


@dataclass(frozen=True)
class StoredMedia:
    """A message's picture or document as stored, without its bytes."""

    id: int
    instance: str
    message_id: str
    kind: str  # image | document
    mimetype: str
    size: int | None
    sha256: str | None
    file_name: str | None
    pages: int | None
    caption: str | None
    evolution_key: str  # JSON: what getBase64FromMediaMessage takes
    has_bytes: bool
    source: str | None  # webhook | evolution: where the bytes came from
    stored_at: float | None
    text: str | None  # what was read from it
    read_method: str | None
    read_error: str | None
    read_at: float | None
    received_at: float

    @property
    def pruned(self) -> bool:
        """Its bytes were held once and retention dropped them."""
        return self.stored_at is not None and not self.has_bytes


def save(tx: Transaction, instance: str, message_id: str, media: Media, now: float) -> None:
    """Keep a message's media (on ingest): metadata, and the bytes the webhook brought.
    A redelivery is a no-op, but for bytes arriving for a row that has none."""
    tx.execute(
        query("media", "save_media"),
        {
            "instance": instance,
            "message_id": message_id,
            "kind": media.kind,
            "mimetype": media.mimetype,
            "size": media.size,
            "sha256": media.sha256,
            "file_name": media.file_name,
            "pages": media.pages,
            "caption": media.caption,
            "evolution_key": media.key,
            "data": media.data,
            "source": "webhook" if media.data is not None else None,
            "stored_at": now if media.data is not None else None,
            "now": now,
        },
    )


def media_of_message(tx: Transaction, instance: str, message_id: str) -> StoredMedia | None:
    row = tx.execute_one(
        query("media", "media_of_message"), {"instance": instance, "message_id": message_id}
    )
    return None if row is None else _stored(row)


def media_bytes(tx: Transaction, media_id: int) -> bytes | None:
    row = tx.execute_one(query("media", "media_bytes"), {"id": media_id})
    if row is None or row["data"] is None:
        return None
    return bytes(row["data"])


def keep_bytes(tx: Transaction, media_id: int, data: bytes, mimetype: str, now: float) -> bool:
    """Keep bytes fetched from Evolution; False when the row already had some (a fetch
    that raced another keeps the first)."""
    rows = tx.execute(
        query("media", "keep_bytes"),
        {
            "id": media_id,
            "data": data,
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
            "mimetype": mimetype,
            "now": now,
        },
    )
    return bool(rows)


def record_reading(
    tx: Transaction,
    media_id: int,
    *,
    text: str | None,
    method: str | None,
    pages: int | None,
    error: str | None,
    now: float,
) -> None:
    """What reading the file gave: its text and how it was read, or why it could not be."""
    tx.execute(
        query("media", "record_reading"),
        {
            "id": media_id,
            "text": text,
            "method": method,
            "pages": pages,
            "error": error,
            "now": now,
        },
    )


def _stored(row: Row) -> StoredMedia:
    def opt_int(name: str) -> int | None:
        value = row[name]
        return None if value is None else int(value)

    def opt_float(name: str) -> float | None:
        value = row[name]
        return None if value is None else float(value)

    return StoredMedia(
        id=int(row["id"]),
        instance=str(row["instance"]),
        message_id=str(row["message_id"]),
        kind=str(row["kind"]),
        mimetype=str(row["mimetype"]),
        size=opt_int("size"),
        sha256=row["sha256"],
        file_name=row["file_name"],
        pages=opt_int("pages"),
        caption=row["caption"],
        evolution_key=str(row["evolution_key"]),
        has_bytes=bool(row["has_bytes"]),
        source=row["source"],
        stored_at=opt_float("stored_at"),
        text=row["doc_text"],
        read_method=row["read_method"],
        read_error=row["read_error"],
        read_at=opt_float("read_at"),
        received_at=float(row["received_at"]),
    )
