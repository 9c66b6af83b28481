"""When the OCR tests run: Tesseract and poppler installed, or CI (where scripts/system-tools
installs them, so a missing tool is a failure, not a skip)."""

from __future__ import annotations

import os

import pytest

from reactiond.documents import ocr_status

_STATUS = ocr_status()

needs_ocr = pytest.mark.skipif(
    not _STATUS.available and os.environ.get("CI") != "true",
    reason="OCR is not installed here: sudo apt-get install " + " ".join(_STATUS.missing),
)
