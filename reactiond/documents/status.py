"""Is OCR installed here? What `doctor` and the 💳 path ask before reading a picture."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

__all__ = ["APT_PACKAGES", "LANGUAGE_PACKAGES", "OcrStatus", "ocr_status"]

# Debian/Raspberry Pi OS packages: the binaries, and one package per language's data.
APT_PACKAGES = ("tesseract-ocr", "poppler-utils")
LANGUAGE_PACKAGES = {
    "spa": "tesseract-ocr-spa",
    "por": "tesseract-ocr-por",
    "eng": "tesseract-ocr-eng",
    "osd": "tesseract-ocr-osd",
}
_PROBE_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class OcrStatus:
    """`available` when pictures and scanned PDFs can be read with every language we need;
    `missing` lists the apt packages to install (`sudo apt-get install …`)."""

    available: bool
    missing: tuple[str, ...]
    tesseract_version: str | None
    languages: tuple[str, ...]


def _run(*args: str) -> str | None:
    try:
        done = subprocess.run(
            args, capture_output=True, text=True, timeout=_PROBE_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout + done.stderr if done.returncode == 0 else None


@cache
def _probe(tesseract: str | None, pdftotext: str | None, pdftoppm: str | None) -> OcrStatus:
    missing: list[str] = []
    version: str | None = None
    languages: tuple[str, ...] = ()
    if tesseract is None:
        missing.append("tesseract-ocr")
    else:
        out = _run(tesseract, "--version") or ""
        first = out.strip().splitlines()[0] if out.strip() else ""
        version = first.removeprefix("tesseract").strip() or None
        listed = _run(tesseract, "--list-langs") or ""
        # the first line is a heading ("List of available languages in …")
        languages = tuple(
            sorted(w.strip() for w in listed.splitlines()[1:] if w.strip() and " " not in w)
        )
    for lang, package in LANGUAGE_PACKAGES.items():
        if lang not in languages:
            missing.append(package)
    if pdftotext is None or pdftoppm is None:
        missing.append("poppler-utils")
    return OcrStatus(not missing, tuple(missing), version, languages)


def ocr_status() -> OcrStatus:
    """What is installed, probed once per set of binaries found on PATH (cheap after that:
    a `doctor` run or each 💳 on a picture may ask). Blocking: runs `tesseract` twice."""
    return _probe(shutil.which("tesseract"), shutil.which("pdftotext"), shutil.which("pdftoppm"))
