"""Text out of pictures and PDFs (issue 23), on this machine, offline.

`read_document_text(data, mimetype)` → `DocumentText`, or a `DocumentError` whose `reason`
says what to do; `ocr_status()` says whether Tesseract and poppler are installed, and which
apt packages are missing; `use_tesseract(cmd)` names the Tesseract program. Blocking
functions: run them off the event loop (see `read_document_text`). Nothing here touches the
database, the network or the loop, and importing it does not load Pillow (a picture read
does).
"""

from __future__ import annotations

from reactiond.documents.errors import DocumentError, Reason
from reactiond.documents.program import use_tesseract
from reactiond.documents.read import DocumentText, Method, read_document_text, reading_languages
from reactiond.documents.status import OcrStatus, ocr_status

__all__ = [
    "DocumentError",
    "DocumentText",
    "Method",
    "OcrStatus",
    "Reason",
    "ocr_status",
    "read_document_text",
    "reading_languages",
    "use_tesseract",
]
