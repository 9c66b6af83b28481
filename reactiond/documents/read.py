"""`read_document_text`: bytes and a mimetype in, the document's text out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reactiond.documents.budget import Budget
from reactiond.documents.errors import DocumentError
from reactiond.documents.pdf import read_pdf

__all__ = ["DocumentText", "read_document_text", "reading_languages"]

Method = Literal["ocr", "pdf_text", "mixed"]

_IMAGE_TYPES = frozenset(
    {"image/jpeg", "image/jpg", "image/png", "image/webp", "image/gif", "image/tiff", "image/bmp"}
)
_PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
_UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
# Magic numbers: what the bytes are when the mimetype says nothing useful.
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00",
                b"MM\x00*")  # fmt: skip


# Tesseract's models for the languages reactiond speaks and has models for; the first read
# is in the sender's (image.ocr_image), the others follow when it is not clear.
_MODELS = {"es": "spa", "pt": "por", "en": "eng"}
READING_LANGUAGES = ("spa", "por", "eng")


def reading_languages(language: str | None) -> tuple[str, ...]:
    """Tesseract's languages for a document sent by someone who writes `language` (an
    ISO 639-1 code, or None when unknown): theirs first, then the others."""
    first = _MODELS.get((language or "").split("-", 1)[0].lower())
    if first is None:
        return READING_LANGUAGES
    return (first, *(m for m in READING_LANGUAGES if m != first))


@dataclass(frozen=True)
class DocumentText:
    """A document's text. `pages` is the number of pages read (1 for a picture); `method`
    says where the text came from: OCR, the PDF's own text layer, or both (a PDF with some
    scanned pages)."""

    text: str
    pages: int
    method: Method


def _kind(data: bytes, mimetype: str) -> Literal["image", "pdf"]:
    mime = mimetype.split(";", 1)[0].strip().lower()
    is_pdf = data[:1024].lstrip().startswith(b"%PDF-")
    is_image = data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
    if mime in _PDF_TYPES:
        if not is_pdf:
            raise DocumentError("unreadable", "the document says it is a PDF but is not one")
        return "pdf"
    if mime in _IMAGE_TYPES:
        return "image"  # Pillow says when it is not one
    if mime in _UNKNOWN_TYPES:
        if is_pdf:
            return "pdf"
        if is_image:
            return "image"
    raise DocumentError(
        "unsupported",
        f"{mime or 'this document'} is not read: send a picture (JPEG, PNG, WebP) or a PDF",
    )


def read_document_text(
    data: bytes,
    mimetype: str,
    *,
    languages: Sequence[str] = READING_LANGUAGES,
    timeout_s: float = 20.0,
    max_pixels: int = 40_000_000,
    max_pages: int = 10,
) -> DocumentText:
    """The text of a picture or a PDF. Raises `DocumentError` (see its reasons).

    Blocking and CPU heavy (Tesseract): call it off the event loop, one at a time, e.g.
    `async with one_at_a_time: await asyncio.to_thread(read_document_text, data, mime)` with
    an `asyncio.Semaphore(1)` — OCR uses a core fully, and two at once on a Pi only make both
    late. `timeout_s` bounds the whole document (every OCR pass and PDF tool together);
    `max_pixels` bounds a picture (and a rendered PDF page) before it is decoded;
    `max_pages` bounds the pages of a PDF that are read (the first ones). `languages` are
    Tesseract's, the likeliest first (`reading_languages`)."""
    if not data:
        raise DocumentError("unreadable", "the document is empty")
    budget = Budget.of(timeout_s)
    if _kind(data, mimetype) == "image":
        # Here, not at the top: Pillow and pytesseract load with the first picture read.
        from reactiond.documents.image import read_image

        text = read_image(data, languages=languages, budget=budget, max_pixels=max_pixels)
        return DocumentText(text.strip(), 1, "ocr")
    pages, scanned = read_pdf(
        data, languages=languages, budget=budget, max_pixels=max_pixels, max_pages=max_pages
    )
    method: Method = "pdf_text" if scanned == 0 else "ocr" if scanned == len(pages) else "mixed"
    return DocumentText("\n\f\n".join(p.strip("\n") for p in pages).strip(), len(pages), method)
