"""A real daemon, the fake Evolution, and bills drawn in the test (issue 23): Pillow with
Debian's DejaVu fonts for pictures, reportlab for PDFs with a text layer."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.e2e.replies.conftest import (  # noqa: F401  (fixtures used by this package)
    _fresh_logging,
    client,
    fake,
    make_daemon,
)

FONTS = Path("/usr/share/fonts/truetype/dejavu")


def _needs(missing: bool, what: str) -> pytest.MarkDecorator:
    """Skip where the tool is missing on a developer's machine; under CI=true
    (scripts/system-tools installs it) run, and fail loudly."""
    return pytest.mark.skipif(missing and not os.environ.get("CI"), reason=f"{what}")


needs_tesseract = _needs(
    shutil.which("tesseract") is None or not (FONTS / "DejaVuSans.ttf").is_file(),
    "Tesseract or the DejaVu fonts are not installed (scripts/system-tools installs "
    "tesseract-ocr, its spa/por/eng data and fonts-dejavu-core)",
)
needs_pdftotext = _needs(
    shutil.which("pdftotext") is None, "pdftotext is not installed (apt install poppler-utils)"
)


def bill_picture(lines: list[tuple[str, int, bool]], *, pad_to: int = 0) -> bytes:
    """A simple bill drawn as a phone would send it: (text, size, bold) per line, PNG."""
    image = Image.new("L", (1200, 120 + sum(size + 40 for _, size, _ in lines)), 255)
    draw = ImageDraw.Draw(image)
    y = 60
    for text, size, bold in lines:
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        font = ImageFont.truetype(str(FONTS / name), size)
        draw.text((70, y), text, font=font, fill=0)
        y += size + 40
    out = io.BytesIO()
    image.save(out, "PNG")
    data = out.getvalue()
    if len(data) < pad_to:  # a PNG may carry trailing bytes; readers ignore them
        data += b"\0" * (pad_to - len(data))
    return data


CFE_LINES = [
    ("CFE", 64, True),
    ("Recibo de luz", 32, False),
    ("Total a pagar: $890.00", 36, True),
    ("Fecha límite de pago: 28 de diciembre de 2026", 30, False),
]


def bill_pdf(lines: list[str]) -> bytes:
    """A one-page invoice with a text layer (what a phone company's PDF is)."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    y = 780.0
    for line in lines:
        page.setFont("Helvetica", 14)
        page.drawString(60, y, line)
        y -= 28
    page.showPage()
    page.save()
    return out.getvalue()
