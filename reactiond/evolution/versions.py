"""What reactiond knows about each Evolution API version (CONTRACT.md §9, and
docs/evolution-versions.md, which the fixtures in `versions/` test). Pure.

`GET /` on an Evolution server answers its version; `evolution connect` and `doctor`
report it and name what a version is known to get wrong about LID contacts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

# The newest version whose payloads reactiond was checked against.
NEWEST_KNOWN = (2, 4, 0)
_VERSION = re.compile(r"^\s*v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+.]?(.*))?$")


class VersionWarning(StrEnum):
    """Keys of the sentences (cli/text.py `evolution.version.<key>`) that explain each."""

    UNKNOWN = "unknown"  # GET / gave no version we can read
    TOO_OLD = "too_old"  # before 2.2: not tested at all
    NO_LID_SEND = "no_lid_send"  # before 2.3.6: cannot send to @lid JIDs
    LID_NO_ALT = "lid_no_alt"  # 2.4: group participants @lid with no phone number
    NEWER = "newer"  # newer than reactiond was checked against


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int
    patch: int
    pre: str = ""  # "rc2" for 2.4.0-rc2; empty for a release

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}" + (f"-{self.pre}" if self.pre else "")


def parse_version(text: str | None) -> Version | None:
    if not text:
        return None
    m = _VERSION.match(text)
    if m is None:
        return None
    return Version(int(m[1]), int(m[2]), int(m[3] or 0), (m[4] or "").strip())


def version_warnings(text: str | None) -> list[VersionWarning]:
    """What to tell the operator about this Evolution version, most important first."""
    v = parse_version(text)
    if v is None:
        return [VersionWarning.UNKNOWN]
    base = (v.major, v.minor, v.patch)
    found: list[VersionWarning] = []
    if base < (2, 2, 0):
        found.append(VersionWarning.TOO_OLD)
    if base < (2, 3, 6):
        found.append(VersionWarning.NO_LID_SEND)
    if base >= (2, 4, 0):
        found.append(VersionWarning.LID_NO_ALT)
    if base > NEWEST_KNOWN:
        found.append(VersionWarning.NEWER)
    return found
