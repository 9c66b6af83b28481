"""Which Tesseract program pictures are read with (REACTIOND_OCR_TESSERACT_CMD).

Kept apart from the reading (`image.py`) so that naming the program at start-up does not
load Pillow and pytesseract: they are imported when a picture is first read (the megabytes
of RSS they take are not paid by a daemon nobody sends pictures to)."""

from __future__ import annotations

__all__ = ["DEFAULT_TESSERACT", "tesseract_command", "use_tesseract"]

# The program's name when REACTIOND_OCR_TESSERACT_CMD is not set: found on PATH, installed
# by apt. Any other value was chosen by someone, so a problem with it is the setting's.
DEFAULT_TESSERACT = "tesseract"

_command = DEFAULT_TESSERACT


def use_tesseract(cmd: str) -> None:
    """Read pictures with `cmd` (a name on PATH or a path). Process-wide, as pytesseract's
    own setting is: set once, by the composition root, before any picture is read."""
    global _command
    _command = cmd


def tesseract_command() -> str:
    return _command
