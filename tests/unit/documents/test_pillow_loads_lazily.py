"""Pillow and pytesseract load with the first picture read, not with the daemon: a daemon
nobody sends pictures to does not carry them (about 4 MB of RSS)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# Every module of the package but the one that reads pictures (and `__main__`, which runs
# the CLI): what the daemon, the CLI and their tests may import.
_IMPORT_ALL = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    import reactiond
    for module in pkgutil.walk_packages(reactiond.__path__, "reactiond."):
        if module.name not in ("reactiond.documents.image", "reactiond.__main__"):
            importlib.import_module(module.name)
    print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in {"PIL", "pytesseract"})))
    """
)


def test_importing_the_daemons_modules_does_not_load_pillow() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == []


def test_reading_a_picture_loads_it() -> None:
    # The other side: the same check sees Pillow when a picture is read.
    script = (
        "import sys\n"
        "from reactiond.documents import DocumentError, read_document_text\n"
        "try:\n"
        "    read_document_text(b'\\x89PNG\\r\\n\\x1a\\n', 'image/png')\n"
        "except DocumentError:\n"
        "    pass\n"
        "print('PIL' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "True"
