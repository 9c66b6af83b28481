"""The reply language of someone reactiond never read a message from comes from the
country of their phone number (found in the new-user review: the owner, +52, was answered
in English when reacting to a message reactiond never saw)."""

from __future__ import annotations

import pytest

from reactiond.engine.author_tz import language_of_number


@pytest.mark.parametrize(
    ("jid", "lang"),
    [
        ("5215512345678@s.whatsapp.net", "es"),
        ("34612345678@s.whatsapp.net", "es"),
        ("5511987654321@s.whatsapp.net", "pt"),
        ("351912345678@s.whatsapp.net", "pt"),
        ("14155550123@s.whatsapp.net", "en"),
        # issue 21: the francophone countries, and Quebec's area codes within +1
        ("33612345678@s.whatsapp.net", "fr"),
        ("32470123456@s.whatsapp.net", "fr"),
        ("41791234567@s.whatsapp.net", "fr"),
        ("221771234567@s.whatsapp.net", "fr"),
        ("2250701234567@s.whatsapp.net", "fr"),
        ("237671234567@s.whatsapp.net", "fr"),
        ("212612345678@s.whatsapp.net", "fr"),
        ("15145551234@s.whatsapp.net", "fr"),
        ("14185551234@s.whatsapp.net", "fr"),
        ("14165551234@s.whatsapp.net", "en"),
    ],
)
def test_a_numbers_country_gives_its_language(jid: str, lang: str) -> None:
    assert language_of_number(jid) == lang


@pytest.mark.parametrize(
    "jid", ["4915112345678@s.whatsapp.net", "190000000000002@lid", "not a number", ""]
)
def test_no_language_for_other_countries_lids_or_garbage(jid: str) -> None:
    assert language_of_number(jid) is None
