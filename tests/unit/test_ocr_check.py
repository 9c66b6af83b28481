"""Where OCR is not installed (issue 23 §4): doctor and /api/health say what to install,
as a warning (text messages work without it), never as a failure."""

from __future__ import annotations

from reactiond.documents import OcrStatus
from reactiond.ops.checks import Status, ocr_check

INSTALLED = OcrStatus(True, (), "5.3.0", ("eng", "osd", "por", "spa"))


def test_installed_is_ok_and_names_the_version() -> None:
    check = ocr_check(INSTALLED, tesseract_found=True)
    assert check.status is Status.OK and "5.3.0" in check.detail


def test_missing_packages_are_a_warning_with_the_apt_command() -> None:
    missing = OcrStatus(False, ("tesseract-ocr-por", "poppler-utils"), "5.3.0", ("eng", "spa"))
    check = ocr_check(missing, tesseract_found=True)
    assert check.status is Status.WARN and check.ok
    assert "tesseract-ocr-por, poppler-utils" in check.detail
    assert check.hint is not None
    assert "sudo apt install tesseract-ocr tesseract-ocr-spa tesseract-ocr-por" in check.hint


def test_a_tesseract_command_that_does_not_exist_is_named_missing() -> None:
    check = ocr_check(INSTALLED, tesseract_found=False)
    assert check.status is Status.WARN and check.facts["missing"] == ["tesseract-ocr"]
