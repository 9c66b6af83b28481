"""Where OCR is not installed (issue 23 §4): doctor and /api/health say what to install,
as a warning (text messages work without it), never as a failure; a Tesseract command
set in REACTIOND_OCR_TESSERACT_CMD that cannot be run says how to fix the setting."""

from __future__ import annotations

from dataclasses import replace

from reactiond.documents import OcrStatus
from reactiond.ops.checks import Status, ocr_check

INSTALLED = OcrStatus(True, (), "5.3.0", ("eng", "osd", "por", "spa"))
NO_TESSERACT = OcrStatus(
    False, ("tesseract-ocr", "tesseract-ocr-spa", "tesseract-ocr-por"), None, ()
)


def test_installed_is_ok_and_names_the_version() -> None:
    check = ocr_check(INSTALLED)
    assert check.status is Status.OK and "5.3.0" in check.detail


def test_missing_packages_are_a_warning_with_the_apt_command() -> None:
    missing = OcrStatus(False, ("tesseract-ocr-por", "poppler-utils"), "5.3.0", ("eng", "spa"))
    check = ocr_check(missing)
    assert check.status is Status.WARN and check.ok
    assert "tesseract-ocr-por, poppler-utils" in check.detail
    assert check.hint is not None
    assert "sudo apt install tesseract-ocr tesseract-ocr-spa tesseract-ocr-por" in check.hint


def test_a_configured_command_not_found_names_the_setting_not_apt() -> None:
    status = replace(NO_TESSERACT, command="/opt/ocr/tess", command_problem="not_found")
    check = ocr_check(status)
    assert check.status is Status.WARN and check.ok
    assert "REACTIOND_OCR_TESSERACT_CMD=/opt/ocr/tess is not found" in check.detail
    assert check.hint is not None and "unset it" in check.hint
    assert "apt" not in check.hint


def test_a_configured_command_not_executable_says_chmod() -> None:
    status = replace(NO_TESSERACT, command="/opt/ocr/tess", command_problem="not_executable")
    check = ocr_check(status)
    assert "REACTIOND_OCR_TESSERACT_CMD=/opt/ocr/tess is not executable" in check.detail
    assert check.hint is not None and "chmod +x /opt/ocr/tess" in check.hint
