"""A 💳 on a picture or a PDF (issue 23): the file's bytes, then its text, for the bill rule.

The bytes come from the store (the webhook brought them, with Evolution's `webhookBase64`,
or an earlier reaction fetched them), else from Evolution's `getBase64FromMediaMessage`,
once: they are kept, so a second reaction, a redelivery or a retry reads them from the
store. Bounded by `media_max_bytes` before anything is downloaded when the size is known,
and while downloading otherwise. What was read (or why it could not be) is kept with the
file, so the same file is read once.

Reading runs off the event loop, one file at a time (a semaphore of one: OCR takes a core,
and two at once on a Pi only make both late), within `ocr_timeout_seconds`. Nothing here
logs the bytes or the text.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass

import structlog

from reactiond.documents import DocumentError, read_document_text, reading_languages
from reactiond.engine.fetch_message import EvolutionGetter
from reactiond.engine.reaction_context import DocumentRead
from reactiond.engine.worker import RetryLater
from reactiond.evolution.client import (
    EvolutionError,
    EvolutionUnavailable,
    MediaTooLarge,
)
from reactiond.store import media_repo
from reactiond.store.interface import Store
from reactiond.store.media_repo import StoredMedia

log = structlog.get_logger("reactiond.documents")

_PDF = frozenset({"application/pdf", "application/x-pdf"})
_UNKNOWN = frozenset({"", "application/octet-stream", "binary/octet-stream"})
# Reading again may work later: the person installs Tesseract, the machine was busy, the
# limit was raised. The others (unreadable, unsupported) are said again without a read.
_READ_AGAIN = frozenset({"not_installed", "timed_out", "too_large"})


@dataclass(frozen=True)
class DocumentSettings:
    max_bytes: int = 10 * 1024 * 1024
    tesseract_cmd: str = "tesseract"
    timeout_seconds: float = 20.0


def readable_type(media: StoredMedia) -> bool:
    """A picture, a PDF, or a file that does not say what it is (its bytes will)."""
    mime = media.mimetype
    return mime.startswith("image/") or mime in _PDF or mime in _UNKNOWN


class DocumentReader:
    def __init__(
        self,
        store: Store,
        settings: DocumentSettings,
        *,
        evolution: EvolutionGetter | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.settings = settings
        self.evolution = evolution
        self.clock = clock
        self._one_at_a_time = asyncio.Semaphore(1)

    async def read(
        self,
        instance: str,
        message_id: str,
        *,
        last_attempt: bool,
        language: str | None = None,
    ) -> DocumentRead | None:
        """The text of the message's picture or document, or why there is none; None
        when the message carries neither (its text is all there is). Raises `RetryLater`
        while Evolution is unreachable, but on the job's last attempt, which answers.
        `language` is the sender's, when known: the file is read in it first."""
        media = await self.store.read(
            lambda tx: media_repo.media_of_message(tx, instance, message_id)
        )
        if media is None:
            return None
        if media.text is not None:
            return DocumentRead(media.kind, media.text, None)
        if media.read_error is not None and media.read_error not in _READ_AGAIN:
            return self._failed(media, media.read_error)
        if not readable_type(media):
            return await self._refuse(media, "unsupported")
        if media.size is not None and media.size > self.settings.max_bytes:
            return await self._refuse(media, "too_large")
        if media.kind == "image" and shutil.which(self.settings.tesseract_cmd) is None:
            # Before any download: nothing to read it with.
            return self._failed(media, "not_installed")
        data = await self._bytes(media, last_attempt=last_attempt)
        if isinstance(data, DocumentRead):
            return data
        return await self._read_text(media, data, reading_languages(language))

    async def _bytes(self, media: StoredMedia, *, last_attempt: bool) -> bytes | DocumentRead:
        if media.has_bytes:
            held = await self.store.read(lambda tx: media_repo.media_bytes(tx, media.id))
            if held is not None:
                return held
        client = self.evolution() if self.evolution is not None else None
        if client is None:
            return self._failed(media, "unavailable")
        key = json.loads(media.evolution_key)
        try:
            fetched = await client.fetch_media(
                media.instance, key, max_bytes=self.settings.max_bytes
            )
        except MediaTooLarge as exc:
            return await self._refuse(media, "too_large", size=exc.size)
        except EvolutionUnavailable as exc:
            if not last_attempt:
                raise RetryLater(f"fetching the file from Evolution: {exc.message}") from exc
            log.warning("media_fetch_failed", media=media.id, why=exc.message)
            return self._failed(media, "unavailable")
        except EvolutionError as exc:
            log.warning("media_fetch_refused", media=media.id, why=exc.message)
            return self._failed(media, "unavailable")
        data = await asyncio.to_thread(_decode, fetched.base64)
        if data is None:
            log.warning("media_fetch_undecodable", media=media.id)
            return self._failed(media, "unavailable")
        if len(data) > self.settings.max_bytes:
            return await self._refuse(media, "too_large", size=len(data))
        mimetype = media.mimetype
        if fetched.mimetype and mimetype in _UNKNOWN:
            mimetype = fetched.mimetype.split(";", 1)[0].strip().lower()
        now = self.clock()
        await self.store.write(lambda tx: media_repo.keep_bytes(tx, media.id, data, mimetype, now))
        log.info("media_fetched", media=media.id, bytes=len(data), mimetype=mimetype)
        return data

    async def _read_text(
        self, media: StoredMedia, data: bytes, languages: tuple[str, ...]
    ) -> DocumentRead:
        mimetype = media.mimetype
        started = time.perf_counter()
        try:
            async with self._one_at_a_time:
                text = await asyncio.to_thread(
                    read_document_text,
                    data,
                    mimetype,
                    languages=languages,
                    timeout_s=self.settings.timeout_seconds,
                )
        except DocumentError as exc:
            log.info("document_unread", media=media.id, reason=exc.reason, hint=exc.hint)
            if exc.reason in _READ_AGAIN:
                return self._failed(media, exc.reason)
            return await self._refuse(media, exc.reason)
        now = self.clock()
        await self.store.write(
            lambda tx: media_repo.record_reading(
                tx,
                media.id,
                text=text.text,
                method=text.method,
                pages=text.pages,
                error=None,
                now=now,
            )
        )
        log.info(
            "document_read",
            media=media.id,
            method=text.method,
            pages=text.pages,
            chars=len(text.text),
            ms=round((time.perf_counter() - started) * 1000),
        )
        return DocumentRead(media.kind, text.text, None)

    async def _refuse(
        self, media: StoredMedia, reason: str, *, size: int | None = None
    ) -> DocumentRead:
        """A file this reactiond will not read (too large, unsupported, unreadable): the
        reason kept with the file, logged with its size, never its content."""
        log.info(
            "document_refused",
            media=media.id,
            reason=reason,
            bytes=size if size is not None else media.size,
            limit=self.settings.max_bytes,
            mimetype=media.mimetype,
        )
        now = self.clock()
        await self.store.write(
            lambda tx: media_repo.record_reading(
                tx, media.id, text=None, method=None, pages=None, error=reason, now=now
            )
        )
        return self._failed(media, reason, size=size)

    def _failed(self, media: StoredMedia, reason: str, *, size: int | None = None) -> DocumentRead:
        return DocumentRead(
            media.kind,
            None,
            reason,
            size=size if size is not None else media.size,
            limit=self.settings.max_bytes,
            mimetype=media.mimetype,
        )


def _decode(encoded: str) -> bytes | None:
    if encoded.startswith("data:") and "," in encoded[:200]:
        encoded = encoded.split(",", 1)[1]
    try:
        return base64.b64decode(encoded, validate=True) or None
    except (binascii.Error, ValueError):
        return None
