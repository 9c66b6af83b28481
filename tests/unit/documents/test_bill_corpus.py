"""The proof of issue 23: bills generated in three languages and five layouts, read back.

Floors: vendor, amount, currency and due all right on ≥ 90 % of the pictures at moderate
degradation (skew up to 2.5°, some turned 90°/180°/270°, blur, noise, JPEG quality 50) and on
≥ 98 % of the PDFs (text and scanned). The files are generated once per session (seeded:
the same bytes every run) in a temporary directory. OCR runs two at a time (it is a child
process per picture, and the machine has two cores); figures per strength are in
docs/benchmarks.md (`python -m bench.documents`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reactiond.documents import read_document_text
from tests.unit.documents.corpus import (
    BillCase,
    degrade,
    make_case,
    render_image,
    render_pdf,
)
from tests.unit.documents.ocr import needs_fonts, needs_ocr
from tests.unit.documents.scoring import miss

IMAGES = 40
TEXT_PDFS = 60
SCANNED_PDFS = 8
IMAGE_FLOOR = 0.90
PDF_FLOOR = 0.98
_TURNS = (90, 180, 270)


def turn_of(i: int) -> int:
    """One picture in eight lies sideways or upside down."""
    return _TURNS[(i // 8) % 3] if i % 8 == 7 else 0


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bill-corpus")


def _cached(path: Path, make: Callable[[], bytes]) -> bytes:
    if not path.exists():
        path.write_bytes(make())
    return path.read_bytes()


def _score(items: Sequence[tuple[BillCase, bytes, str]], floor: float) -> tuple[float, list[str]]:
    def one(item: tuple[BillCase, bytes, str]) -> str | None:
        case, data, mimetype = item
        return miss(case, read_document_text(data, mimetype, timeout_s=60).text)

    with ThreadPoolExecutor(max_workers=2) as pool:
        misses = [m for m in pool.map(one, items) if m is not None]
    return 1 - len(misses) / len(items), misses


@pytest.mark.slow  # the suite's longest test (~35 s of CPU): started first under xdist
@needs_ocr
def test_bills_in_pictures_at_moderate_degradation(corpus_dir: Path) -> None:
    items = []
    for i in range(IMAGES):
        case = make_case(i)
        data = _cached(
            corpus_dir / f"{case.id}-moderate.jpg",
            lambda case=case, i=i: degrade(  # type: ignore[misc]
                render_image(case), "moderate", random.Random(i), turn=turn_of(i)
            ),
        )
        items.append((case, data, "image/jpeg"))
    score, misses = _score(items, IMAGE_FLOOR)
    assert score >= IMAGE_FLOOR, "\n".join(misses)


@pytest.mark.slow
@needs_ocr
def test_bills_in_pdfs_text_and_scanned(corpus_dir: Path) -> None:
    items = []
    for i in range(TEXT_PDFS + SCANNED_PDFS):
        case = make_case(1000 + i)
        scanned = i >= TEXT_PDFS
        name = f"{case.id}-{'scan' if scanned else 'text'}.pdf"
        data = _cached(corpus_dir / name, lambda case=case, s=scanned: render_pdf(case, scanned=s))  # type: ignore[misc]
        items.append((case, data, "application/pdf"))
    score, misses = _score(items, PDF_FLOOR)
    assert score >= PDF_FLOOR, "\n".join(misses)


@needs_fonts
def test_the_corpus_is_the_same_every_run() -> None:
    case = make_case(5)
    first = degrade(render_image(case), "moderate", random.Random(5), turn=90)
    again = degrade(render_image(make_case(5)), "moderate", random.Random(5), turn=90)
    assert first == again
    assert render_pdf(case) == render_pdf(make_case(5))
