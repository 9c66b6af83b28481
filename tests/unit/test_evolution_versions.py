"""What reactiond says about each Evolution version (issue 13 §6, docs/evolution-versions.md)."""

from __future__ import annotations

import pytest

from reactiond.evolution.versions import VersionWarning, parse_version, version_warnings

W = VersionWarning


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("2.1.1", [W.TOO_OLD, W.NO_LID_SEND]),
        ("2.2.3", [W.NO_LID_SEND]),
        ("2.3.0", [W.NO_LID_SEND]),
        ("2.3.5", [W.NO_LID_SEND]),
        ("2.3.6", []),
        ("2.3.7", []),
        ("v2.3.7", []),
        ("2.4.0-rc2", [W.LID_NO_ALT]),
        ("2.5.0", [W.LID_NO_ALT, W.NEWER]),
        (None, [W.UNKNOWN]),
        ("", [W.UNKNOWN]),
        ("latest", [W.UNKNOWN]),
    ],
)
def test_each_version_gets_its_warnings(
    version: str | None, expected: list[VersionWarning]
) -> None:
    assert version_warnings(version) == expected


def test_a_release_candidate_sorts_with_its_release() -> None:
    v = parse_version("2.4.0-rc2")
    assert v is not None and (v.major, v.minor, v.patch, v.pre) == (2, 4, 0, "rc2")
    assert str(v) == "2.4.0-rc2"


def test_every_warning_has_a_sentence_in_every_language() -> None:
    from reactiond.cli.text import CATALOG

    for w in VersionWarning:
        text = CATALOG[f"evolution.version.{w.value}"]
        for language in ("en", "es", "pt"):
            assert "{version}" in text.get(language) or w is W.UNKNOWN


def test_the_version_matrix_names_every_fixture_it_is_tested_by() -> None:
    from pathlib import Path

    from tests.fixtures import EVOLUTION

    doc = (Path(__file__).resolve().parents[2] / "docs/evolution-versions.md").read_text()
    for path in (EVOLUTION / "versions").glob("2.*.json"):
        assert f"`{path.stem}`" in doc, path.stem
