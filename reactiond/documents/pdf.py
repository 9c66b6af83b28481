"""Text out of a PDF: its text layer through poppler's `pdftotext`, and Tesseract only for a
page with no text (a scan saved as PDF), rendered by poppler's `pdftoppm`.

Why poppler rather than pypdf: a scanned page must be rendered to pixels for OCR, which pypdf
cannot do, so poppler-utils is needed anyway; one library then serves both jobs, its text
extraction keeps a bill's rows (`-layout`: "Total a pagar      $ 1.234,56" on one line), and
it runs as a child process with a timeout, so a hostile PDF costs a bounded time and memory
in a process we can kill rather than in the daemon.

At most `max_pages` pages are read (a bill's figures are on its first pages; a 300-page PDF
is not read whole). A rendered page is at most _RENDER_SIDE pixels on its long side.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from reactiond.documents.budget import Budget
from reactiond.documents.errors import DocumentError

__all__ = ["read_pdf"]

_RENDER_SIDE = 2200  # A4 at ~190 dpi: body text 25–35 px high, what Tesseract reads best
_PAGES = re.compile(r"^Pages:\s+(\d+)", re.MULTILINE)
_MIN_PAGE_CHARS = 16  # fewer letters than this on a page: a scan with a stray text object


def _poppler(args: Sequence[str], budget: Budget) -> bytes:
    try:
        done = subprocess.run(list(args), capture_output=True, timeout=budget.step(), check=False)
    except FileNotFoundError as exc:
        raise DocumentError(
            "not_installed",
            f"{args[0]} is not installed: sudo apt-get install poppler-utils",
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise DocumentError("timed_out", f"{args[0]} took longer than its time limit") from exc
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DocumentError(
            "unreadable",
            f"the PDF could not be read ({args[0]} exit {done.returncode}: "
            f"{err[-1][:200] if err else 'no message'})",
        )
    return done.stdout


def read_pdf(
    data: bytes,
    *,
    languages: Sequence[str],
    budget: Budget,
    max_pixels: int,
    max_pages: int,
) -> tuple[list[str], int]:
    """The text of each page read, and how many of them needed OCR."""
    with tempfile.TemporaryDirectory(prefix="reactiond-pdf-") as tmp:
        path = Path(tmp) / "document.pdf"
        path.write_bytes(data)
        info = _poppler(["pdfinfo", str(path)], budget).decode("utf-8", "replace")
        found = _PAGES.search(info)
        total = int(found.group(1)) if found else 0
        if total <= 0:
            raise DocumentError("unreadable", "the PDF has no pages")
        last = min(total, max_pages)
        layer = _poppler(
            ["pdftotext", "-layout", "-enc", "UTF-8", "-f", "1", "-l", str(last), str(path), "-"],
            budget,
        ).decode("utf-8", "replace")
        pages = layer.split("\f")[:last]
        pages += [""] * (last - len(pages))
        scanned = 0
        for number, text in enumerate(pages, start=1):
            if sum(ch.isalnum() for ch in text) >= _MIN_PAGE_CHARS:
                continue
            png = _poppler(
                [
                    # PGM, not PNG: compressing the page costs pdftoppm ten times the render
                    "pdftoppm", "-gray", "-f", str(number), "-l", str(number),
                    "-scale-to", str(_RENDER_SIDE), str(path),
                ],
                budget,
            )  # fmt: skip
            # Here, not at the top: Pillow loads with the first scanned page read.
            from reactiond.documents.image import ocr_image, open_image

            img = open_image(png, max_pixels=max_pixels)
            pages[number - 1] = ocr_image(img, languages=languages, budget=budget)
            scanned += 1
    return pages, scanned
