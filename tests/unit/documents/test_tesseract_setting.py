"""`ocr_status(cmd)` asks about the Tesseract program REACTIOND_OCR_TESSERACT_CMD names, the
one pictures are read with, not whichever `tesseract` PATH has; a configured program that
cannot be run is the setting's problem, said as such."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from reactiond.documents import DocumentError, ocr_status, read_document_text, use_tesseract
from reactiond.documents.program import DEFAULT_TESSERACT

_INSTALLED = all(shutil.which(p) for p in ("tesseract", "pdftotext", "pdftoppm"))


@pytest.mark.skipif(not _INSTALLED, reason="Tesseract and poppler-utils are not installed")
def test_a_configured_tesseract_outside_path_is_the_one_probed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PATH holds poppler but no tesseract: only the setting can find it.
    path = tmp_path / "bin"
    path.mkdir()
    for tool in ("pdftotext", "pdftoppm"):
        (path / tool).symlink_to(shutil.which(tool) or tool)
    elsewhere = tmp_path / "opt" / "ocr"
    elsewhere.mkdir(parents=True)
    (elsewhere / "tess5").symlink_to(shutil.which("tesseract") or "tesseract")
    monkeypatch.setenv("PATH", str(path))
    status = ocr_status(str(elsewhere / "tess5"))
    assert status.command_problem is None
    assert status.tesseract_version is not None
    assert "tesseract-ocr" not in status.missing


def test_a_configured_path_that_does_not_exist_is_not_found(tmp_path: Path) -> None:
    status = ocr_status(str(tmp_path / "nowhere" / "tesseract"))
    assert not status.available
    assert status.command == str(tmp_path / "nowhere" / "tesseract")
    assert status.command_problem == "not_found"


def test_a_configured_name_not_on_path_is_not_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert ocr_status("tesseract5").command_problem == "not_found"


def test_a_configured_file_without_its_x_bit_is_not_executable(tmp_path: Path) -> None:
    program = tmp_path / "tesseract"
    program.write_text("#!/bin/sh\necho tesseract 5\n")
    program.chmod(0o644)
    assert ocr_status(str(program)).command_problem == "not_executable"


def test_a_configured_directory_is_not_executable(tmp_path: Path) -> None:
    assert ocr_status(str(tmp_path)).command_problem == "not_executable"


def test_the_default_missing_from_path_is_an_apt_install_not_a_setting_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    status = ocr_status()
    assert status.command_problem is None
    assert "tesseract-ocr" in status.missing


def test_pictures_are_read_with_the_program_named(tmp_path: Path) -> None:
    # The reading itself uses the setting too: a program that is not there is not_installed,
    # though a tesseract may be on PATH.
    buf = io.BytesIO()
    Image.new("L", (800, 600), 255).save(buf, "PNG")
    use_tesseract(str(tmp_path / "nowhere" / "tesseract"))
    try:
        with pytest.raises(DocumentError) as caught:
            read_document_text(buf.getvalue(), "image/png")
    finally:
        use_tesseract(DEFAULT_TESSERACT)
    assert caught.value.reason == "not_installed"
