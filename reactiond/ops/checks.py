"""The one check model that `reactiond doctor` and `GET /api/health` share.

A check is a name, a status (ok, warn, FAIL) and one sentence: what was found when ok,
what is wrong otherwise; `hint` says what to do and `facts` carry the figures a machine
reader wants (health's JSON). The findings both surfaces make are read here once, as
plain functions of what was measured: the disk's free space and Evolution's answer about
an instance. Each surface then only chooses which checks it runs and how it words and
prints them: doctor as lines in the reader's language (`cli/text.py`), health as English
JSON for supervisors and load balancers.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from reactiond.documents import OcrStatus
from reactiond.evolution.client import (
    EvolutionClient,
    EvolutionError,
    EvolutionUnauthorized,
    EvolutionUnavailable,
    InstanceNotFound,
    LicenseRequired,
    UnknownRoute,
)

# Below this free space in the data directory, writes will soon fail (both surfaces fail).
MIN_FREE_BYTES = 50 * 1024 * 1024
# Below this, doctor warns ahead of time.
LOW_FREE_BYTES = 500 * 1024 * 1024


class Status(Enum):
    # The same in every language: it is the column scripts and people grep for FAIL.
    OK = "ok"
    WARN = "warn"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Check:
    """One check's result. `ok` (not FAIL) is what health's 200 needs; WARN passes with
    something a person should know."""

    name: str
    status: Status
    detail: str = ""  # what was found when ok; what is wrong (and, for doctor, what to do)
    hint: str | None = None  # what to do, when the surface says it apart from `detail`
    facts: Mapping[str, Any] = field(default_factory=dict)  # figures, for JSON readers

    @property
    def ok(self) -> bool:
        return self.status is not Status.FAIL


def ok(
    name: str, detail: str = "", *, hint: str | None = None, facts: Mapping[str, Any] | None = None
) -> Check:
    return Check(name, Status.OK, detail, hint, facts or {})


def warn(
    name: str, detail: str, *, hint: str | None = None, facts: Mapping[str, Any] | None = None
) -> Check:
    return Check(name, Status.WARN, detail, hint, facts or {})


def failed(
    name: str, detail: str, *, hint: str | None = None, facts: Mapping[str, Any] | None = None
) -> Check:
    return Check(name, Status.FAIL, detail, hint, facts or {})


# -- the disk ----------------------------------------------------------------------------


def free_bytes(path: Path) -> int | None:
    """Free space on the disk holding `path`; None when it cannot be known."""
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def disk_status(free: int | None, *, min_free: int = MIN_FREE_BYTES, low_free: int = 0) -> Status:
    """FAIL below `min_free`, WARN below `low_free`; unknown space is no finding."""
    if free is None:
        return Status.OK
    if free < min_free:
        return Status.FAIL
    if free < low_free:
        return Status.WARN
    return Status.OK


# -- Evolution ---------------------------------------------------------------------------


class Answer(Enum):
    """What Evolution said about an instance."""

    OPEN = "open"  # WhatsApp is connected
    NOT_OPEN = "not_open"  # connecting, close, refused: `state` says which
    UNAVAILABLE = "unavailable"  # no useful answer (down, timeout, 5xx)
    UNAUTHORIZED = "unauthorized"  # the API key was refused
    UNKNOWN_ROUTE = "unknown_route"  # a wrong base URL (proxy prefix)
    LICENSE_REQUIRED = "license_required"  # Evolution 2.4 before its licence
    NOT_FOUND = "not_found"  # no such instance
    ERROR = "error"  # any other refusal


@dataclass(frozen=True)
class InstanceState:
    instance: str
    answer: Answer
    state: str | None = None  # Evolution's connection state, when it gave one
    message: str = ""  # the client's (English) words for a failure
    said: str = ""  # the server's own words, for an unknown route


async def instance_state(client: EvolutionClient, instance: str) -> InstanceState:
    """Ask Evolution whether `instance`'s WhatsApp is connected; every failure is an
    answer too, never an exception."""
    try:
        state = await client.connection_state(instance)
    except EvolutionUnauthorized as exc:
        return InstanceState(instance, Answer.UNAUTHORIZED, message=exc.message)
    except UnknownRoute as exc:
        return InstanceState(instance, Answer.UNKNOWN_ROUTE, message=exc.message, said=exc.said)
    except LicenseRequired as exc:
        return InstanceState(instance, Answer.LICENSE_REQUIRED, message=exc.message)
    except InstanceNotFound as exc:
        return InstanceState(instance, Answer.NOT_FOUND, message=exc.message)
    except EvolutionUnavailable as exc:
        return InstanceState(instance, Answer.UNAVAILABLE, message=exc.message)
    except EvolutionError as exc:
        return InstanceState(instance, Answer.ERROR, message=exc.message)
    answer = Answer.OPEN if state.is_open else Answer.NOT_OPEN
    return InstanceState(instance, answer, state=state.state)


# -- pictures and PDFs (issue 23) ---------------------------------------------------------

OCR_PACKAGES = (
    "tesseract-ocr",
    "tesseract-ocr-spa",
    "tesseract-ocr-por",
    "tesseract-ocr-eng",
    "poppler-utils",
)
OCR_INSTALL = "sudo apt install " + " ".join(OCR_PACKAGES)


def ocr_check(status: OcrStatus) -> Check:
    """Whether a 💳 on a picture or a PDF can be read here: a warning, never a failure
    (text messages work without it), naming the apt command that enables it, or, when
    REACTIOND_OCR_TESSERACT_CMD names a program that cannot be run, how to fix the setting.
    In English (health); doctor words it from `facts` in the reader's language."""
    missing = list(status.missing)
    facts = {
        "missing": missing,
        "tesseract_version": status.tesseract_version,
        "command": status.command,
        "command_problem": status.command_problem,
    }
    setting = f"REACTIOND_OCR_TESSERACT_CMD={status.command}"
    if status.command_problem == "not_found":
        detail = f"bills from pictures and PDFs are off: {setting} is not found"
        hint = "correct it (a name on PATH or a full path), or unset it to use tesseract"
        return warn("ocr", detail, hint=hint, facts=facts)
    if status.command_problem == "not_executable":
        detail = f"bills from pictures and PDFs are off: {setting} is not executable"
        hint = f"chmod +x {status.command}, or point the setting at the Tesseract program"
        return warn("ocr", detail, hint=hint, facts=facts)
    if missing:
        detail = f"bills from pictures and PDFs are off: {', '.join(missing)} missing"
        return warn("ocr", detail, hint=f"install them: {OCR_INSTALL}", facts=facts)
    return ok(
        "ocr", f"pictures and PDFs read with Tesseract {status.tesseract_version}", facts=facts
    )
