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
