"""Every `REACTIOND_*` variable the project itself reads (scripts, CI, tests, benches) is
either a setting or listed in `OTHER_ENV`: otherwise `reactiond run` and `doctor` warn
that a variable the README tells you to set (`REACTIOND_TEST_NO_APT=1 ./scripts/test`)
is a typo."""

from __future__ import annotations

import re

from reactiond.settings import unknown_env
from tests.fixtures import REPO

# How a script or module reads a variable: `${NAME…}`, `$NAME`, `environ["NAME"]`,
# `environ.get("NAME"`, `getenv("NAME"`.
_READ = re.compile(r'(?:\$\{?|environ(?:\.get\()?\[?"|getenv\(")(REACTIOND_[A-Z0-9_]+)')
_WHERE = ("scripts", ".ci", "reactiond", "tests", "bench", "packaging", "systemd")


def _names_read() -> set[str]:
    names: set[str] = set()
    for top in _WHERE:
        for path in (REPO / top).rglob("*"):
            if path.is_file() and path.suffix in ("", ".py", ".sh", ".service", ".example"):
                names |= set(_READ.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def test_the_variables_the_project_reads_are_not_reported_as_typos() -> None:
    names = _names_read()
    assert "REACTIOND_TEST_NO_APT" in names  # the scan does see scripts/
    assert [u.name for u in unknown_env(dict.fromkeys(names, "1"))] == []
