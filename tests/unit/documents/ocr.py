"""When the OCR tests run: Tesseract, poppler and the DejaVu fonts installed, or CI (where
scripts/system-tools installs them, so a missing tool is a failure, not a skip)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reactiond.documents import ocr_status

_STATUS = ocr_status()
_CI = os.environ.get("CI") == "true"
FONTS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

needs_fonts = pytest.mark.skipif(
    not FONTS.exists() and not _CI,
    reason="the bill corpus draws with DejaVu: sudo apt-get install fonts-dejavu-core",
)
needs_ocr = pytest.mark.skipif(
    not (_STATUS.available and FONTS.exists()) and not _CI,
    reason="OCR is not installed here: sudo apt-get install "
    + " ".join([*_STATUS.missing, *([] if FONTS.exists() else ["fonts-dejavu-core"])]),
)
