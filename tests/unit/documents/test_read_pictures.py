"""Pictures as phones send them: EXIF orientation, sideways, transparent screenshots, and a
PDF with one scanned page among text pages."""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

import pytest
from PIL import Image

from reactiond.documents import read_document_text, use_tesseract
from reactiond.documents.program import tesseract_command
from tests.unit.documents.corpus import degrade, make_case, render_image, render_pdf
from tests.unit.documents.ocr import needs_ocr

CASE = make_case(3, template="utility")


def _png() -> bytes:
    buf = io.BytesIO()
    render_image(CASE).save(buf, "PNG")
    return buf.getvalue()


def _amount_text() -> str:
    return CASE.locale.money(CASE.amount)


@needs_ocr
def test_exif_orientation_is_applied() -> None:
    # the camera stored the pixels sideways and wrote "turn 90° clockwise to view" in EXIF
    stored = render_image(CASE).rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    stored.save(buf, "JPEG", quality=85, exif=exif)
    doc = read_document_text(buf.getvalue(), "image/jpeg")
    assert _amount_text().replace(" ", "") in doc.text.replace(" ", "")


@needs_ocr
def test_an_upside_down_photo_is_turned() -> None:
    data = degrade(render_image(CASE), "light", random.Random(1), turn=180)
    # a wide budget: this pins the turning, and a budget spent by a loaded machine before
    # the turns are tried returns the upside-down reading (the budget has its own tests)
    doc = read_document_text(data, "image/jpeg", timeout_s=120)
    assert CASE.vendor in doc.text


@needs_ocr
def test_tesseract_reads_with_one_thread_unless_told_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a Tesseract that writes down the thread limit it was started with, then reads
    seen = tmp_path / "limits"
    wrapper = tmp_path / "tesseract"
    real = shutil.which("tesseract")
    script = f'echo "${{OMP_THREAD_LIMIT:-unset}}" >> {seen}\nexec {real} "$@"\n'
    wrapper.write_text("#!/bin/sh\n" + script)
    wrapper.chmod(0o755)
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    previous = tesseract_command()
    use_tesseract(str(wrapper))
    try:
        read_document_text(_png(), "image/png", timeout_s=120)
        monkeypatch.setenv("OMP_THREAD_LIMIT", "2")
        read_document_text(_png(), "image/png", timeout_s=120)
    finally:
        use_tesseract(previous)
    first, *rest = seen.read_text().split()
    assert first == "1"
    assert rest and set(rest) == {"2"}


@needs_ocr
def test_a_transparent_screenshot_reads_as_on_white() -> None:
    page = render_image(CASE)
    rgba = Image.new("RGBA", page.size, (0, 0, 0, 0))
    rgba.putalpha(Image.eval(page, lambda v: 255 - v))  # black text, transparent paper
    buf = io.BytesIO()
    rgba.save(buf, "PNG")
    doc = read_document_text(buf.getvalue(), "image/png")
    assert CASE.vendor in doc.text


def _two_page_pdf() -> bytes:
    """Page 1 with a text layer (a cover letter), page 2 a scan of the bill."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True)
    pdf.drawString(72, 760, "Estimado cliente: le enviamos su factura del mes de noviembre.")
    pdf.showPage()
    scan = Image.open(io.BytesIO(degrade(render_image(CASE), "light", random.Random(2))))
    pdf.drawImage(ImageReader(scan), 30, 200, 535, 535 * scan.height / scan.width)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


@needs_ocr
def test_a_pdf_with_a_scanned_page_among_text_pages_is_mixed() -> None:
    doc = read_document_text(_two_page_pdf(), "application/pdf")
    assert (doc.method, doc.pages) == ("mixed", 2)
    assert "Estimado cliente" in doc.text
    assert CASE.vendor in doc.text


@needs_ocr
def test_a_text_pdf_is_not_ocred() -> None:
    doc = read_document_text(render_pdf(CASE), "application/pdf")
    assert doc.method == "pdf_text"
    assert _amount_text() in doc.text
