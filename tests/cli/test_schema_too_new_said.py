"""A database or a backup a newer reactiond wrote is refused in the CLI's language: the
reader learns to upgrade reactiond in Spanish, Portuguese or French too."""

from __future__ import annotations

import pytest

from reactiond.cli.click import say

TOO_NEW = [
    "the database is at schema version 18 but this reactiond knows only 17: upgrade"
    " reactiond, or restore a backup made by this version",
    "/b/x.db has schema version 18, newer than this reactiond (17): upgrade reactiond first",
    "the target database is at schema version 18, newer than this reactiond (17): upgrade"
    " reactiond; nothing was copied",
    "/d/reactiond.db is at schema version 18, newer than this reactiond (17): upgrade"
    " reactiond, then copy",
    "the PostgreSQL database is at schema version 18, newer than this reactiond (17): back it"
    " up with the reactiond that uses it, or upgrade this one",
]


@pytest.mark.parametrize("english", TOO_NEW)
@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_a_newer_schema_is_said_in_the_cli_language(english: str, language: str) -> None:
    said = say(english, language)
    assert "schema version" not in said and "reactiond" in said
    assert "18" in said and "17" in said


@pytest.mark.parametrize(
    ("language", "wrapper"),
    [
        ("es", "la copia de seguridad falló: "),
        ("pt", "o backup falhou: "),
        ("fr", "la sauvegarde a échoué : "),
    ],
)
def test_a_failed_backup_is_said_whole_in_the_cli_language(language: str, wrapper: str) -> None:
    """The backup's own words around what failed inside it, both in the reader's language."""
    inner = TOO_NEW[4]
    said = say(f"the backup failed: {inner}; nothing was written to /b/x.db", language)
    assert said.startswith(wrapper) and said.endswith("/b/x.db"), said
    assert "the backup failed" not in said and "nothing was written" not in said
    assert said[len(wrapper) :].split(";")[0].strip() == say(inner, language).split(";")[0].strip()
