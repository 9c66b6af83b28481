"""Pictures and documents (issue 23): metadata stored with the message, bytes from the
webhook or fetched once, what was read, and retention dropping the bytes only."""

from __future__ import annotations

import hashlib

from reactiond.store import media_repo, retention_repo
from reactiond.store.interface import Store
from reactiond.store.retention_repo import TARGETS
from tests.fixtures import INSTANCE
from tests.media_payloads import document_message, image_message
from tests.store.contract.support import NOW, ingest

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


async def _media(store: Store, message_id: str) -> media_repo.StoredMedia:
    found = await store.read(lambda tx: media_repo.media_of_message(tx, INSTANCE, message_id))
    assert found is not None
    return found


async def test_a_picture_with_its_bytes_is_stored_with_its_metadata(store: Store) -> None:
    await ingest(store, image_message("IMG-1", data=PNG, caption="luz"), now=NOW)
    media = await _media(store, "IMG-1")
    assert (media.kind, media.mimetype, media.size, media.caption) == (
        "image",
        "image/jpeg",
        len(PNG),
        "luz",
    )
    assert media.sha256 == hashlib.sha256(PNG).hexdigest()
    assert media.has_bytes and media.source == "webhook"
    assert '"id": "IMG-1"' in media.evolution_key
    assert await store.read(lambda tx: media_repo.media_bytes(tx, media.id)) == PNG


async def test_a_document_without_bytes_keeps_its_metadata(store: Store) -> None:
    await ingest(store, document_message("DOC-1", pages=3), now=NOW)
    media = await _media(store, "DOC-1")
    assert (media.kind, media.mimetype, media.pages, media.file_name) == (
        "document",
        "application/pdf",
        3,
        "factura.pdf",
    )
    assert not media.has_bytes and not media.pruned


async def test_a_redelivery_with_the_bytes_keeps_them_once(store: Store) -> None:
    await ingest(store, image_message("IMG-2"), now=NOW)
    await ingest(store, image_message("IMG-2", data=PNG), now=NOW + 1)
    await ingest(store, image_message("IMG-2", data=b"other bytes"), now=NOW + 2)
    media = await _media(store, "IMG-2")
    assert media.stored_at == NOW + 1
    assert await store.read(lambda tx: media_repo.media_bytes(tx, media.id)) == PNG


async def test_bytes_fetched_from_evolution_are_kept_once(store: Store) -> None:
    await ingest(store, image_message("IMG-3"), now=NOW)
    media = await _media(store, "IMG-3")
    first = await store.write(
        lambda tx: media_repo.keep_bytes(tx, media.id, PNG, "image/png", NOW + 5)
    )
    second = await store.write(
        lambda tx: media_repo.keep_bytes(tx, media.id, b"late", "image/png", NOW + 6)
    )
    assert (first, second) == (True, False)
    media = await _media(store, "IMG-3")
    assert (media.source, media.mimetype, media.size) == ("evolution", "image/png", len(PNG))
    assert await store.read(lambda tx: media_repo.media_bytes(tx, media.id)) == PNG


async def test_what_was_read_is_recorded(store: Store) -> None:
    await ingest(store, document_message("DOC-2", pages=None), now=NOW)
    media = await _media(store, "DOC-2")
    await store.write(
        lambda tx: media_repo.record_reading(
            tx, media.id, text="Total a pagar 10", method="pdf_text", pages=2, error=None, now=NOW
        )
    )
    media = await _media(store, "DOC-2")
    assert (media.text, media.read_method, media.pages, media.read_at) == (
        "Total a pagar 10",
        "pdf_text",
        2,
        NOW,
    )


async def test_retention_drops_old_bytes_and_keeps_the_metadata(store: Store) -> None:
    await ingest(store, image_message("IMG-OLD", data=PNG), now=NOW)
    await ingest(store, image_message("IMG-NEW", data=PNG), now=NOW + 86400)
    [target] = [t for t in TARGETS if t.name == "media.bytes"]
    found = await store.read(lambda tx: retention_repo.find_expired(tx, target, NOW + 1, 10))
    old = await _media(store, "IMG-OLD")
    assert found.ids == [old.id]
    await store.write(lambda tx: retention_repo.drop(tx, target, found.ids))
    old, new = await _media(store, "IMG-OLD"), await _media(store, "IMG-NEW")
    assert old.pruned and old.sha256 == hashlib.sha256(PNG).hexdigest()
    assert await store.read(lambda tx: media_repo.media_bytes(tx, old.id)) is None
    assert new.has_bytes


async def test_an_idle_message_goes_with_its_media(store: Store) -> None:
    await ingest(store, image_message("IMG-IDLE", data=PNG), now=NOW)
    [target] = [t for t in TARGETS if t.name == "messages"]
    found = await store.read(lambda tx: retention_repo.find_expired(tx, target, NOW + 1, 10))
    assert found.ids
    await store.write(lambda tx: retention_repo.drop(tx, target, found.ids))
    gone = await store.read(lambda tx: media_repo.media_of_message(tx, INSTANCE, "IMG-IDLE"))
    assert gone is None
