"""A WhatsApp id's number as people write it (the People page's phone column)."""

from __future__ import annotations

import pytest

from reactiond.engine.author_tz import language_of_number, zone_of_number
from reactiond.phone_numbers import phone_of_jid, readable_phone


@pytest.mark.parametrize(
    ("jid", "shown"),
    [
        # Mexico's WhatsApp ids keep the old mobile "1": the number is +52 55 …
        ("5215512345678@s.whatsapp.net", "+52 55 1234 5678"),
        ("5511987654321@s.whatsapp.net", "+55 11 98765-4321"),
        ("14155550123@s.whatsapp.net", "+1 415-555-0123"),
        ("33612345678@s.whatsapp.net", "+33 6 12 34 56 78"),
        ("5215512345678:12@s.whatsapp.net", "+52 55 1234 5678"),  # a device's id
        ("999@s.whatsapp.net", "+999"),  # no country's number: its digits
    ],
)
def test_a_phone_jid_is_shown_as_people_write_the_number(jid: str, shown: str) -> None:
    assert readable_phone(jid) == shown


@pytest.mark.parametrize("jid", ["190000000000002@lid", "120363000000000000@g.us", ""])
def test_an_id_that_is_no_phone_number_shows_none(jid: str) -> None:
    assert readable_phone(jid) is None


# A forged "phone" JID in other scripts' digits: str.isdigit() passed them and
# phonenumbers read "١٢٣٤٥٦٧٨٩٠١" as 12345678901, so the People page showed
# "+1 234-567-8901" (someone else's number) and read the person's messages in New York's
# zone. WhatsApp's ids are ASCII digits: anything else is no number.
FORGED = [
    "١٢٣٤٥٦٧٨٩٠١@s.whatsapp.net",
    "12²@s.whatsapp.net",
    "５２１５５１２３４５６７８@s.whatsapp.net",
]


@pytest.mark.parametrize("jid", FORGED)
def test_a_phone_jid_in_other_digits_is_no_number(jid: str) -> None:
    assert phone_of_jid(jid) is None
    assert readable_phone(jid) is None
    assert zone_of_number(jid.split("@")[0]) is None
    assert language_of_number(jid) is None


@pytest.mark.parametrize(
    ("jid", "phone"),
    [
        ("5215512345678@s.whatsapp.net", "5215512345678"),
        ("5215512345678:12@s.whatsapp.net", "5215512345678"),
        ("190000000000002@lid", None),
        ("120363000000000000@g.us", None),
        ("@s.whatsapp.net", None),
        ("abc@s.whatsapp.net", None),
    ],
)
def test_the_number_a_jid_carries(jid: str, phone: str | None) -> None:
    assert phone_of_jid(jid) == phone


def test_a_groups_id_has_no_language() -> None:
    """A group's id is digits too (120363…: +1 read as a number): no country's language."""
    assert language_of_number("120363000000000000@g.us") is None
