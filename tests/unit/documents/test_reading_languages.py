"""A document is read in its sender's language first; the others only when that reading is
not clear. Each language given to Tesseract is one more model over every line."""

from __future__ import annotations

import io
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reactiond.documents import read_document_text, reading_languages, use_tesseract
from reactiond.documents.program import tesseract_command
from tests.unit.documents.corpus import degrade, make_case, render_image
from tests.unit.documents.ocr import needs_ocr

CASE = make_case(2, template="utility")  # a Portuguese bill


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("pt", ("por", "spa", "eng")),
        ("pt-BR", ("por", "spa", "eng")),
        ("en", ("eng", "spa", "por")),
        ("es", ("spa", "por", "eng")),
        (None, ("spa", "por", "eng")),
        ("fr", ("spa", "por", "eng")),  # no French model installed: the usual order
    ],
)
def test_the_senders_language_is_read_first(language: str | None, expected: tuple[str]) -> None:
    assert reading_languages(language) == expected


@pytest.fixture
def tesseract_runs(tmp_path: Path) -> Iterator[Path]:
    """A Tesseract that writes down the languages of each reading (`-` for OSD), then
    reads; its other runs (the version asked) are not readings."""
    seen = tmp_path / "runs"
    wrapper = tmp_path / "tesseract"
    real = shutil.which("tesseract")
    wrapper.write_text(
        "#!/bin/sh\n"
        'lang=-; prev=""\n'
        'for a in "$@"; do [ "$prev" = "-l" ] && lang=$a; prev=$a; done\n'
        f'[ "$#" -gt 1 ] && echo "$lang" >> {seen}\n'
        f'exec {real} "$@"\n'
    )
    wrapper.chmod(0o755)
    previous = tesseract_command()
    use_tesseract(str(wrapper))
    try:
        yield seen
    finally:
        use_tesseract(previous)


def _png() -> bytes:
    buf = io.BytesIO()
    render_image(CASE).save(buf, "PNG")
    return buf.getvalue()


@needs_ocr
def test_a_clear_picture_is_read_once_in_the_senders_language(tesseract_runs: Path) -> None:
    doc = read_document_text(_png(), "image/png", languages=reading_languages("pt"), timeout_s=120)
    assert CASE.vendor in doc.text
    assert tesseract_runs.read_text().split() == ["por"]


@needs_ocr
def test_a_turned_picture_is_read_again_in_every_language(tesseract_runs: Path) -> None:
    data = degrade(render_image(CASE), "light", random.Random(1), turn=180)
    doc = read_document_text(data, "image/jpeg", languages=reading_languages("en"), timeout_s=120)
    assert CASE.vendor in doc.text
    first, *rest = tesseract_runs.read_text().split()
    assert first == "eng"
    assert "eng+spa+por" in rest
