"""What can go wrong reading a document, with what to do about it."""

from __future__ import annotations

from typing import Literal

Reason = Literal["not_installed", "unreadable", "too_large", "timed_out", "unsupported"]

__all__ = ["DocumentError", "Reason"]


class DocumentError(Exception):
    """A document whose text could not be read.

    `reason` is a stable code the caller words for the user (replies, doctor, logs):
    "not_installed" (Tesseract or poppler missing: `hint` names the apt packages),
    "unreadable" (corrupt, truncated, encrypted, not what its mimetype says),
    "too_large" (more pixels than allowed: a decompression bomb or a huge scan),
    "timed_out" (OCR took longer than its budget), "unsupported" (a type we do not read).
    `hint` is one English sentence for logs and the doctor, never containing the bytes."""

    def __init__(self, reason: Reason, hint: str) -> None:
        super().__init__(f"{reason}: {hint}")
        self.reason: Reason = reason
        self.hint = hint
