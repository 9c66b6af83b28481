"""`read_document_text` refuses what it cannot read with a reason the caller can word."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from reactiond.documents import DocumentError, ocr_status, read_document_text


def _png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (width, height), 255).save(buf, "PNG")
    return buf.getvalue()


def test_a_word_document_is_unsupported() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document_text(b"PK\x03\x04...", "application/vnd.openxmlformats")
    assert caught.value.reason == "unsupported"


def test_empty_bytes_are_unreadable() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document_text(b"", "image/jpeg")
    assert caught.value.reason == "unreadable"


def test_a_truncated_jpeg_is_unreadable() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document_text(b"\xff\xd8\xff\xe0garbage", "image/jpeg")
    assert caught.value.reason == "unreadable"


def test_a_pdf_that_is_not_one_is_unreadable() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document_text(b"<html>hello</html>", "application/pdf")
    assert caught.value.reason == "unreadable"


def test_more_pixels_than_allowed_is_too_large_before_decoding() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document_text(_png(3000, 2000), "image/png", max_pixels=5_000_000)
    assert caught.value.reason == "too_large"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_a_text_pdf_is_read_from_its_text_layer() -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.drawString(72, 760, "Iberdrola Clientes")
    pdf.drawString(72, 700, "Total a pagar")
    pdf.drawString(400, 700, "84,32 EUR")
    pdf.save()
    doc = read_document_text(buf.getvalue(), "application/pdf")
    assert doc.method == "pdf_text"
    assert doc.pages == 1
    assert "Total a pagar" in doc.text
    assert "84,32 EUR" in doc.text


def test_no_time_left_is_timed_out() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document_text(_png(800, 600), "image/png", timeout_s=0)
    assert caught.value.reason == "timed_out"


def test_without_tesseract_a_picture_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract, no poppler
    status = ocr_status()
    assert not status.available
    assert {"tesseract-ocr", "tesseract-ocr-spa", "poppler-utils"} <= set(status.missing)
    with pytest.raises(DocumentError) as caught:
        read_document_text(_png(800, 600), "image/png")
    assert caught.value.reason == "not_installed"
    assert "apt-get install tesseract-ocr" in caught.value.hint


def test_without_poppler_a_pdf_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DocumentError) as caught:
        read_document_text(b"%PDF-1.4\n%%EOF\n", "application/pdf")
    assert caught.value.reason == "not_installed"
    assert "poppler-utils" in caught.value.hint


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_a_corrupt_pdf_is_unreadable() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document_text(b"%PDF-1.4\n1 0 obj garbage\n%%EOF\n", "application/pdf")
    assert caught.value.reason == "unreadable"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_only_the_first_pages_of_a_long_pdf_are_read() -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    for page in range(1, 13):
        pdf.drawString(72, 760, f"Page {page} of a long contract with enough text on it")
        pdf.showPage()
    pdf.save()
    doc = read_document_text(buf.getvalue(), "application/pdf", max_pages=3)
    assert doc.pages == 3
    assert "Page 3 of" in doc.text
    assert "Page 4 of" not in doc.text


def test_a_generic_mimetype_is_sniffed_from_the_bytes() -> None:
    with pytest.raises(DocumentError) as caught:  # a PNG, read as one: too large here
        read_document_text(_png(3000, 2000), "application/octet-stream", max_pixels=1000)
    assert caught.value.reason == "too_large"
