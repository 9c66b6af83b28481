"""Is OCR installed here? What `doctor` and the 💳 path ask before reading a picture."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from reactiond.documents.program import DEFAULT_TESSERACT

__all__ = [
    "APT_PACKAGES",
    "DEFAULT_TESSERACT",
    "LANGUAGE_PACKAGES",
    "CommandProblem",
    "OcrStatus",
    "ocr_status",
]

# Why a configured Tesseract command cannot be run: no such program (a path that does not
# exist, a name not on PATH), or a file that is there but cannot be run (mode, directory).
CommandProblem = Literal["not_found", "not_executable"]

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
    # The Tesseract program asked about (REACTIOND_OCR_TESSERACT_CMD), and, when it is not
    # the default and cannot be run, why: then the fix is the setting, not apt.
    command: str = DEFAULT_TESSERACT
    command_problem: CommandProblem | None = None


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


def _command_problem(command: str) -> CommandProblem:
    """Why `command`, which `shutil.which` did not resolve, cannot be run."""
    if os.path.dirname(command) and os.path.exists(command):
        return "not_executable"  # there, but no x bit for us, or a directory
    return "not_found"


def ocr_status(tesseract_cmd: str = DEFAULT_TESSERACT) -> OcrStatus:
    """What is installed, with `tesseract_cmd` (REACTIOND_OCR_TESSERACT_CMD: a name on PATH
    or a path) as the Tesseract program, the one pictures are read with. Probed once per set
    of programs found (cheap after that: a `doctor` run or each 💳 on a picture may ask).
    Blocking: runs Tesseract twice."""
    tesseract = shutil.which(tesseract_cmd)
    status = _probe(tesseract, shutil.which("pdftotext"), shutil.which("pdftoppm"))
    problem = None
    if tesseract is None and tesseract_cmd != DEFAULT_TESSERACT:
        problem = _command_problem(tesseract_cmd)
    return replace(status, command=tesseract_cmd, command_problem=problem)
