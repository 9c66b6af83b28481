"""Which language the CLI speaks, from the environment (pure: no process, no locale)."""

from __future__ import annotations

import pytest

from reactiond.cli.text import Language, language_from_env


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LANG": "pt_BR"}, "pt"),
        ({"LANG": "pt_PT.UTF-8@euro"}, "pt"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "es_ES.UTF-8", "LC_MESSAGES": "pt_BR.UTF-8"}, "pt"),
        ({"LANG": "es_ES.UTF-8", "LC_MESSAGES": "pt_BR", "LC_ALL": "en_US"}, "en"),
        ({"LANG": "es_ES.UTF-8", "LC_ALL": ""}, "es"),
        ({"LANG": "es_ES.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "en"),
        ({"LANG": "es_ES.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "es_ES.UTF-8", "REACTIOND_LANGUAGE": "pt"}, "pt"),
        ({"LC_ALL": "pt_BR", "REACTIOND_LANGUAGE": "ES"}, "es"),
        ({"LANG": "pt_BR", "REACTIOND_LANGUAGE": "klingon"}, "pt"),
        ({"LANG": "pt_BR", "REACTIOND_LANGUAGE": ""}, "pt"),
    ],
)
def test_language_comes_from_reactiond_language_then_the_posix_locale(
    env: dict[str, str], expected: Language
) -> None:
    assert language_from_env(env) == expected
